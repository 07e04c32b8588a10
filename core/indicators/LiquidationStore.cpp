#include "indicators/LiquidationStore.h"

#include "model/Time.h"

namespace co {

namespace {
void addTo(LiquidationTotals &t, const Liquidation &l, double notional)
{
    ++t.count;
    if (l.side == Side::Sell) {
        t.longQty += l.filledQty;
        t.longNotional += notional;
    } else {
        t.shortQty += l.filledQty;
        t.shortNotional += notional;
    }
    if (!t.hasLargest || notional > liquidationNotional(t.largest)) {
        t.largest = l;
        t.hasLargest = true;
    }
}

void merge(LiquidationTotals &into, const LiquidationTotals &m)
{
    into.count += m.count;
    into.longQty += m.longQty;
    into.shortQty += m.shortQty;
    into.longNotional += m.longNotional;
    into.shortNotional += m.shortNotional;
    if (m.hasLargest && (!into.hasLargest || liquidationNotional(m.largest) > liquidationNotional(into.largest))) {
        into.largest = m.largest;
        into.hasLargest = true;
    }
}
} // namespace

void LiquidationStore::add(const Liquidation &l)
{
    items_.push_back(l);
    ++seen_;
    // Beyond the newest kRing only per-minute totals stay, and only for the last day.
    while (items_.size() > kRing) {
        const Liquidation &old = items_.front();
        const int64_t minute = floorDiv(old.tradeMs, kMsPerMinute) * kMsPerMinute;
        if (minutes_.empty() || minutes_.back().startMs < minute)
            minutes_.push_back(Minute{minute, {}});
        addTo(minutes_.back().t, old, liquidationNotional(old)); // late arrivals join the newest minute
        items_.pop_front();
    }
    while (!minutes_.empty() && minutes_.front().startMs < l.tradeMs - kMsPerDay - kMsPerMinute)
        minutes_.pop_front();
}

std::vector<Liquidation> LiquidationStore::newest(size_t limit) const
{
    std::vector<Liquidation> out;
    for (auto it = items_.rbegin(); it != items_.rend() && out.size() < limit; ++it)
        out.push_back(*it);
    return out;
}

std::vector<Liquidation> LiquidationStore::range(int64_t fromMs, int64_t toMs, size_t limit) const
{
    std::vector<Liquidation> out;
    for (auto it = items_.rbegin(); it != items_.rend() && out.size() < limit; ++it)
        if (it->tradeMs >= fromMs && it->tradeMs < toMs)
            out.push_back(*it);
    return out;
}

LiquidationTotals LiquidationStore::totals(int64_t nowMs, int64_t windowMs) const
{
    LiquidationTotals t;
    t.windowMs = windowMs;
    const int64_t from = nowMs - windowMs;
    for (auto it = items_.rbegin(); it != items_.rend() && it->tradeMs > from; ++it)
        if (it->tradeMs <= nowMs)
            addTo(t, *it, liquidationNotional(*it));
    for (const Minute &m : minutes_)
        if (m.startMs > from && m.startMs + kMsPerMinute - 1 <= nowMs)
            merge(t, m.t);
    return t;
}

} // namespace co
