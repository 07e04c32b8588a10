// get_funding_rate (spec analysis.md A9).
#include "engine/FundingQuery.h"
#include "engine/HistoryProvider.h"
#include "engine/KeyLevels.h"
#include "server/JsonEncoders.h"
#include "server/ToolArgs.h"
#include "server/ToolResult.h"
#include "server/ToolSchema.h"
#include "server/Tools.h"

#include <cmath>

namespace co {

namespace {
// Rates print as the fraction Binance sends (8 decimals); percents with 6.
double round8(double v) { return std::round(v * 1e8) / 1e8; }
double round6(double v) { return std::round(v * 1e6) / 1e6; }
} // namespace

ToolDef fundingRateTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "get_funding_rate";
    d.title = "Funding rate";
    d.description = "Funding of one symbol: the current rate and next funding time (mark-price stream), the settled "
                    "rates (newest 'limit', optionally within startTime/endTime; beyond the newest 1100 held, read from the "
                    "cache), their mean and its annualized "
                    "percent, and the funding interval in hours (8 unless Binance lists another). A rate is a "
                    "fraction per interval: 0.0001 = 0.01 %; positive means longs pay shorts.";
    d.inputSchema = input({{"symbol", symbol()},
                           {"limit", integer(1, 1000, 30, "settled rates, newest kept")},
                           {"startTime", QJsonObject{{"type", "integer"}, {"minimum", 0}, {"description", "ms since epoch UTC, inclusive"}}},
                           {"endTime", QJsonObject{{"type", "integer"}, {"minimum", 0}, {"description", "ms since epoch UTC, exclusive; default now"}}}},
                          {"symbol"});
    const QJsonObject current = output({{"time", typed("integer")},
                                        {"fundingRate", typed("number", "fraction per interval")},
                                        {"fundingRatePercent", typed("number")},
                                        {"markPrice", typed("number")},
                                        {"nextFundingTime", typed("integer", "0: none scheduled")}},
                                       {"time", "fundingRate", "nextFundingTime"});
    d.outputSchema = output({{"symbol", typed("string")},
                             {"intervalHours", typed("integer")},
                             {"current", current},
                             {"meanRate", typed("number")},
                             {"annualizedPercent", typed("number")},
                             {"columns", array(typed("string"))},
                             {"history", array(typed("array"))},
                             {"dataQuality", dataQuality()}},
                            {"symbol", "intervalHours", "history", "dataQuality"});
    d.cutKey = "history";
    d.cutHint = "lower limit or a shorter range";
    d.run = [](const ToolArgs &a) {
        const QString symbol = a.symbol();
        const size_t limit = size_t(a.integer("limit"));
        const int64_t from = a.optInteger("startTime").value_or(INT64_MIN);
        const int64_t to = a.optInteger("endTime").value_or(INT64_MAX);
        if (to <= from)
            a.reject("endTime", "it must be later than startTime");
        const SnapshotPtr s = a.snapshot(symbol);
        // Beyond the settlements held (the newest 1100) the cache's stored ones are read too.
        std::optional<std::vector<FundingSettlement>> stored;
        if (a.context().history && fundingReachesBeyondMemory(*s, from, to, limit))
            stored = a.context().history->fundingRates(s->symbol.name, from, to);
        const auto result = buildFundingRate(*s, from, to, limit, a.nowFor(*s), stored ? &*stored : nullptr); // valueOr refers into it
        const FundingRateResult &r = valueOr(result);
        QJsonObject o{{"symbol", QString::fromStdString(r.symbol)}, {"intervalHours", r.intervalHours}};
        if (r.current)
            o.insert("current", QJsonObject{{"time", qint64(r.current->timeMs)},
                                            {"fundingRate", round8(r.current->rate)},
                                            {"fundingRatePercent", round6(r.current->rate * 100)},
                                            {"markPrice", r.current->markPrice},
                                            {"nextFundingTime", qint64(r.current->nextFundingMs)}});
        if (r.meanRate)
            o.insert("meanRate", round8(*r.meanRate));
        if (r.annualizedPercent)
            o.insert("annualizedPercent", std::round(*r.annualizedPercent * 1e4) / 1e4);
        o.insert("columns", QJsonArray{"fundingTime", "fundingRate", "markPrice"});
        QJsonArray rows;
        for (const FundingSettlement &f : r.history)
            rows.append(QJsonArray{qint64(f.fundingTimeMs), round8(qtyValue(f.fundingRate)),
                                   f.markPrice > 0 ? QJsonValue(qtyValue(f.markPrice)) : QJsonValue()});
        o.insert("history", rows);
        o.insert("dataQuality", toJson(r.quality));
        return o;
    };
    return d;
}

} // namespace co
