#include "model/OrderBook.h"

namespace co {

namespace {
template <typename Map>
void setLevels(Map &side, const std::vector<PriceLevel> &levels)
{
    for (const PriceLevel &l : levels) {
        if (l.qty == 0)
            side.erase(l.price); // removing an absent level is normal (binance.md §5.7)
        else
            side[l.price] = l.qty;
    }
}
} // namespace

void OrderBook::clear()
{
    bids_.clear();
    asks_.clear();
    lastUpdateId_ = 0;
}

void OrderBook::applySnapshot(const DepthSnapshot &s)
{
    clear();
    setLevels(bids_, s.bids);
    setLevels(asks_, s.asks);
    lastUpdateId_ = s.lastUpdateId;
}

void OrderBook::apply(const DepthUpdate &u)
{
    setLevels(bids_, u.bids);
    setLevels(asks_, u.asks);
    lastUpdateId_ = u.lastId;
}

void OrderBook::replaceTop(const DepthUpdate &partial)
{
    clear();
    setLevels(bids_, partial.bids);
    setLevels(asks_, partial.asks);
    lastUpdateId_ = partial.lastId;
}

OrderBook::Depth OrderBook::bidsDownTo(int64_t lo) const noexcept
{
    Depth d;
    for (const auto &[p, q] : bids_) {
        if (p < lo)
            break;
        d.qty += q;
        d.notional += __int128(p) * q;
    }
    return d;
}

OrderBook::Depth OrderBook::asksUpTo(int64_t hi) const noexcept
{
    Depth d;
    for (const auto &[p, q] : asks_) {
        if (p > hi)
            break;
        d.qty += q;
        d.notional += __int128(p) * q;
    }
    return d;
}

} // namespace co
