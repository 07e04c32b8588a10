#pragma once
// Open-interest history of one symbol (spec analysis.md A9) from the values the engine holds: the
// 60 s polls and openInterestHist (5m, 30 days).
#include "engine/Query.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace co {

struct OiChange {
    int64_t windowMs = 0;
    int64_t fromMs = 0;     // time of the value the change is taken from
    double change = 0;      // base units
    double changePercent = 0;
};

struct OpenInterestResult {
    std::string symbol;
    int64_t timeMs = 0;
    double openInterest = 0;
    std::optional<double> valueUsdt;
    std::vector<OiChange> changes; // 1 h, 4 h, 24 h where a value that old is held
    int64_t periodMs = 0;
    std::vector<OpenInterest> history; // the last value of each period, ascending, at the period's open
    DataQuality quality;
};

// The last value at or before each period end; the newest `limit` periods. NoData without any value.
QueryResult<OpenInterestResult> buildOpenInterest(const EngineSnapshot &s, int64_t periodMs, size_t limit, int64_t nowMs);

} // namespace co
