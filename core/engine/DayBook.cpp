#include "engine/DayBook.h"

#include "indicators/Ohlc.h"

#include <algorithm>

namespace co {

void DayTotals::add(const TickTrade &t) noexcept
{
    firstMs = trades ? std::min(firstMs, t.timeMs) : t.timeMs;
    lastMs = trades ? std::max(lastMs, t.timeMs) : t.timeMs;
    addToOhlc(*this, t);
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
