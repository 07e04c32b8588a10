#pragma once
// get_orderbook_heatmap (spec analysis.md A8): resting liquidity per price bin over a lookback,
// time-weighted, the top bins per side by mean quantity, and the share of the lookback sampled.
// Up to an hour from the engine's 1 s frames; longer lookbacks from the cache's 10 s rows.
#include "engine/Query.h"
#include "indicators/HeatmapHistory.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace co {

struct HeatmapQuery {
    int64_t lookbackMs = 15 * 60'000;
    size_t maxLevels = 10;
    int percentBp = 100;                // ≤ HeatmapHistory::kPercentBp
    std::optional<int64_t> ticksPerRow; // a multiple of the sampled bin (in ticks); nullopt: the sampled bin
};

struct HeatmapResult {
    std::string symbol;
    int64_t fromMs = 0, toMs = 0;
    int64_t binSize = 0, ticksPerRow = 0, sampledTicksPerRow = 0;
    int64_t mid = 0, bestBid = 0, bestAsk = 0; // of the newest synced frame
    HeatmapSummary summary;
    std::string resolution; // "1s" (memory) or "10s" (cache)
    DataQuality quality;
};

// The answer from the engine's frames (lookback ≤ 1 h) or from `rows` (the cache's 10 s rows of
// the range, ascending; used when the lookback is longer). Errors: NoData (nothing sampled yet),
// Unsupported (ticksPerRow not a multiple of the sampled bin), NotInMemory (> 1 h without rows).
QueryResult<HeatmapResult> buildOrderbookHeatmap(const EngineSnapshot &s, const HeatmapQuery &q, int64_t nowMs,
                                                 const std::vector<HeatmapRow> *rows = nullptr);

// Rows (each holding its sampledMs) summarised like frames: per bin Σ mean·sampledMs / Σ sampledMs
// and the largest max; only rows whose bin divides binSize; bins by lowest price within the row's
// ±percentBp of its mid.
HeatmapSummary summarizeHeatmapRows(const std::vector<HeatmapRow> &rows, int64_t fromMs, int64_t toMs,
                                    int64_t binSize, int percentBp, size_t maxLevels);

} // namespace co
