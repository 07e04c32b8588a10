#pragma once
// What readers (server, GUI, report) get from an engine: an immutable, shareable picture.
#include "engine/DayBook.h"
#include "engine/EngineConfig.h"
#include "indicators/DepthDelta.h"
#include "indicators/Funding.h"
#include "indicators/HeatmapHistory.h"
#include "indicators/LiquidationStore.h"
#include "indicators/SessionLevels.h"
#include "model/DataQuality.h"
#include "model/Symbol.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace co {

// A completed day as kept for naked POCs and history.
struct DaySummary {
    int64_t day = 0;
    int64_t startMs = 0, endMs = 0;
    bool hasTrades = false;
    int64_t pocRow = 0;
    int64_t high = 0, low = 0; // prices 1e-8
};

struct SessionView {
    std::string name;
    int startMin = 0, endMin = 0;
    int64_t windowStartMs = 0, windowEndMs = 0;
    std::optional<SessionStats> stats; // no trades → nullopt
};

// Flat copy of the synced book for exact any-X depth queries.
struct BookView {
    bool live = false;
    int64_t lastUpdateId = 0;
    OrderBook book;
};

// The exchange's own rolling 24 h statistics (REST ticker/24hr, polled live); prices and
// quantities in 1e-8 units, priceChangePercent too (-0.025 % = -2'500'000).
struct Ticker24hView {
    int64_t openTimeMs = 0, closeTimeMs = 0;
    int64_t open = 0, high = 0, low = 0, last = 0, priceChangePercent = 0;
    int64_t volume = 0, quoteVolume = 0, count = 0;
};

struct EngineSnapshot {
    SymbolInfo symbol;
    EngineConfig config;
    uint64_t seq = 0;
    int64_t asOfMs = 0; // exchange time of the latest applied event

    bool hasTrade = false;
    int64_t lastPrice = 0, lastTradeMs = 0, lastTradeId = 0;

    std::shared_ptr<const DayView> today;
    std::shared_ptr<const DayView> prior;
    std::vector<SessionView> todaySessions, priorSessions;
    std::vector<DaySummary> history; // completed days, oldest first (the prior day is last)

    DataQuality quality; // engine-wide counters; results narrow it to their span
    int64_t cvdAll = 0;  // cumulative delta since the start of the cached data

    std::shared_ptr<const BookView> book;
    std::shared_ptr<const DepthHistory> depth;
    std::shared_ptr<const HeatmapHistory> heatmap; // 1 s frames, last hour
    std::shared_ptr<const LiquidationStore> liquidations;
    std::shared_ptr<const Funding> funding;
    std::shared_ptr<const Ticker24hView> ticker24h; // live only, until the trades cover 24 h
};

using SnapshotPtr = std::shared_ptr<const EngineSnapshot>;

} // namespace co
