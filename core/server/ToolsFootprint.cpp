// get_footprint (indicators.md §5; row size, statistics and auction marks of analysis.md A1-A3).
#include "engine/BarQueries.h"
#include "engine/RowSize.h"
#include "server/JsonEncoders.h"
#include "server/RowSizeArgs.h"
#include "server/ToolArgs.h"
#include "server/ToolResult.h"
#include "server/ToolSchema.h"
#include "server/Tools.h"

#include <QJsonArray>

namespace co {

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
               {"timeframe", timeframe()},
               {"startTime", QJsonObject{{"type", "integer"}, {"minimum", 0}, {"description", "ms since epoch UTC, inclusive"}}},
               {"endTime", QJsonObject{{"type", "integer"}, {"minimum", 0}, {"description", "ms since epoch UTC, exclusive; default now"}}},
               {"limit", integer(1, 200, 12, "max bars, newest kept")},
               {"topN", integer(1, 50, 5, "price levels per bar")},
               {"compact", QJsonObject{{"type", "boolean"},
                                       {"default", true},
                                       {"description", "true: imbalance counts and the 5 largest stacked zones per bar"}}},
               {"ticksPerRow", ticksPerRowSchema()},
               {"binSize", binSizeSchema()}},
              {"symbol", "timeframe"});
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
                             {"ticksPerRow", typed("integer")},
                             {"binSize", typed("number")},
                             {"dataQuality", dataQuality()}},
                            {"symbol", "timeframe", "bars", "dataQuality"});
    d.cutKey = "bars";
    d.cutHint = "older bars were cut to stay under 32 KB: lower limit or topN, or ask again with endTime = next.endTime";
    d.run = [](const ToolArgs &a) {
        const QString symbol = a.symbol();
        FootprintQuery q;
        q.timeframe = a.timeframe();
        q.rows = true;
        q.topN = int(a.integer("topN"));
        q.limit = size_t(a.integer("limit"));
        if (const auto start = a.optInteger("startTime"))
            q.startMs = *start;
        if (const auto end = a.optInteger("endTime"))
            q.endMs = *end;
        if (q.startMs != INT64_MIN && q.endMs != INT64_MAX && q.startMs >= q.endMs)
            a.reject("endTime", "it must be later than startTime");
        FootprintStyle style;
        style.compact = a.boolean("compact");
        const SnapshotPtr s = a.snapshot(symbol);
        const RowSizeChoice rs = rowSizeOf(a, s->symbol.tickSize);
        q.grouping = rs.autoPick ? autoTicksForBars(*s, q) : rs.ticks;
        QJsonObject out = toJson(valueOr(buildFootprintRange(*s, q, a.nowFor(*s))), style);
        addRowSize(out, rs, q.grouping, s->symbol.tickSize);
        return out;
    };
    return d;
}

} // namespace co
