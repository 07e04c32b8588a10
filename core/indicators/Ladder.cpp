#include "indicators/Ladder.h"

#include "model/Time.h"

#include <algorithm>

namespace co {

void Ladder::grow(int64_t row)
{
    if (empty_) {
        rows_.assign(64, RowVolume{});
        base_ = row - 32;
        low_ = high_ = row;
        empty_ = false;
        return;
    }
    const int64_t newLow = std::min(low_, row), newHigh = std::max(high_, row);
    const int64_t capLow = base_, capHigh = base_ + int64_t(rows_.size()) - 1;
    if (newLow < capLow || newHigh > capHigh) {
        // Re-centre with slack proportional to the range, so growth is amortised O(1).
        const int64_t span = newHigh - newLow + 1;
        const int64_t slack = std::max<int64_t>(32, span / 2);
        std::vector<RowVolume> fresh(size_t(span + 2 * slack));
        const int64_t newBase = newLow - slack;
        std::copy(rows_.begin() + (low_ - base_), rows_.begin() + (high_ - base_ + 1),
                  fresh.begin() + (low_ - newBase));
        rows_.swap(fresh);
        base_ = newBase;
    }
    low_ = newLow;
    high_ = newHigh;
}

void Ladder::addRow(int64_t row, const RowVolume &v)
{
    if (empty_ || row < low_ || row > high_)
        grow(row);
    RowVolume &r = rows_[size_t(row - base_)];
    r.buy += v.buy;
    r.sell += v.sell;
    r.trades += v.trades;
}

void Ladder::compact()
{
    if (empty_)
        return;
    std::vector<RowVolume> exact(rows_.begin() + (low_ - base_), rows_.begin() + (high_ - base_ + 1));
    rows_.swap(exact);
    base_ = low_;
}

Ladder Ladder::grouped(int64_t k) const
{
    if (k <= 1)
        return *this;
    Ladder g;
    for (int64_t r = low_; !empty_ && r <= high_; ++r) {
        const RowVolume &v = at(r);
        if (v.trades || v.total())
            g.addRow(floorDiv(r, k), v);
    }
    return g;
}

bool Ladder::operator==(const Ladder &o) const
{
    if (empty_ != o.empty_)
        return false;
    if (empty_)
        return true;
    if (low_ != o.low_ || high_ != o.high_)
        return false;
    for (int64_t r = low_; r <= high_; ++r)
        if (!(at(r) == o.at(r)))
            return false;
    return true;
}

} // namespace co
