#include "storage/FundingRecords.h"

namespace co {

void bindFundingRow(Statement &insert, int64_t sym, const FundingSettlement &f) noexcept
{
    insert.bind(1, sym);
    insert.bind(2, f.fundingTimeMs);
    insert.bind(3, f.fundingRate);
    insert.bind(4, f.markPrice);
    insert.bind(5, int64_t(f.intervalHours));
}

FundingSettlement readFundingRow(const Statement &select) noexcept
{
    FundingSettlement f;
    f.fundingTimeMs = select.int64(0);
    f.fundingRate = select.int64(1);
    f.markPrice = select.int64(2);
    const int64_t h = select.int64(3);
    f.intervalHours = h > 0 && h <= 24 ? int(h) : 8; // a damaged row reads as the default
    return f;
}

} // namespace co
