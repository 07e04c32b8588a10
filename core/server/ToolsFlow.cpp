// get_orderflow_metrics, get_orderbook_depth_delta and stream_liquidations.
#include "engine/BarQueries.h"
#include "engine/DepthDeltaQuery.h"
#include "engine/LiquidationQuery.h"
#include "server/JsonEncoders.h"
#include "server/ToolArgs.h"
#include "server/ToolResult.h"
#include "server/ToolSchema.h"
#include "server/Tools.h"

#include <cmath>

namespace co {

ToolDef orderflowMetricsTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "get_orderflow_metrics";
    d.title = "Order-flow metrics";
    d.description = "Order-flow of the current and previous bar of one symbol: delta, CVD, buy/sell volume, buy "
                    "share and buy/sell ratio, diagonal imbalance counts, stacked imbalances, large-trade share and "
                    "delta divergence, plus today's totals. Use it to judge who is in control right now.";
    d.inputSchema = input({{"symbol", symbol()}, {"timeframe", timeframe()}}, {"symbol", "timeframe"});
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
                             {"dataQuality", dataQuality()}},
                            {"symbol", "timeframe", "day", "dataQuality"});
    d.run = [](const ToolArgs &a) {
        const QString symbol = a.symbol();
        const Timeframe tf = a.timeframe();
        const SnapshotPtr s = a.snapshot(symbol);
        return toJson(valueOr(buildOrderflowMetrics(*s, tf, a.nowFor(*s))));
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
                           {"windowSec", integer(5, 3600, 60, "window length in seconds")},
                           {"lookback", integer(1, 60, 5, "number of windows")}},
                          {"symbol"});
    const QJsonObject num = typed("number");
    d.outputSchema = output({{"symbol", typed("string")},
                             {"percent", num},
                             {"windowPercent", typed("number", "ladder band used for the windows")},
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
        q.lookback = int(a.integer("lookback"));
        const SnapshotPtr s = a.snapshot(symbol);
        return toJson(valueOr(buildDepthDelta(*s, q, a.nowFor(*s))));
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
        return toJson(buildLiquidations(snaps, limit, now, from, to), compact);
    };
    return d;
}

} // namespace co
