#include "server/FootprintArgs.h"

#include <algorithm>

namespace co {

FootprintQuery footprintQueryFrom(const ToolArgs &a)
{
    FootprintQuery q;
    q.timeframe = a.timeframe();
    q.limit = size_t(a.integer("limit"));
    if (const auto start = a.optInteger("startTime"))
        q.startMs = *start;
    if (const auto end = a.optInteger("endTime"))
        q.endMs = *end;
    if (a.has("cursor")) // 0: the first page (the Python server's start index)
        if (const auto cursor = a.optInteger("cursor"); cursor && *cursor > 0)
            q.endMs = std::min(q.endMs, *cursor);
    if (q.startMs != INT64_MIN && q.endMs != INT64_MAX && q.startMs >= q.endMs)
        a.reject("endTime", "it must be later than startTime");
    return q;
}

QJsonObject includeBigTradesSchema()
{
    return QJsonObject{{"type", "boolean"},
                       {"description", "list each bar's trades of notional >= LARGE_TRADE_NOTIONAL as {time, price, "
                                       "qty, side} (bigTradeCount is always there); default: compact=false"}};
}

QJsonObject includeEventsSchema()
{
    return QJsonObject{{"type", "boolean"},
                       {"description", "list each bar's stacked-imbalance zones as they formed: {type: "
                                       "stackedZoneFormed, time, side, low, high, rows, tradeId}; time is that of the "
                                       "trade that completed the zone (tradeId), read back from the trade cache; "
                                       "without it (no cache, the newest trades not yet written) the latest trade of "
                                       "its minute and no tradeId; default: compact=false"}};
}

} // namespace co
