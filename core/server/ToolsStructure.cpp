// get_swing_liquidity and get_market_structure (spec analysis.md A6, A7).
#include "engine/StructureQuery.h"
#include "model/Fixed.h"
#include "server/JsonEncoders.h"
#include "server/ToolArgs.h"
#include "server/ToolResult.h"
#include "server/ToolSchema.h"
#include "server/Tools.h"

#include <algorithm>
#include <cmath>

namespace co {

namespace {
const QJsonArray kIntervals{"1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h"};

int64_t intervalMs(const QString &s)
{
    const int64_t n = s.left(s.size() - 1).toLongLong();
    return s.endsWith('h') ? n * 3'600'000 : n * 60'000;
}

QJsonObject intervalProp(const char *def)
{
    return {{"type", "string"}, {"enum", kIntervals}, {"default", def}, {"description", "kline size, built from the trades"}};
}

StructureRequest requestOf(const ToolArgs &a)
{
    StructureRequest q;
    q.intervalMs = intervalMs(*a.string("interval"));
    q.lookbackBars = size_t(a.integer("lookbackBars"));
    q.pivotLeft = int(a.integer("pivotLeft"));
    q.pivotRight = int(a.integer("pivotRight"));
    if (const auto end = a.optInteger("endTime"))
        q.endMs = *end;
    return q;
}

double px(int64_t units) { return fixedToDouble(units); }

double round4(double v) { return std::round(v * 1e4) / 1e4; }

void putRange(QJsonObject &o, const StructureKlines &in)
{
    o.insert("symbol", QString::fromStdString(in.symbol));
    o.insert("bars", qint64(in.klines.size()));
    o.insert("firstBarTime", qint64(in.klines.front().openTime));
    o.insert("lastBarTime", qint64(in.klines.back().openTime));
    o.insert("lastPrice", px(in.lastPrice));
}

QJsonObject levelJson(const LiquidityLevel &l, int64_t last)
{
    QJsonObject o{{"price", px(l.price)}, {"time", qint64(l.time)}, {"swept", l.swept}};
    if (l.swept)
        o.insert("sweptAt", qint64(l.sweptAt));
    else if (last > 0)
        o.insert("distancePercent", round4(double(l.price - last) / double(last) * 100));
    return o;
}

QJsonObject swingJson(const Swing &s)
{
    return {{"time", qint64(s.time)}, {"price", px(s.price)}, {"type", s.high ? "high" : "low"}, {"label", s.label}};
}
} // namespace

ToolDef swingLiquidityTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "get_swing_liquidity";
    d.title = "Swing liquidity";
    d.description = "Buy-side (above swing highs) and sell-side (below swing lows) liquidity of one symbol from "
                    "pivots on klines of 'interval' built from the trades: each level active (with its distance "
                    "to the last price) or swept (sweptAt: the first later bar trading through it). Nearest active "
                    "levels first. Use it to see where stops rest and which pools were already taken.";
    d.inputSchema = input({{"symbol", symbol()},
                           {"interval", intervalProp("15m")},
                           {"lookbackBars", integer(20, 1500, 200, "klines used, newest kept")},
                           {"pivotLeft", integer(1, 20, 3, "bars before a pivot that it must exceed")},
                           {"pivotRight", integer(1, 20, 3, "bars after a pivot (a pivot is known that late)")},
                           {"activeOnly", QJsonObject{{"type", "boolean"}, {"default", true}, {"description", "false: swept levels too"}}},
                           {"maxLevels", integer(1, 200, 10, "levels per side")}},
                          {"symbol"});
    const QJsonObject level = output({{"price", typed("number")},
                                      {"time", typed("integer", "pivot bar open time, ms")},
                                      {"swept", typed("boolean")},
                                      {"sweptAt", typed("integer")},
                                      {"distancePercent", typed("number", "(level - last price) / last price, %")}},
                                     {"price", "time", "swept"});
    const QJsonObject counts = output({{"active", typed("integer")}, {"swept", typed("integer")}}, {"active", "swept"});
    d.outputSchema = output({{"symbol", typed("string")},
                             {"interval", typed("string")},
                             {"bars", typed("integer")},
                             {"firstBarTime", typed("integer")},
                             {"lastBarTime", typed("integer")},
                             {"lastPrice", typed("number")},
                             {"buySide", array(level)},
                             {"sellSide", array(level)},
                             {"counts", output({{"buySide", counts}, {"sellSide", counts}})},
                             {"dataQuality", dataQuality()}},
                            {"symbol", "interval", "buySide", "sellSide", "dataQuality"});
    d.run = [](const ToolArgs &a) {
        const QString symbol = a.symbol();
        const StructureRequest q = requestOf(a);
        const bool activeOnly = a.boolean("activeOnly");
        const qsizetype maxLevels = qsizetype(a.integer("maxLevels"));
        const SnapshotPtr s = a.snapshot(symbol);
        const auto result = buildSwingLiquidity(*s, q, a.nowFor(*s)); // valueOr refers into it
        const SwingLiquidityResult &r = valueOr(result);
        QJsonObject o;
        putRange(o, r.input);
        o.insert("interval", *a.string("interval"));
        const int64_t last = r.input.lastPrice;
        QJsonObject counts;
        for (const bool buy : {true, false}) {
            std::vector<LiquidityLevel> side;
            int active = 0, swept = 0;
            for (const LiquidityLevel &l : r.levels)
                if (l.buySide == buy) {
                    (l.swept ? swept : active) += 1;
                    if (!activeOnly || !l.swept)
                        side.push_back(l);
                }
            // Active levels nearest the price first, then the most recently swept.
            std::stable_sort(side.begin(), side.end(), [last](const LiquidityLevel &x, const LiquidityLevel &y) {
                if (x.swept != y.swept)
                    return !x.swept;
                if (!x.swept)
                    return std::abs(x.price - last) < std::abs(y.price - last);
                return x.sweptAt > y.sweptAt;
            });
            QJsonArray arr;
            for (const LiquidityLevel &l : side)
                if (arr.size() < maxLevels)
                    arr.append(levelJson(l, last));
            o.insert(buy ? "buySide" : "sellSide", arr);
            counts.insert(buy ? "buySide" : "sellSide", QJsonObject{{"active", active}, {"swept", swept}});
        }
        o.insert("counts", counts);
        o.insert("dataQuality", toJson(r.input.quality));
        return o;
    };
    return d;
}

ToolDef marketStructureTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "get_market_structure";
    d.title = "Market structure";
    d.description = "Market structure of one symbol on klines of 'interval': alternating swing highs/lows labelled "
                    "HH/LH/HL/LL, the trend (up: HH+HL, down: LH+LL, else range), BOS (close beyond the last swing "
                    "with the trend) and CHoCH (against it), an optional ZigZag, and endTime for the structure as "
                    "it was then. Use it to frame bias before reading order flow.";
    d.inputSchema = input({{"symbol", symbol()},
                           {"interval", intervalProp("15m")},
                           {"lookbackBars", integer(20, 1500, 300, "klines used, newest kept")},
                           {"pivotLeft", integer(1, 20, 3, "bars before a pivot that it must exceed")},
                           {"pivotRight", integer(1, 20, 3, "bars after a pivot (a pivot is known that late)")},
                           {"endTime", QJsonObject{{"type", "integer"}, {"minimum", 0}, {"description", "ms since epoch UTC: structure as of then; default now"}}},
                           {"zigzagLegMinPercent", QJsonObject{{"type", "number"}, {"minimum", 0}, {"maximum", 50}, {"default", 0},
                                                               {"description", "ZigZag turn in % from the last extreme; 0: no ZigZag"}}},
                           {"maxSwings", integer(2, 100, 10, "newest swings listed")},
                           {"maxEvents", integer(1, 50, 5, "newest BOS/CHoCH events listed")},
                           {"maxPoints", QJsonObject{{"type", "integer"}, {"minimum", 1}, {"maximum", 1000},
                                                     {"description", "the Python server's cap on swings and ZigZag points listed "
                                                                     "(up to 100; maxSwings wins)"}}}},
                          {"symbol"});
    const QJsonObject swing = output({{"time", typed("integer")}, {"price", typed("number")}, {"type", typed("string")}, {"label", typed("string")}},
                                     {"time", "price", "type"});
    const QJsonObject event = output({{"type", QJsonObject{{"type", "string"}, {"enum", QJsonArray{"BOS", "CHoCH"}}}},
                                      {"direction", QJsonObject{{"type", "string"}, {"enum", QJsonArray{"up", "down"}}}},
                                      {"time", typed("integer", "open time of the bar that closed beyond the swing")},
                                      {"level", typed("number")},
                                      {"close", typed("number")},
                                      {"swingTime", typed("integer")}},
                                     {"type", "direction", "time", "level"});
    d.outputSchema = output({{"symbol", typed("string")},
                             {"interval", typed("string")},
                             {"bars", typed("integer")},
                             {"lastPrice", typed("number")},
                             {"trend", QJsonObject{{"type", "string"}, {"enum", QJsonArray{"up", "down", "range"}}}},
                             {"lastSwingHigh", swing},
                             {"lastSwingLow", swing},
                             {"swings", array(swing)},
                             {"swingCount", typed("integer")},
                             {"events", array(event)},
                             {"eventCount", typed("integer")},
                             {"zigzag", typed("array")},
                             {"dataQuality", dataQuality()}},
                            {"symbol", "interval", "trend", "swings", "events", "dataQuality"});
    d.run = [](const ToolArgs &a) {
        const QString symbol = a.symbol();
        StructureRequest q = requestOf(a);
        q.zigzagPercent = a.number("zigzagLegMinPercent");
        // maxPoints (the Python server's) stands for maxSwings and the ZigZag cap when maxSwings is absent.
        const auto points = a.has("maxPoints") && !a.has("maxSwings") ? std::optional<int64_t>(std::clamp<int64_t>(a.integer("maxPoints"), 2, 100)) : std::nullopt;
        const qsizetype maxSwings = qsizetype(points.value_or(a.integer("maxSwings"))), maxEvents = qsizetype(a.integer("maxEvents"));
        const size_t maxZigzag = size_t(points.value_or(20));
        const SnapshotPtr s = a.snapshot(symbol);
        const auto result = buildMarketStructure(*s, q, a.nowFor(*s)); // valueOr refers into it
        const MarketStructureResult &r = valueOr(result);
        const MarketStructure &m = r.structure;
        QJsonObject o;
        putRange(o, r.input);
        o.insert("interval", *a.string("interval"));
        if (q.endMs != INT64_MAX)
            o.insert("endTime", qint64(q.endMs));
        o.insert("trend", trendName(m.trend));
        for (auto it = m.swings.rbegin(); it != m.swings.rend(); ++it) {
            const char *key = it->high ? "lastSwingHigh" : "lastSwingLow";
            if (!o.contains(key))
                o.insert(key, swingJson(*it));
        }
        QJsonArray swings, events, zz;
        for (size_t i = m.swings.size() > size_t(maxSwings) ? m.swings.size() - size_t(maxSwings) : 0; i < m.swings.size(); ++i)
            swings.append(swingJson(m.swings[i]));
        for (size_t i = m.events.size() > size_t(maxEvents) ? m.events.size() - size_t(maxEvents) : 0; i < m.events.size(); ++i) {
            const StructureEvent &e = m.events[i];
            events.append(QJsonObject{{"type", e.choch ? "CHoCH" : "BOS"},
                                      {"direction", e.up ? "up" : "down"},
                                      {"time", qint64(e.time)},
                                      {"level", px(e.level)},
                                      {"close", px(e.close)},
                                      {"swingTime", qint64(e.swingTime)}});
        }
        o.insert("swings", swings);
        o.insert("swingCount", qint64(m.swings.size()));
        o.insert("events", events);
        o.insert("eventCount", qint64(m.events.size()));
        if (q.zigzagPercent > 0) {
            // The newest 20 points (or maxPoints): enough to read the legs, small for a model's context.
            for (size_t i = m.zigzag.size() > maxZigzag ? m.zigzag.size() - maxZigzag : 0; i < m.zigzag.size(); ++i) {
                const ZigZagPoint &p = m.zigzag[i];
                zz.append(QJsonObject{{"time", qint64(p.time)}, {"price", px(p.price)}, {"type", p.high ? "high" : "low"}, {"confirmed", p.confirmed}});
            }
            o.insert("zigzag", zz);
        }
        o.insert("dataQuality", toJson(r.input.quality));
        return o;
    };
    return d;
}

} // namespace co
