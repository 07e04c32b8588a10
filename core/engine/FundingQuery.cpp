#include "engine/FundingQuery.h"

#include "engine/KeyLevels.h"
#include "model/Time.h"

#include <algorithm>

namespace co {

namespace {
auto byTime(const std::deque<FundingSettlement> &all, int64_t fromMs, int64_t toMs)
{
    auto before = [](const FundingSettlement &f, int64_t t) { return f.fundingTimeMs < t; };
    auto lo = std::lower_bound(all.begin(), all.end(), fromMs, before);
    return std::pair(lo, std::lower_bound(lo, all.end(), toMs, before));
}
} // namespace

bool fundingReachesBeyondMemory(const EngineSnapshot &s, int64_t fromMs, int64_t toMs, size_t limit)
{
    if (!s.funding || s.funding->settlements().empty())
        return true;
    const auto &all = s.funding->settlements();
    const auto [lo, hi] = byTime(all, fromMs, toMs);
    return size_t(hi - lo) < limit && fromMs < all.front().fundingTimeMs;
}

QueryResult<FundingRateResult> buildFundingRate(const EngineSnapshot &s, int64_t fromMs, int64_t toMs, size_t limit,
                                                int64_t nowMs, const std::vector<FundingSettlement> *stored)
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
    {
        const auto [lo, hi] = byTime(all, fromMs, toMs);
        r.history.assign(lo, hi);
    }
    if (stored && !stored->empty()) {
        // Stored first so that a held settlement (the newest poll) replaces the stored one of its time.
        std::vector<FundingSettlement> merged;
        merged.reserve(stored->size() + r.history.size());
        for (const FundingSettlement &f : *stored)
            if (f.fundingTimeMs >= fromMs && f.fundingTimeMs < toMs)
                merged.push_back(f);
        merged.insert(merged.end(), r.history.begin(), r.history.end());
        auto earlier = [](const FundingSettlement &a, const FundingSettlement &b) { return a.fundingTimeMs < b.fundingTimeMs; };
        std::stable_sort(merged.begin(), merged.end(), earlier);
        // Of equal times keep the last (held) one.
        std::vector<FundingSettlement> once;
        once.reserve(merged.size());
        for (const FundingSettlement &f : merged) {
            if (!once.empty() && once.back().fundingTimeMs == f.fundingTimeMs)
                once.back() = f;
            else
                once.push_back(f);
        }
        r.history = std::move(once);
    }
    if (r.history.size() > limit)
        r.history.erase(r.history.begin(), r.history.end() - std::ptrdiff_t(limit));
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
    if (!stored && all.size() >= Funding::kMaxSettlements && fromMs < all.front().fundingTimeMs)
        r.quality.warnings.push_back("settled rates before " + std::to_string(all.front().fundingTimeMs) +
                                     " are stored but not held in memory");
    return r;
}

} // namespace co
