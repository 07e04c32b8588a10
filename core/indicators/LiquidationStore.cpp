#include "indicators/LiquidationStore.h"

#include "model/Time.h"

namespace co {

void LiquidationStore::add(const Liquidation &l)
{
    items_.push_back(l);
    ++seen_;
    // Keep the newest 1000 and anything younger than a day (for the 24 h totals).
    const int64_t newest = l.tradeMs;
    while (items_.size() > kRing && items_.front().tradeMs < newest - kMsPerDay)
        items_.pop_front();
}

std::vector<Liquidation> LiquidationStore::newest(size_t limit) const
{
    std::vector<Liquidation> out;
    for (auto it = items_.rbegin(); it != items_.rend() && out.size() < limit; ++it)
        out.push_back(*it);
    return out;
}

LiquidationTotals LiquidationStore::totals(int64_t nowMs, int64_t windowMs) const
{
    LiquidationTotals t;
    t.windowMs = windowMs;
    double largest = -1;
    for (auto it = items_.rbegin(); it != items_.rend() && it->tradeMs > nowMs - windowMs; ++it) {
        if (it->tradeMs > nowMs)
            continue;
        const double n = liquidationNotional(*it);
        ++t.count;
        if (it->side == Side::Sell) {
            t.longQty += it->filledQty;
            t.longNotional += n;
        } else {
            t.shortQty += it->filledQty;
            t.shortNotional += n;
        }
        if (n > largest) {
            largest = n;
            t.largest = *it;
            t.hasLargest = true;
        }
    }
    return t;
}

} // namespace co
