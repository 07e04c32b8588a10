#pragma once
// Forced orders seen on the stream (spec indicators.md §8): the newest 1000, and per-minute totals
// of older ones over the last 24 h so window aggregates stay bounded in memory. Binance pushes at
// most the largest liquidation per symbol per second, so every total is a lower bound.
#include "model/Derivatives.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

namespace co {

inline double liquidationNotional(const Liquidation &l) { return double(__int128(l.filledQty) * l.avgPrice) / 1e16; }

struct LiquidationTotals {
    int64_t windowMs = 0;
    int64_t count = 0;
    int64_t longQty = 0, shortQty = 0; // SELL orders liquidate longs, BUY orders shorts
    double longNotional = 0, shortNotional = 0;
    bool hasLargest = false;
    Liquidation largest;
};

class LiquidationStore {
public:
    static constexpr size_t kRing = 1000;

    void add(const Liquidation &l);
    // Newest first, at most `limit`.
    std::vector<Liquidation> newest(size_t limit) const;
    // Held items with tradeMs in [fromMs, toMs), newest first, at most `limit`.
    std::vector<Liquidation> range(int64_t fromMs, int64_t toMs, size_t limit) const;
    // Over (nowMs - windowMs, nowMs]: exact for held items; older ones count by whole minutes
    // inside the window (a lower bound, like every liquidation total).
    LiquidationTotals totals(int64_t nowMs, int64_t windowMs) const;
    size_t size() const noexcept { return items_.size(); }
    int64_t seen() const noexcept { return seen_; }
    // tradeMs of the oldest held item (0 when empty).
    int64_t oldestHeldMs() const noexcept { return items_.empty() ? 0 : items_.front().tradeMs; }

private:
    struct Minute {
        int64_t startMs = 0;
        LiquidationTotals t;
    };
    std::deque<Liquidation> items_; // the newest kRing, oldest first
    std::deque<Minute> minutes_;    // items no longer held, by minute, the last 24 h
    int64_t seen_ = 0;
};

} // namespace co
