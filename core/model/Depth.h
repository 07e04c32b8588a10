#pragma once
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

} // namespace co
