#pragma once
// Funding of one symbol (spec analysis.md A9): the current rate from the mark-price stream (or
// the premiumIndex fallback) and the settled rates polled from fundingRate, with the interval from
// fundingInfo (8 h unless listed).
#include "engine/Query.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace co {

struct FundingCurrent {
    int64_t timeMs = 0;
    double rate = 0; // fraction per interval
    double markPrice = 0;
    int64_t nextFundingMs = 0; // 0: none scheduled
};

struct FundingRateResult {
    std::string symbol;
    int intervalHours = 8;
    std::optional<FundingCurrent> current;
    std::vector<FundingSettlement> history; // settled in [fromMs, toMs), ascending, the newest `limit`
    std::optional<double> meanRate;          // over history
    std::optional<double> annualizedPercent; // meanRate × settlements per year × 100
    DataQuality quality;
};

// NoData when neither a mark price nor a settlement is held. `stored` (the cache's settlements of
// [fromMs, toMs), when read) is merged with those held, each funding time once (the held one wins).
QueryResult<FundingRateResult> buildFundingRate(const EngineSnapshot &s, int64_t fromMs, int64_t toMs, size_t limit,
                                                int64_t nowMs, const std::vector<FundingSettlement> *stored = nullptr);

// Whether the held settlements may miss part of the answer: fewer than `limit` held in the range
// and the range starts before the oldest held (the cache is then worth reading).
bool fundingReachesBeyondMemory(const EngineSnapshot &s, int64_t fromMs, int64_t toMs, size_t limit);

} // namespace co
