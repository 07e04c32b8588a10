#pragma once
// Order-book depth within ±X % of mid per window and its change (spec indicators.md §7): the
// current value exactly from the synced book, history from the per-second ladder samples at the
// nearest ladder band (the answer says when that band differs from X).
#include "engine/Query.h"
#include "indicators/DepthDelta.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace co {

struct DepthDeltaRequest {
    int percentBp = 100; // X in basis points, 1..1000
    int windowSec = 60;  // 5..3600
    int lookback = 5;    // windows, 1..60
};

struct DepthPoint {
    int64_t endMs = 0;    // window end asked for
    int64_t sampleMs = 0; // time of the sample that stands for it (≤ endMs)
    DepthBand band;
    bool hasChange = false; // against the previous window's end
    int64_t bidChange = 0, askChange = 0, netChange = 0;
};

struct DepthDeltaResult {
    std::string symbol;
    int percentBp = 0;
    int ladderBp = 0; // band used for the windows
    bool current = false; // exact value of the live book below
    int64_t currentMs = 0;
    double bestBid = 0, bestAsk = 0, mid = 0;
    DepthBand now;
    std::vector<DepthPoint> windows; // oldest first, up to lookback
    DataQuality quality;
};

QueryResult<DepthDeltaResult> buildDepthDelta(const EngineSnapshot &s, const DepthDeltaRequest &q, int64_t nowMs);

} // namespace co
