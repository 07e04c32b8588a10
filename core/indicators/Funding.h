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

private:
    std::optional<MarkPrice> mark_;
    std::deque<OpenInterest> oi_; // ascending time, ≤ 30 days
};

} // namespace co
