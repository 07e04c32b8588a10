#pragma once
// Open/high/low/close of a span of trades, open and close by the lowest and highest trade id
// (not by arrival), shared by day totals, footprint bars and sessions.
#include <algorithm>
#include <cstdint>

namespace co {

// T has open, high, low, close, openId, closeId and trades (count before this trade).
template <typename T, typename Tr>
void addToOhlc(T &x, const Tr &t) noexcept
{
    if (x.trades == 0) {
        x.open = x.close = x.high = x.low = t.price;
        x.openId = x.closeId = t.id;
        return;
    }
    if (t.id < x.openId) {
        x.openId = t.id;
        x.open = t.price;
    }
    if (t.id > x.closeId) {
        x.closeId = t.id;
        x.close = t.price;
    }
    x.high = std::max(x.high, t.price);
    x.low = std::min(x.low, t.price);
}

} // namespace co
