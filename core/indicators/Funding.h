#pragma once
// Mark price, funding and open interest of one symbol (spec indicators.md §9).
#include "model/Derivatives.h"

#include <cstdint>
#include <deque>
#include <optional>

namespace co {

class Funding {
public:
    void onMark(const MarkPrice &m) { mark_ = m; }
    void onOpenInterest(const OpenInterest &oi);

    const std::optional<MarkPrice> &mark() const noexcept { return mark_; }
    std::optional<OpenInterest> openInterest() const;
    // Change of OI (base units, 1e-8) over the window ending at the latest value; nullopt if no
    // value that old is known.
    std::optional<int64_t> openInterestChange(int64_t windowMs) const;
    const std::deque<OpenInterest> &openInterestHistory() const noexcept { return oi_; }

    // Settled rates (REST fundingRate), ascending by funding time, same time replaced; the newest
    // kMaxSettlements kept (a year at 8 h). The interval is the one of the newest poll.
    static constexpr size_t kMaxSettlements = 1100;
    void onSettlement(const FundingSettlement &f);
    const std::deque<FundingSettlement> &settlements() const noexcept { return settled_; }
    int intervalHours() const noexcept { return intervalHours_; }

private:
    std::optional<MarkPrice> mark_;
    std::deque<OpenInterest> oi_; // ascending time, ≤ 30 days
    std::deque<FundingSettlement> settled_;
    int intervalHours_ = 8;
};

} // namespace co
