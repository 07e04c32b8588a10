#pragma once
// What the footprint view paints, computed from a snapshot: the bars of a stretch of the
// timeline (the prior day's bars followed by today's), rows grouped k ticks at a time, with
// imbalances, stacked zones and big trades (engine/KeyLevels.h buildFootprint).
#include "engine/KeyLevels.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace co {

struct FootprintScene {
    std::vector<FootprintBarResult> bars; // oldest first; rows highest price first
    size_t firstIndex = 0;                // timeline index of bars[0]
    size_t timelineSize = 0;              // bars in the whole timeline (prior day + today)
    size_t todayStart = 0;                // timeline index of today's first bar
    double rowStep = 0;                   // price of one row: tick × grouping
    int priceDecimals = 2;
    int64_t timeframeMs = 0;
    double lastPrice = 0;
    bool hasLastPrice = false;
};

// Bars of the prior day and today for a timeframe (the timeline the view scrolls through).
size_t footprintTimelineSize(const EngineSnapshot &s, Timeframe tf);

// Bars with timeline index in [first, end), clamped to the timeline.
FootprintScene buildFootprintScene(const EngineSnapshot &s, Timeframe tf, int64_t grouping, size_t first, size_t end);

} // namespace co
