#include "engine/BarMarks.h"

#include "indicators/ZoneEvents.h"
#include "model/Fixed.h"

#include <algorithm>

namespace co {

std::span<const BarPtr> barMinutes(const std::vector<BarPtr> &minutes, int64_t openTime, int64_t tfMs)
{
    const auto byOpen = [](const BarPtr &b, int64_t t) { return b->openTime < t; };
    const auto from = std::lower_bound(minutes.begin(), minutes.end(), openTime, byOpen);
    const auto to = std::lower_bound(from, minutes.end(), openTime + tfMs, byOpen);
    return {from, to};
}

ZoneEventResult zoneEventResult(const ZoneFormed &e, int64_t unit)
{
    return {e.timeMs, e.tradeId, e.zone.side == ImbalanceSide::Buy ? "BUY" : "SELL", fixedToDouble(e.zone.lowRow * unit),
            fixedToDouble(e.zone.highRow * unit), e.zone.count};
}

void addBarMarks(FootprintBarResult &r, const FootprintBar &b, std::span<const BarPtr> minutes, const EngineSnapshot &s,
                 const FootprintQuery &q)
{
    r.bigTradeCount = b.bigTrades.size();
    if (q.bigTrades)
        for (const BigTrade &t : b.bigTrades)
            r.bigTrades.push_back({t.timeMs, fixedToDouble(t.price), fixedToDouble(t.qty), t.takerBuy});
    if (!q.events)
        return;
    const int64_t k = std::max<int64_t>(1, q.grouping);
    const int64_t unit = k * s.symbol.tickSize;
    for (const ZoneFormed &e : zoneFormation(minutes, k, s.config.imbalance))
        r.events.push_back(zoneEventResult(e, unit));
}

} // namespace co
