#pragma once
// Bar queries across the two days an engine keeps (prior day and today): footprint bars of a time
// range, and the order-flow metrics of the current and previous bar (spec indicators.md §5, §6).
#include "engine/KeyLevels.h"
#include "engine/Query.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace co {

// Bars of q.timeframe with openTime in [q.startMs, q.endMs), oldest first, the newest q.limit kept.
// CVD restarts with each day (CVD_RESET=day) as in the day's own bars.
std::vector<FootprintBarResult> footprintBars(const EngineSnapshot &s, const FootprintQuery &q);

struct FootprintRange {
    std::string symbol;
    Timeframe timeframe = Timeframe::M5;
    std::vector<FootprintBarResult> bars;
    bool more = false; // older bars in range were left out by the limit
    DataQuality quality;
};

// footprintBars() with its dataQuality; NoData before the first trade.
QueryResult<FootprintRange> buildFootprintRange(const EngineSnapshot &s, const FootprintQuery &q, int64_t nowMs);

// The n zones with the most rows (ties: the higher price), in price order: busy bars of a fine tick
// have dozens of three-row zones, and an answer for a model must stay small.
std::vector<StackedResult> largestStacked(std::vector<StackedResult> zones, size_t n);
inline constexpr size_t kStackedShown = 5;

struct BarMetrics {
    int64_t openTime = 0;
    bool closed = false; // the bar's time is over
    double open = 0, high = 0, low = 0, close = 0;
    double volume = 0, buyVolume = 0, sellVolume = 0, delta = 0, cvd = 0;
    double buyShare = 0, largeTradeShare = 0, poc = 0;
    std::optional<double> buySellRatio; // buy / sell volume; absent when nothing was sold
    int64_t trades = 0;
    int buyImbalances = 0, sellImbalances = 0;
    std::vector<StackedResult> stacked; // the largest kStackedShown
    int stackedCount = 0;               // all zones of the bar
    bool deltaDivergence = false;
};

struct OrderflowMetrics {
    std::string symbol;
    Timeframe timeframe = Timeframe::M5;
    std::optional<BarMetrics> current, previous; // the two newest bars with trades
    double dayVolume = 0, dayBuyVolume = 0, daySellVolume = 0, dayDelta = 0, cvd = 0;
    bool cvdContinuous = false;
    DataQuality quality;
};

QueryResult<OrderflowMetrics> buildOrderflowMetrics(const EngineSnapshot &s, Timeframe tf, int64_t nowMs);

} // namespace co
