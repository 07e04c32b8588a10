#include "engine/StructureQuery.h"

#include "engine/KeyLevels.h"

#include <algorithm>

namespace co {

QueryResult<StructureKlines> structureKlines(const EngineSnapshot &s, const StructureRequest &q, int64_t nowMs)
{
    std::vector<BarPtr> minutes;
    if (s.prior)
        minutes = s.prior->minuteBars;
    if (s.today)
        minutes.insert(minutes.end(), s.today->minuteBars.begin(), s.today->minuteBars.end());
    StructureKlines r;
    r.symbol = s.symbol.name;
    r.klines = klinesFromMinutes(minutes, q.intervalMs, q.endMs);
    if (r.klines.empty())
        return QueryError{QueryErrorKind::NoData, "no trades for " + s.symbol.name +
                                                      (q.endMs != INT64_MAX ? " before endTime" : " since start-up; retry in a minute")};
    if (r.klines.size() > q.lookbackBars)
        r.klines.erase(r.klines.begin(), r.klines.end() - std::ptrdiff_t(q.lookbackBars));
    const bool asOf = q.endMs != INT64_MAX;
    r.lastPrice = asOf ? r.klines.back().close : s.lastPrice;
    const int64_t from = r.klines.front().openTime;
    const int64_t end = asOf ? std::min(q.endMs, nowMs + 1) : nowMs + 1;
    const int64_t to = std::max(from + 1, std::min(r.klines.back().openTime + q.intervalMs, end));
    const int64_t first = minutes.empty() ? from : std::max(from, minutes.front()->openTime);
    r.quality = qualityFor(s, from, to, first, std::min(to - 1, asOf ? q.endMs - 1 : s.lastTradeMs), nowMs);
    return r;
}

QueryResult<SwingLiquidityResult> buildSwingLiquidity(const EngineSnapshot &s, const StructureRequest &q, int64_t nowMs)
{
    auto in = structureKlines(s, q, nowMs);
    if (auto *e = std::get_if<QueryError>(&in))
        return *e;
    SwingLiquidityResult r;
    r.input = std::move(std::get<StructureKlines>(in));
    r.levels = swingLiquidity(r.input.klines, q.pivotLeft, q.pivotRight);
    return r;
}

QueryResult<MarketStructureResult> buildMarketStructure(const EngineSnapshot &s, const StructureRequest &q, int64_t nowMs)
{
    auto in = structureKlines(s, q, nowMs);
    if (auto *e = std::get_if<QueryError>(&in))
        return *e;
    MarketStructureResult r;
    r.input = std::move(std::get<StructureKlines>(in));
    r.structure = marketStructure(r.input.klines, q.pivotLeft, q.pivotRight, q.zigzagPercent);
    return r;
}

} // namespace co
