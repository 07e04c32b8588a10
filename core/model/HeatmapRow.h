#pragma once
// One 10 s row of the order-book heatmap (spec analysis.md A8) as the engine emits it and the
// cache stores it: per price bin the time-weighted mean and the maximum resting quantity.
#include <cstdint>
#include <vector>

namespace co {

struct HeatmapRow {
    int64_t timeMs = 0; // bucket start
    int64_t binSize = 0; // 1e-8 units
    int64_t sampledMs = 0;
    int64_t mid = 0, bestBid = 0, bestAsk = 0; // of the bucket's last synced frame
    struct Bin {
        int64_t price = 0; // bin's lowest price, 1e-8 units
        float mean = 0, max = 0; // base units
    };
    std::vector<Bin> bids, asks; // best bin first
};

} // namespace co
