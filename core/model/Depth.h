#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace co {

// Absolute quantity at a price; qty 0 removes the level.
struct PriceLevel {
    int64_t price = 0;
    int64_t qty = 0;
};

// depthUpdate (diff or partial, told apart by the combined-stream name).
struct DepthUpdate {
    int64_t eventMs = 0;
    int64_t txMs = 0;
    int64_t firstId = 0;    // U
    int64_t lastId = 0;     // u
    int64_t prevLastId = 0; // pu
    bool partial = false;   // @depth5/10/20: whole top N, replace instead of apply
    std::vector<PriceLevel> bids;
    std::vector<PriceLevel> asks;
};

// REST GET /fapi/v1/depth answer.
struct DepthSnapshot {
    int64_t lastUpdateId = 0;
    int64_t eventMs = 0;
    int64_t txMs = 0;
    std::vector<PriceLevel> bids;
    std::vector<PriceLevel> asks;
};

// Depth within ±X % of mid on one side each (indicators.md §7).
struct DepthBand {
    int64_t bidQty = 0, askQty = 0; // 1e-8 units
    double bidNotional = 0, askNotional = 0; // USDT
    int64_t net() const noexcept { return bidQty - askQty; }
};

inline constexpr int kDepthLadderStepBp = 10; // 0.1 %
inline constexpr int kDepthLadderBands = 100; // up to 10 %

// The ladder of bands sampled once per second (stored in depth_samples).
struct DepthSample {
    int64_t timeMs = 0; // end of the second it describes
    std::array<int64_t, kDepthLadderBands> bidQty{}, askQty{};
    std::array<double, kDepthLadderBands> bidNotional{}, askNotional{};
    DepthBand band(int index) const noexcept
    {
        return {bidQty[size_t(index)], askQty[size_t(index)], bidNotional[size_t(index)], askNotional[size_t(index)]};
    }
};

} // namespace co
