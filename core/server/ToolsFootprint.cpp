// get_footprint (indicators.md §5; row size, statistics and auction marks of analysis.md A1-A3).
#include "engine/BarQueries.h"
#include "engine/RowSize.h"
#include "engine/TradeZoneEvents.h"
#include "model/Time.h"
#include "server/DatedSnapshot.h"
#include "server/FootprintArgs.h"
#include "server/JsonEncoders.h"
#include "server/ProfileArgs.h"
#include "server/RowSizeArgs.h"
#include "server/ToolArgs.h"
#include "server/ToolImages.h"
#include "server/ToolResult.h"
#include "server/ToolSchema.h"
#include "server/McpApps.h"
#include "server/Tools.h"

#include <QJsonArray>

namespace co {

namespace {
// A3 events at their completing trade, read back from the trade cache; without one (or for the
// newest trades not yet written) they stay at their minute's latest trade (TradeZoneEvents.h).
void timeEventsByTrade(const ToolArgs &a, const EngineSnapshot &s, const FootprintQuery &q, FootprintRange &range,
                       std::vector<std::string> &warnings)
{
    HistoryProvider *h = a.context().history;
    if (!h)
        return;
    const TradeSource source = s.quality.tradeSource.value_or(TradeSource::AggTrade);
    const ExactEvents ex = exactZoneEvents(range.bars, s, q, [&](int64_t from, int64_t to, const TradeSink &sink) {
        return h->trades(s.symbol.name, source, from, to, sink);
    });
    if (ex.read && ex.minuteFromMs != INT64_MAX)
        warnings.push_back("events from " + isoTimeMs(ex.minuteFromMs) +
                           " are at their minute's latest trade: the trade cache does not hold those trades (yet)");
}
} // namespace

ToolDef footprintTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "get_footprint";
    d.title = "Footprint bars";
    d.description = "Footprint (volume by price, buy/sell, delta, CVD, POC, diagonal and stacked imbalances) for "
                    "recent bars of one symbol, with the top-N price levels by volume per bar as [price, sellVolume "
                    "(bid), buyVolume (ask)]. Use limit/topN to stay small; compact=false lists every imbalance price and "
                    "stacked zone.";
    d.inputSchema =
        input({{"symbol", symbol()},
               {"timeframe", footprintTimeframe("30m")},
               {"startTime", QJsonObject{{"type", "integer"}, {"minimum", 0}, {"description", "ms since epoch UTC, inclusive"}}},
               {"endTime", QJsonObject{{"type", "integer"}, {"minimum", 0}, {"description", "ms since epoch UTC, exclusive; default now"}}},
               {"date", dateSchema("only that day's bars")},
               {"limit", integer(1, 200, 12, "max bars, newest kept")},
               {"topN", integer(1, 50, 5, "price levels per bar")},
               {"compact", QJsonObject{{"type", "boolean"},
                                       {"default", true},
                                       {"description", "true: imbalance counts and the 5 largest stacked zones per bar"}}},
               {"ticksPerRow", ticksPerRowSchema()},
               {"binSize", binSizeSchema()},
               // The Python server's names (its users' prompts keep working).
               {"view", QJsonObject{{"type", "string"},
                                    {"enum", QJsonArray{"statistics", "levels"}},
                                    {"description", "statistics: per-bar numbers without price rows; levels: every "
                                                    "price row (up to maxLevelsPerBar, the largest by volume). Default: "
                                                    "the topN rows"}}},
               {"maxLevelsPerBar", integer(1, 1000, 200, "with view=levels: price rows per bar, the largest by volume")},
               {"priceLevelLimit", QJsonObject{{"type", "integer"}, {"minimum", 1}, {"maximum", 1000},
                                               {"description", "the same as maxLevelsPerBar"}}},
               {"topNLevels", QJsonObject{{"type", "integer"}, {"minimum", 1}, {"maximum", 50},
                                          {"description", "the same as topN"}}},
               {"compress", QJsonObject{{"type", "boolean"}, {"description", "the same as compact"}}},
               {"tickSize", tickSizeSchema()},
               {"cursor", QJsonObject{{"type", "integer"}, {"minimum", 0},
                                      {"description", "nextCursor of the previous page: the bars before it (as endTime)"}}},
               {"includeBigTrades", includeBigTradesSchema()},
               {"includeEvents", includeEventsSchema()},
               {"valueAreaPercent", valueAreaPercentSchema()},
               {"format", formatSchema()}},
              {"symbol"}); // timeframe defaults to 30m, as on the Python server
    d.outputSchema = output({{"symbol", typed("string")},
                             {"timeframe", typed("string")},
                             {"bars", array(output({{"openTime", typed("integer")},
                                                    {"open", typed("number")},
                                                    {"high", typed("number")},
                                                    {"low", typed("number")},
                                                    {"close", typed("number")},
                                                    {"volume", typed("number")},
                                                    {"delta", typed("number")},
                                                    {"poc", typed("number")},
                                                    {"rows", typed("array")}},
                                                   {"openTime", "open", "high", "low", "close", "volume", "delta"}))},
                             {"truncated", typed("boolean")},
                             {"nextCursor", typed("integer")},
                             {"ticksPerRow", typed("integer")},
                             {"binSize", typed("number")},
                             {"dataQuality", dataQuality()}},
                            {"symbol", "timeframe", "bars", "dataQuality"});
    d.cutKey = "bars";
    d.cutHint = "older bars were cut to stay under 32 KB: lower limit or topN, or ask again with endTime = next.endTime";
    // Events at their trades read the bars' trades back from the cache (a 1d bar: millions).
    d.heavy = [](const QJsonObject &args) {
        const bool compact = args.contains("compress") ? args.value("compress").toBool() : args.value("compact").toBool(true);
        return args.contains("includeEvents") ? args.value("includeEvents").toBool() : !compact;
    };
    d.run = [](const ToolArgs &a) {
        const QString symbol = a.symbol();
        FootprintQuery q = footprintQueryFrom(a);
        const QString view = a.string("view").value_or(QString());
        q.rows = view != "statistics";
        q.topN = int(a.has("topNLevels") ? a.integer("topNLevels") : a.integer("topN"));
        if (view == "levels")
            q.topN = int(a.has("priceLevelLimit") ? a.integer("priceLevelLimit") : a.integer("maxLevelsPerBar"));
        FootprintStyle style;
        style.compact = a.has("compress") ? a.boolean("compress") : a.boolean("compact");
        q.bigTrades = style.bigTrades = a.has("includeBigTrades") ? a.boolean("includeBigTrades") : !style.compact;
        q.events = style.events = a.has("includeEvents") ? a.boolean("includeEvents") : !style.compact;
        const DatedSnapshot ds = datedSnapshot(a); // a.snapshot(symbol) without a date
        const SnapshotPtr s = withValueAreaArg(a, ds.snapshot);
        clampToDay(a, ds, q);
        const RowSizeChoice rs = rowSizeOf(a, s->symbol.tickSize);
        q.grouping = rs.autoPick ? autoTicksForBars(*s, q) : rs.ticks;
        FootprintRange range = valueOr(buildFootprintRange(*s, q, a.nowFor(*s)));
        std::vector<std::string> warnings = ds.warnings;
        if (q.events)
            timeEventsByTrade(a, *s, q, range, warnings);
        QJsonObject out = toJson(range, style);
        if (range.more && !range.bars.empty())
            out.insert("nextCursor", qint64(range.bars.front().openTime));
        addRowSize(out, rs, q.grouping, s->symbol.tickSize);
        addValueArea(out, a);
        addDayWarnings(out, warnings);
        if (pngWanted(a) && !range.bars.empty()) // every row of the bars, as the Footprint view draws them
            a.context().pictures->append(toolImages()->footprint(*s, q.timeframe, q.grouping, range.bars.front().openTime,
                                                                 range.bars.back().openTime + timeframeMs(q.timeframe)));
        return out;
    };
    d.history = storedDayRequest;
    d.meta = McpApps::toolMeta(McpApps::kFootprintUri); // hosts that show apps draw the answer
    return d;
}

} // namespace co

namespace co {

// get_footprint_statistics (analysis.md A2): the per-bar numbers only, small enough for many bars.
ToolDef footprintStatisticsTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "get_footprint_statistics";
    d.title = "Footprint bar statistics";
    d.description = "Compact per-bar footprint statistics of one symbol: volume, buy/sell volume, delta, deltaMax/deltaMin "
                    "(extremes of the running delta inside the bar), trades, quoteVolume, and the bar's POC and value "
                    "area (VAH/VAL) on rows of ticksPerRow ticks. Use it to scan many bars; get_footprint gives the rows.";
    d.inputSchema = input({{"symbol", symbol()},
                           {"timeframe", footprintTimeframe("30m")},
                           {"startTime", QJsonObject{{"type", "integer"}, {"minimum", 0}, {"description", "ms since epoch UTC, inclusive"}}},
                           {"endTime", QJsonObject{{"type", "integer"}, {"minimum", 0}, {"description", "ms since epoch UTC, exclusive; default now"}}},
                           {"date", dateSchema("only that day's bars")},
                           {"limit", integer(1, 500, 48, "max bars, newest kept")},
                           {"ticksPerRow", ticksPerRowSchema()},
                           {"binSize", binSizeSchema()},
                           {"valueAreaPercent", valueAreaPercentSchema()}},
                          {"symbol"});
    const QJsonObject num = typed("number");
    d.outputSchema = output({{"symbol", typed("string")},
                             {"timeframe", typed("string")},
                             {"bars", array(output({{"openTime", typed("integer")},
                                                    {"volume", num},
                                                    {"buyVolume", num},
                                                    {"sellVolume", num},
                                                    {"delta", num},
                                                    {"deltaMax", num},
                                                    {"deltaMin", num},
                                                    {"trades", typed("integer")},
                                                    {"quoteVolume", num},
                                                    {"poc", num},
                                                    {"vah", num},
                                                    {"val", num}},
                                                   {"openTime", "volume", "delta", "deltaMax", "deltaMin", "trades"}))},
                             {"ticksPerRow", typed("integer")},
                             {"binSize", num},
                             {"truncated", typed("boolean")},
                             {"dataQuality", dataQuality()}},
                            {"symbol", "timeframe", "bars", "dataQuality"});
    d.cutKey = "bars";
    d.cutHint = "older bars were cut to stay under 32 KB: lower limit, or ask again with endTime = next.endTime";
    // Events at their trades read the bars' trades back from the cache (a 1d bar: millions).
    d.heavy = [](const QJsonObject &args) {
        const bool compact = args.contains("compress") ? args.value("compress").toBool() : args.value("compact").toBool(true);
        return args.contains("includeEvents") ? args.value("includeEvents").toBool() : !compact;
    };
    d.run = [](const ToolArgs &a) {
        const QString symbol = a.symbol();
        FootprintQuery q = footprintQueryFrom(a);
        const DatedSnapshot ds = datedSnapshot(a); // a.snapshot(symbol) without a date
        const SnapshotPtr s = withValueAreaArg(a, ds.snapshot);
        clampToDay(a, ds, q);
        const RowSizeChoice rs = rowSizeOf(a, s->symbol.tickSize);
        q.grouping = rs.autoPick ? autoTicksForBars(*s, q) : rs.ticks;
        const FootprintRange range = valueOr(buildFootprintRange(*s, q, a.nowFor(*s)));
        QJsonArray bars;
        for (const FootprintBarResult &b : range.bars) {
            QJsonObject o{{"openTime", qint64(b.openTime)}, {"volume", b.volume},     {"buyVolume", b.buyVolume},
                          {"sellVolume", b.sellVolume},     {"delta", b.delta},       {"deltaMax", b.deltaMax},
                          {"deltaMin", b.deltaMin},         {"trades", qint64(b.trades)}, {"quoteVolume", b.quoteVolume}};
            if (b.trades) {
                o.insert("poc", b.poc);
                o.insert("vah", b.vah);
                o.insert("val", b.val);
            }
            bars.append(o);
        }
        QJsonObject out{{"symbol", QString::fromStdString(range.symbol)},
                        {"timeframe", QString::fromUtf8(timeframeName(range.timeframe))},
                        {"bars", bars},
                        {"dataQuality", toJson(range.quality)}};
        addRowSize(out, rs, q.grouping, s->symbol.tickSize);
        addValueArea(out, a);
        addDayWarnings(out, ds.warnings);
        return out;
    };
    d.history = storedDayRequest;
    return d;
}

} // namespace co
