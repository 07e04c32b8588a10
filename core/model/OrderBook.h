#pragma once
// A full local order book: price → absolute qty per side (1e-8 units).
#include "model/Depth.h"

#include <cstdint>
#include <functional>
#include <map>

namespace co {

class OrderBook {
public:
    void clear();
    void applySnapshot(const DepthSnapshot &s);
    void apply(const DepthUpdate &u); // absolute quantities; 0 removes
    void replaceTop(const DepthUpdate &partial);

    bool empty() const noexcept { return bids_.empty() || asks_.empty(); }
    int64_t bestBid() const noexcept { return bids_.empty() ? 0 : bids_.begin()->first; }
    int64_t bestAsk() const noexcept { return asks_.empty() ? 0 : asks_.begin()->first; }
    int64_t lastUpdateId() const noexcept { return lastUpdateId_; }
    void setLastUpdateId(int64_t id) noexcept { lastUpdateId_ = id; }

    const std::map<int64_t, int64_t, std::greater<>> &bids() const noexcept { return bids_; }
    const std::map<int64_t, int64_t> &asks() const noexcept { return asks_; }

    // Sum of qty (and notional p·q in 1e-16 units) for bids with price >= lo / asks with price <= hi.
    struct Depth {
        int64_t qty = 0;
        __int128 notional = 0;
    };
    Depth bidsDownTo(int64_t lo) const noexcept;
    Depth asksUpTo(int64_t hi) const noexcept;

    bool operator==(const OrderBook &o) const { return bids_ == o.bids_ && asks_ == o.asks_; }

private:
    std::map<int64_t, int64_t, std::greater<>> bids_; // best (highest) first
    std::map<int64_t, int64_t> asks_;                 // best (lowest) first
    int64_t lastUpdateId_ = 0;
};

} // namespace co
