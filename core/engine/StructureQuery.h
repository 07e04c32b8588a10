#pragma once
// Swing liquidity and market structure of one symbol (spec analysis.md A6, A7) over klines merged
// from the minute bars the engine holds (prior day and today).
#include "engine/Query.h"
#include "indicators/Structure.h"

#include <cstdint>
#include <string>
#include <vector>

namespace co {

struct StructureRequest {
    int64_t intervalMs = 15 * 60'000;
    size_t lookbackBars = 200;
    int pivotLeft = 3, pivotRight = 3;
    int64_t endMs = INT64_MAX; // as of: nothing later is used
    double zigzagPercent = 0;
};

struct StructureKlines {
    std::string symbol;
    std::vector<PriceBar> klines; // the newest lookbackBars, ascending
    int64_t lastPrice = 0;     // the last trade, or the last close as of endMs
    DataQuality quality;
};

// NoData before the first trade (or before endMs).
QueryResult<StructureKlines> structureKlines(const EngineSnapshot &s, const StructureRequest &q, int64_t nowMs);

struct SwingLiquidityResult {
    StructureKlines input;
    std::vector<LiquidityLevel> levels; // all pivots, ascending by time
};
QueryResult<SwingLiquidityResult> buildSwingLiquidity(const EngineSnapshot &s, const StructureRequest &q, int64_t nowMs);

struct MarketStructureResult {
    StructureKlines input;
    MarketStructure structure;
};
QueryResult<MarketStructureResult> buildMarketStructure(const EngineSnapshot &s, const StructureRequest &q, int64_t nowMs);

} // namespace co
