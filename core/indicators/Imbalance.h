#pragma once
// Diagonal and stacked imbalances of one footprint bar (spec indicators.md §5).
#include "indicators/Ladder.h"

#include <cstdint>
#include <vector>

namespace co {

struct ImbalanceConfig {
    int64_t ratio = 300'000'000; // R in 1e-8 units (3.0), compared exactly as a fraction
    int consecutive = 3;         // N rows for a stacked zone
    int64_t minVolume = 0;       // V in 1e-8 units
};

enum class ImbalanceSide : uint8_t { Buy, Sell };

struct StackedZone {
    int64_t lowRow = 0;
    int64_t highRow = 0;
    ImbalanceSide side = ImbalanceSide::Buy;
    int count = 0;
};

struct BarImbalances {
    std::vector<int64_t> buyRows;  // ascending
    std::vector<int64_t> sellRows; // ascending
    std::vector<StackedZone> stacked;
};

// rows: the bar's ladder (possibly grouped); the bar's range is [rows.lowRow(), rows.highRow()].
BarImbalances findImbalances(const Ladder &rows, const ImbalanceConfig &cfg);

// One diagonal comparison: v > 0, v ≥ V and v ≥ R × opposite, exactly (R as a 1e-8 fraction).
// findImbalances and the incremental ZoneTracker share it.
bool isImbalanced(int64_t v, int64_t opposite, const ImbalanceConfig &cfg) noexcept;

} // namespace co
