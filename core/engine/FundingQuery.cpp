#include "engine/FundingQuery.h"

#include "engine/KeyLevels.h"
#include "model/Time.h"

#include <algorithm>

namespace co {

QueryResult<FundingRateResult> buildFundingRate(const EngineSnapshot &s, int64_t fromMs, int64_t toMs, size_t limit,
                                                int64_t nowMs)
{
    const bool hasMark = s.funding && s.funding->mark();
    const bool hasSettled = s.funding && !s.funding->settlements().empty();
    if (!hasMark && !hasSettled)
        return QueryError{QueryErrorKind::NoData, "no funding for " + s.symbol.name +
                                                      " yet; the mark price streams every second and settled rates "
                                                      "are polled every 15 min"};
    FundingRateResult r;
    r.symbol = s.symbol.name;
    r.intervalHours = s.funding->intervalHours();
    r.quality = s.quality;
    r.quality.gaps.clear();
    r.quality.gapsOmitted = 0;
    r.quality.warnings.clear();
    if (hasMark) {
        const MarkPrice &m = *s.funding->mark();
        r.current = FundingCurrent{m.eventMs, qtyValue(m.fundingRate), qtyValue(m.markPrice), m.nextFundingMs};
        r.quality.ageMs = std::max<int64_t>(0, nowMs - m.eventMs);
    } else {
        r.quality.warnings.push_back("no mark price received yet: current rate unknown");
    }
    const auto &all = s.funding->settlements();
    auto lo = std::lower_bound(all.begin(), all.end(), fromMs,
                               [](const FundingSettlement &f, int64_t t) { return f.fundingTimeMs < t; });
    auto hi = std::lower_bound(lo, all.end(), toMs,
                               [](const FundingSettlement &f, int64_t t) { return f.fundingTimeMs < t; });
    if (size_t(hi - lo) > limit)
        lo = hi - std::ptrdiff_t(limit);
    r.history.assign(lo, hi);
    if (!r.history.empty()) {
        double sum = 0;
        for (const FundingSettlement &f : r.history)
            sum += qtyValue(f.fundingRate);
        r.meanRate = sum / double(r.history.size());
        r.annualizedPercent = *r.meanRate * (24.0 / r.intervalHours) * 365 * 100;
        // Coverage: settlements held among those the interval implies between the first and last.
        const int64_t span = r.history.back().fundingTimeMs - r.history.front().fundingTimeMs;
        const int64_t expected = span / (int64_t(r.intervalHours) * kMsPerHour) + 1;
        r.quality.fromMs = r.history.front().fundingTimeMs;
        r.quality.toMs = r.history.back().fundingTimeMs;
        r.quality.coverage = std::clamp(double(r.history.size()) / double(std::max<int64_t>(1, expected)), 0.0, 1.0);
        if (r.quality.coverage < 0.99)
            r.quality.warnings.push_back("settled rates held for " + std::to_string(r.history.size()) + " of " +
                                         std::to_string(expected) + " funding times (the interval may have changed)");
    } else {
        r.quality.coverage = 0;
        r.quality.warnings.push_back(hasSettled ? "no settled rate in the range"
                                                : "settled rates not polled yet (every 15 min)");
    }
    if (all.size() >= Funding::kMaxSettlements && fromMs < all.front().fundingTimeMs)
        r.quality.warnings.push_back("settled rates before " + std::to_string(all.front().fundingTimeMs) +
                                     " are stored but not held in memory");
    return r;
}

} // namespace co
