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

// NoData when neither a mark price nor a settlement is held.
QueryResult<FundingRateResult> buildFundingRate(const EngineSnapshot &s, int64_t fromMs, int64_t toMs, size_t limit,
                                                int64_t nowMs);

} // namespace co
