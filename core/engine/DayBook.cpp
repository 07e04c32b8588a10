#include "engine/DayBook.h"

#include <algorithm>

namespace co {

void DayTotals::add(const TickTrade &t) noexcept
{
    if (trades == 0) {
        open = close = high = low = t.price;
        openId = closeId = t.id;
        firstMs = lastMs = t.timeMs;
    } else {
        if (t.id < openId) {
            openId = t.id;
            open = t.price;
        }
        if (t.id > closeId) {
            closeId = t.id;
            close = t.price;
        }
        high = std::max(high, t.price);
        low = std::min(low, t.price);
        firstMs = std::min(firstMs, t.timeMs);
        lastMs = std::max(lastMs, t.timeMs);
    }
    (t.takerBuy ? buy : sell) += t.qty;
    ++trades;
    sums.add(t.scaled);
}

DayBook::DayBook(int64_t day, int64_t startMs, int64_t endMs, int64_t cvdBefore)
    : day_(day), startMs_(startMs), endMs_(endMs), cvdBefore_(cvdBefore)
{
}

void DayBook::add(const TickTrade &t)
{
    totals_.add(t);
    profile_.mut().add(t.row, t.qty, t.takerBuy);
    for (Footprint &f : footprints_)
        f.add(t);
}

std::shared_ptr<const DayView> DayBook::view() const
{
    auto v = std::make_shared<DayView>();
    v->day = day_;
    v->startMs = startMs_;
    v->endMs = endMs_;
    v->totals = totals_;
    v->profile = profile_.share();
    for (size_t i = 0; i < footprints_.size(); ++i)
        v->bars[i] = footprints_[i].share();
    v->cvdBefore = cvdBefore_;
    return v;
}

} // namespace co
