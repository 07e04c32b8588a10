#include "indicators/Funding.h"

#include "model/Time.h"

#include <algorithm>

namespace co {

void Funding::onOpenInterest(const OpenInterest &oi)
{
    if (!oi_.empty() && oi.timeMs <= oi_.back().timeMs) {
        // Out of order (history arriving after live values): insert in place, replace same time.
        auto it = std::lower_bound(oi_.begin(), oi_.end(), oi.timeMs,
                                   [](const OpenInterest &a, int64_t t) { return a.timeMs < t; });
        if (it != oi_.end() && it->timeMs == oi.timeMs)
            *it = oi;
        else
            oi_.insert(it, oi);
    } else {
        oi_.push_back(oi);
    }
    while (oi_.size() > 1 && oi_.front().timeMs < oi_.back().timeMs - 30 * kMsPerDay)
        oi_.pop_front();
}

void Funding::onSettlement(const FundingSettlement &f)
{
    auto it = std::lower_bound(settled_.begin(), settled_.end(), f.fundingTimeMs,
                               [](const FundingSettlement &a, int64_t t) { return a.fundingTimeMs < t; });
    if (it != settled_.end() && it->fundingTimeMs == f.fundingTimeMs)
        *it = f;
    else
        settled_.insert(it, f);
    if (f.fundingTimeMs >= settled_.back().fundingTimeMs && f.intervalHours > 0)
        intervalHours_ = f.intervalHours;
    while (settled_.size() > kMaxSettlements)
        settled_.pop_front();
}

std::optional<OpenInterest> Funding::openInterest() const
{
    if (oi_.empty())
        return std::nullopt;
    return oi_.back();
}

std::optional<int64_t> Funding::openInterestChange(int64_t windowMs) const
{
    if (oi_.empty())
        return std::nullopt;
    const int64_t from = oi_.back().timeMs - windowMs;
    auto it = std::upper_bound(oi_.begin(), oi_.end(), from, [](int64_t t, const OpenInterest &a) { return t < a.timeMs; });
    if (it == oi_.begin())
        return std::nullopt;
    --it; // latest value at or before the window start
    return oi_.back().openInterest - it->openInterest;
}

} // namespace co
