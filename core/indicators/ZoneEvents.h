#pragma once
// Stacked-zone formation inside a bar (spec analysis.md A3 `events`): the bar's rows are rebuilt
// minute by minute and a zone is "formed" at the first minute after which it stands with no zone
// of the same side overlapping it the minute before. Minute bars keep rows, not single trades, so
// the time given is the latest trade of that minute: the completing trade printed in that minute,
// at or before the time given.
#include "indicators/Footprint.h"
#include "indicators/Imbalance.h"

#include <cstdint>
#include <span>
#include <vector>

namespace co {

struct ZoneFormed {
    int64_t timeMs = 0; // latest trade of the minute in which the zone formed
    StackedZone zone;   // rows merged k ticks at a time, as at that minute
};

// minutes: the bar's 1-minute bars in time order; rows merged k ticks per row (A1).
std::vector<ZoneFormed> zoneFormation(std::span<const BarPtr> minutes, int64_t k, const ImbalanceConfig &cfg);

} // namespace co
