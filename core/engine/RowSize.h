#pragma once
// Row size (spec analysis.md A1): k ticks per row, from ticksPerRow, binSize or "auto". One place
// for the server tools, `report` and the GUI's row merge, so all show the same rows.
#include "engine/KeyLevels.h"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>

namespace co {

inline constexpr std::array<int64_t, 10> kAutoTicksPerRow{1, 2, 5, 10, 25, 50, 100, 250, 500, 1000};
inline constexpr int64_t kAutoMaxRows = 40;
inline constexpr int64_t kMaxTicksPerRow = 100000;

// Merged rows floor(row / k) between lowRow and highRow (tick rows), both ends included.
int64_t mergedRowCount(int64_t lowRow, int64_t highRow, int64_t k) noexcept;

// The smallest k of kAutoTicksPerRow giving ≤ kAutoMaxRows merged rows in every range (tick rows
// low..high); the largest k when none does.
int64_t autoTicksPerRow(std::span<const std::pair<int64_t, int64_t>> ranges) noexcept;

// "auto" for the bars q would return (today and the prior day, q.limit newest).
int64_t autoTicksForBars(const EngineSnapshot &s, const FootprintQuery &q);

// "auto" for a whole day's range (key levels, profiles): its lowest to highest trade.
int64_t autoTicksForDay(const EngineSnapshot &s, const DayView &day);

// binSize (1e-8 price units) as ticks per row: nullopt unless a positive multiple of tick.
std::optional<int64_t> ticksForBinSize(int64_t binUnits, int64_t tick) noexcept;

} // namespace co
