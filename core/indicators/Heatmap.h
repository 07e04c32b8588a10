#pragma once
// Order-book heatmap (spec analysis.md A8): samples of the resting quantity per price bin within
// ±percent of the mid, and their time-weighted summary over a lookback. Pure functions; prices and
// quantities in 1e-8 units.
#include "model/OrderBook.h"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace co {

struct HeatmapSample {
    int64_t timeMs = 0;
    int64_t mid = 0;
    std::vector<std::pair<int64_t, int64_t>> bids, asks; // (bin's lowest price, qty), best bin first
};

// Bins of binSize (a multiple of the tick) with floor(price / binSize) · binSize; bids at or above
// mid · (1 − percentBp / 10 000), asks at or below mid · (1 + percentBp / 10 000). An empty or
// crossed book gives a sample without bins.
HeatmapSample sampleBook(const OrderBook &book, int64_t timeMs, int64_t binSize, int percentBp);

struct HeatmapBin {
    int64_t price = 0; // bin's lowest price
    double meanQty = 0; // time-weighted over the sampled time (absent = 0)
    int64_t maxQty = 0;
};

struct HeatmapSummary {
    std::vector<HeatmapBin> bids, asks; // the top maxLevels by mean, largest first
    int64_t sampledMs = 0;
    double coverage = 0; // sampledMs / (toMs − fromMs)
    size_t samples = 0;
};

// Each sample (ascending by time) holds until the next one but at most maxHoldMs, so a gap in the
// sampling (book not synced, program stopped) counts as not sampled, and so does a sample without a
// mid (no synced book); only [fromMs, toMs) counts.
HeatmapSummary summarizeHeatmap(const std::vector<HeatmapSample> &samples, int64_t fromMs, int64_t toMs,
                                size_t maxLevels, int64_t maxHoldMs = 2000);

} // namespace co
