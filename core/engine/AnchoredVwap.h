#pragma once
// Anchored VWAP (spec analysis.md A10) as a line: the running VWAP and σ from an anchor to the close
// of each bar of a timeframe, over the minute bars the engine keeps (prior day and today). The same
// sums as anchoredVwap() (KeyLevels.h): the last point equals it.
#include "engine/KeyLevels.h"

#include <vector>

namespace co {

struct AnchoredVwapPoint {
    int64_t barOpenTime = 0; // the bar of tf whose close the point is at
    VwapBands bands;
};

// Points for the bars from the anchor's bar on (anchor's minute included, as anchoredVwap does).
std::vector<AnchoredVwapPoint> anchoredVwapPath(const EngineSnapshot &s, int64_t anchorMs, Timeframe tf);

} // namespace co
