#pragma once
// The per-bar auction marks of analysis.md A3 that need more than the bar's rows: big trades (kept
// with the bar) and stacked-zone formation (replayed from the bar's minutes). Only when asked.
#include "engine/KeyLevels.h"

#include <span>

namespace co {

// The 1m bars of `minutes` (time order) with openTime in [openTime, openTime + tfMs).
std::span<const BarPtr> barMinutes(const std::vector<BarPtr> &minutes, int64_t openTime, int64_t tfMs);

// bigTradeCount always; bigTrades and events when q asks for them.
void addBarMarks(FootprintBarResult &r, const FootprintBar &b, std::span<const BarPtr> minutes, const EngineSnapshot &s,
                 const FootprintQuery &q);

} // namespace co
