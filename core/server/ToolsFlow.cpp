// get_orderflow_metrics, get_orderbook_depth_delta and stream_liquidations.
#include "engine/BarQueries.h"
#include "engine/DepthDeltaQuery.h"
#include "engine/LiquidationQuery.h"
#include "server/JsonEncoders.h"
#include "server/ToolArgs.h"
#include "server/ToolResult.h"
#include "server/ToolSchema.h"
#include "server/Tools.h"

#include <algorithm>
#include <cmath>

namespace co {

namespace {
constexpr int kMaxDepthPoints = 3600; // an hour of per-second samples

// The Python server's window: totals and the CVD at each bar's close (CVD_RESET as the bars).
void addWindow(QJsonObject &out, const ToolArgs &a, const EngineSnapshot &s, Timeframe tf)
{
    FootprintQuery q;
    q.timeframe = tf;
    if (const auto start = a.optInteger("startTime"))
        q.startMs = *start;
    if (const auto end = a.optInteger("endTime"))
        q.endMs = *end;
    if (q.startMs != INT64_MIN && q.endMs != INT64_MAX && q.startMs >= q.endMs)
        a.reject("endTime", "it must be later than startTime");
    QJsonArray seq;
    double buy = 0, sell = 0;
    for (const FootprintBarResult &b : footprintBars(s, q)) {
        seq.append(QJsonArray{qint64(b.openTime), b.delta, b.cvd});
        buy += b.buyVolume;
        sell += b.sellVolume;
    }
    QJsonObject w{{"bars", seq.size()}, {"buyVolume", buy}, {"sellVolume", sell}, {"delta", buy - sell}};
    if (q.startMs != INT64_MIN)
        w.insert("startTime", qint64(q.startMs));
    if (q.endMs != INT64_MAX)
        w.insert("endTime", qint64(q.endMs));
    if (seq.isEmpty())
        w.insert("note", "no bars of the window are in memory (the prior day and today are kept)");
    else
        out.insert("currentCVD", seq.last().toArray()[2]);
    out.insert("window", w);
    out.insert("cvdSequence", seq);
}
} // namespace

ToolDef orderflowMetricsTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "get_orderflow_metrics";
    d.title = "Order-flow metrics";
    d.description = "Order-flow of the current and previous bar of one symbol: delta, CVD, buy/sell volume, buy "
                    "share and buy/sell ratio, diagonal imbalance counts, stacked imbalances, large-trade share and "
                    "delta divergence, plus today's totals. Use it to judge who is in control right now.";
    d.inputSchema = input({{"symbol", symbol()},
                           {"timeframe", timeframe()},
                           {"startTime", QJsonObject{{"type", "integer"}, {"minimum", 0},
                                                     {"description", "ms since epoch UTC, inclusive: adds the window's "
                                                                     "totals and its CVD sequence (one point per bar)"}}},
                           {"endTime", QJsonObject{{"type", "integer"}, {"minimum", 0},
                                                   {"description", "ms since epoch UTC, exclusive; default now"}}}},
                          {"symbol", "timeframe"});
    const QJsonObject bar = output({{"openTime", typed("integer")},
                                    {"closed", typed("boolean")},
                                    {"delta", typed("number")},
                                    {"cvd", typed("number")},
                                    {"buyVolume", typed("number")},
                                    {"sellVolume", typed("number")},
                                    {"buyShare", typed("number")},
                                    {"largeTradeShare", typed("number")},
                                    {"stacked", typed("array")}},
                                   {"openTime", "delta", "cvd", "buyVolume", "sellVolume"});
    d.outputSchema = output({{"symbol", typed("string")},
                             {"timeframe", typed("string")},
                             {"current", bar},
                             {"previous", bar},
                             {"day", output({{"delta", typed("number")}, {"cvd", typed("number")}}, {"delta", "cvd"})},
                             {"cvdSequence", typed("array", "[openTime, delta, cvd] per bar of the window, oldest first")},
                             {"currentCVD", typed("number", "the last cvdSequence value")},
                             {"window", typed("object")},
                             {"dataQuality", dataQuality()}},
                            {"symbol", "timeframe", "day", "dataQuality"});
    d.cutKey = "cvdSequence";
    d.run = [](const ToolArgs &a) {
        const QString symbol = a.symbol();
        const Timeframe tf = a.timeframe();
        const SnapshotPtr s = a.snapshot(symbol);
        QJsonObject out = toJson(valueOr(buildOrderflowMetrics(*s, tf, a.nowFor(*s))));
        if (a.has("startTime") || a.has("endTime"))
            addWindow(out, a, *s, tf);
        return out;
    };
    return d;
}

ToolDef depthDeltaTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "get_orderbook_depth_delta";
    d.title = "Order-book depth delta";
    d.description = "Bid and ask depth within ±percent of mid in the synced order book of one symbol: the exact "
                    "current value and, for the last 'lookback' windows of windowSec seconds, the value at each "
                    "window's end and its change. Use it to see liquidity being added or pulled near price.";
    d.inputSchema = input({{"symbol", symbol()},
                           {"percent", QJsonObject{{"type", "number"},
                                                   {"minimum", 0.01},
                                                   {"maximum", 10},
                                                   {"default", 1},
                                                   {"description", "band around mid in percent, steps of 0.01"}}},
                           {"windowSec", integer(0, 3600, 60, "window length in seconds: 0 (the raw per-second "
                                                              "samples) or 5 to 3600")},
                           {"lookback", integer(1, kMaxDepthPoints, 5, "number of windows (samples when windowSec is 0), "
                                                                        "up to what is kept: per-second samples for the last "
                                                                        "hour, per-minute ones for the cache period")},
                           // The Python server's names: a time span and a cap on the points.
                           {"lookbackSec", QJsonObject{{"type", "integer"}, {"minimum", 1}, {"maximum", 7 * 86400},
                                                       {"description", "span in seconds: lookbackSec / windowSec windows"}}},
                           {"maxPoints", QJsonObject{{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxDepthPoints},
                                                     {"description", "at most this many windows, the newest"}}}},
                          {"symbol"});
    const QJsonObject num = typed("number");
    d.outputSchema = output({{"symbol", typed("string")},
                             {"percent", num},
                             {"windowPercent", typed("number", "ladder band used for the windows")},
                             {"windowSec", typed("integer")},
                             {"lookback", typed("integer")},
                             {"current", output({{"bidDepth", num}, {"askDepth", num}, {"net", num}, {"mid", num}},
                                                {"bidDepth", "askDepth", "net"})},
                             {"windows", array(output({{"endMs", typed("integer")},
                                                       {"bidDepth", num},
                                                       {"askDepth", num},
                                                       {"net", num},
                                                       {"netChange", num}},
                                                      {"endMs", "bidDepth", "askDepth", "net"}))},
                             {"dataQuality", dataQuality()}},
                            {"symbol", "percent", "windows", "dataQuality"});
    d.cutKey = "windows";
    d.cutHint = "lower lookback";
    d.run = [](const ToolArgs &a) {
        const QString symbol = a.symbol();
        DepthDeltaRequest q;
        const double percent = a.number("percent");
        const double bp = std::round(percent * 100);
        if (std::abs(bp - percent * 100) > 1e-6)
            a.reject("percent", "use a number from 0.01 to 10 in steps of 0.01 (default 1)");
        q.percentBp = int(bp);
        q.windowSec = int(a.integer("windowSec"));
        if (q.windowSec > 0 && q.windowSec < 5)
            a.reject("windowSec", "use 0 (the raw per-second samples) or an integer from 5 to 3600 (default 60)");
        const bool raw = q.windowSec == 0;
        if (raw)
            q.windowSec = 1; // the samples are one per second
        q.lookback = int(a.integer("lookback"));
        if (!a.has("lookback") && a.has("lookbackSec"))
            q.lookback = int(std::clamp<int64_t>(a.integer("lookbackSec") / q.windowSec, 1, kMaxDepthPoints));
        if (a.has("maxPoints"))
            q.lookback = std::min(q.lookback, int(a.integer("maxPoints")));
        const SnapshotPtr s = a.snapshot(symbol);
        QJsonObject out = toJson(valueOr(buildDepthDelta(*s, q, a.nowFor(*s))));
        out.insert("windowSec", raw ? 0 : q.windowSec);
        out.insert("lookback", q.lookback);
        return out;
    };
    return d;
}

ToolDef liquidationsTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "stream_liquidations";
    d.title = "Recent liquidations";
    d.description = "Newest forced orders (liquidations) of one symbol or all, newest first, with 1 h / 4 h / 24 h "
                    "totals of long and short liquidations (lower bounds: Binance sends at most one per symbol per "
                    "second); startTime/endTime: those of a range and its totals under totals.range. A snapshot: "
                    "nothing is pushed later.";
    d.inputSchema = input({{"symbol", symbol()},
                           {"limit", integer(1, 200, 50, "max liquidations, newest kept")},
                           {"compact", QJsonObject{{"type", "boolean"},
                                                   {"default", true},
                                                   {"description", "true: items as rows under 'columns'"}}},
                           {"startTime", QJsonObject{{"type", "integer"}, {"minimum", 0}, {"description", "ms since epoch UTC, inclusive: items and totals.range from then"}}},
                           {"endTime", QJsonObject{{"type", "integer"}, {"minimum", 0}, {"description", "ms since epoch UTC, exclusive; default now"}}}});
    d.outputSchema = output({{"symbols", array(typed("string"))},
                             {"count", typed("integer")},
                             {"items", typed("array")},
                             {"totals", typed("object")},
                             {"dataQuality", dataQuality()}},
                            {"symbols", "items", "totals", "dataQuality"});
    d.cutKey = "items";
    d.newestFirst = true;
    d.cutHint = "lower limit";
    d.run = [](const ToolArgs &a) {
        QStringList symbols = a.has("symbol") ? QStringList{a.symbol()} : a.knownSymbols();
        const size_t limit = size_t(a.integer("limit"));
        const bool compact = a.boolean("compact");
        const int64_t from = a.optInteger("startTime").value_or(INT64_MIN);
        const int64_t to = a.optInteger("endTime").value_or(INT64_MAX);
        if (to <= from)
            a.reject("endTime", "it must be later than startTime");
        std::vector<SnapshotPtr> snaps;
        int64_t now = 0;
        for (const QString &sym : symbols)
            if (SnapshotPtr s = a.context().registry.snapshot(sym.toStdString())) {
                now = std::max(now, a.nowFor(*s));
                snaps.push_back(std::move(s));
            }
        if (snaps.empty())
            throw ApiError{ApiErrorKind::NoData, "no data for " + symbols.join(", ") + " since start-up; retry in a minute"};
        // A range reads the cache too (everything stored, not only the newest 1000 held).
        StoredLiquidations stored;
        if ((a.has("startTime") || a.has("endTime")) && a.context().history)
            for (const SnapshotPtr &s : snaps)
                if (auto v = a.context().history->liquidations(s->symbol.name, from, to))
                    stored.emplace(s->symbol.name, std::move(*v));
        return toJson(buildLiquidations(snaps, limit, now, from, to, stored.empty() ? nullptr : &stored), compact);
    };
    return d;
}

} // namespace co
