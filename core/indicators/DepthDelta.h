#pragma once
// Order-book depth within ±X % of mid (spec indicators.md §7): exact for the current book at any
// X, and sampled once per second at a ladder of bands (0.1 % steps to 10 %) for history.
#include "model/Depth.h"
#include "model/OrderBook.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace co {

// percentBp: X in basis points (1.0 % = 100), 0 < X ≤ 1000. nullopt when a side is empty.
std::optional<DepthBand> depthWithin(const OrderBook &book, int percentBp);

DepthSample sampleLadder(const OrderBook &book, int64_t timeMs);

// Nearest ladder band for X (and whether it is exact).
int ladderIndexFor(int percentBp, bool *exact = nullptr) noexcept;

// Keeps per-second samples for an hour and per-minute samples for a day.
class DepthHistory {
public:
    void add(DepthSample s);
    // Latest sample with timeMs ≤ t (seconds first, then minutes); nullptr if none.
    const DepthSample *at(int64_t t) const;
    const std::deque<DepthSample> &seconds() const noexcept { return seconds_; }
    const std::deque<DepthSample> &minutes() const noexcept { return minutes_; }
    bool empty() const noexcept { return seconds_.empty() && minutes_.empty(); }

private:
    std::deque<DepthSample> seconds_; // last hour
    std::deque<DepthSample> minutes_; // last 24 h
};

} // namespace co
