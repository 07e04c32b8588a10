#pragma once
// The per-bar auction marks of analysis.md A3 that need more than the bar's rows: big trades (kept
// with the bar) and stacked-zone formation (replayed from the bar's minutes). Only when asked.
#include "engine/KeyLevels.h"
#include "indicators/ZoneTracker.h"

#include <span>

namespace co {

// The 1m bars of `minutes` (time order) with openTime in [openTime, openTime + tfMs).
std::span<const BarPtr> barMinutes(const std::vector<BarPtr> &minutes, int64_t openTime, int64_t tfMs);

// One formed zone as answered; unit = 1e-8 price units of a merged row (k × tick).
ZoneEventResult zoneEventResult(const ZoneFormed &e, int64_t unit);

// bigTradeCount always; bigTrades and events when q asks for them.
void addBarMarks(FootprintBarResult &r, const FootprintBar &b, std::span<const BarPtr> minutes, const EngineSnapshot &s,
                 const FootprintQuery &q);

} // namespace co
