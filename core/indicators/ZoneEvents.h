#pragma once
// Stacked-zone formation inside a bar from its 1-minute bars alone (spec analysis.md A3 `events`):
// each minute is one step of a ZoneTracker. Minute bars keep rows, not single trades, so the time
// given is the latest trade of the minute in which the zone formed — the completing trade printed
// in that minute, at or before it. With the bar's trades at hand, ZoneTracker::addTrade gives the
// completing trade itself (engine/TradeZoneEvents).
#include "indicators/Footprint.h"
#include "indicators/ZoneTracker.h"

#include <cstdint>
#include <span>
#include <vector>

namespace co {

// minutes: the bar's 1-minute bars in time order; rows merged k ticks per row (A1).
std::vector<ZoneFormed> zoneFormation(std::span<const BarPtr> minutes, int64_t k, const ImbalanceConfig &cfg);

} // namespace co
