#include "engine/DayBook.h"

#include "indicators/Ohlc.h"
#include "model/Time.h"

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
    minutes_.add(t);
}

std::shared_ptr<const DayView> DayBook::view() const
{
    auto v = std::make_shared<DayView>();
    v->day = day_;
    v->startMs = startMs_;
    v->endMs = endMs_;
    v->totals = totals_;
    v->profile = profile_.share();
    v->minuteBars = minutes_.share();
    v->cvdBefore = cvdBefore_;
    return v;
}

const std::vector<BarPtr> &DayView::barsOf(Timeframe tf) const
{
    if (tf == Timeframe::M1)
        return minuteBars;
    const size_t i = size_t(tf);
    std::call_once(merged_[i], [&] { bars_[i] = mergeBars(minuteBars, tf); });
    return bars_[i];
}

std::vector<BarPtr> mergeBars(const std::vector<BarPtr> &minuteBars, Timeframe tf)
{
    const int64_t tfMs = timeframeMs(tf);
    std::vector<BarPtr> out;
    std::shared_ptr<FootprintBar> m;
    for (const BarPtr &bp : minuteBars) {
        const FootprintBar &b = *bp;
        const int64_t open = b.openTime - floorMod(b.openTime, tfMs);
        if (!m || m->openTime != open) {
            if (m)
                out.push_back(std::move(m));
            m = std::make_shared<FootprintBar>();
            m->openTime = open;
        }
        if (b.trades == 0)
            continue;
        if (m->trades == 0) {
            m->open = b.open;
            m->openId = b.openId;
            m->close = b.close;
            m->closeId = b.closeId;
            m->high = b.high;
            m->low = b.low;
            m->highRow = b.highRow;
            m->lowRow = b.lowRow;
        } else {
            if (b.openId < m->openId) {
                m->openId = b.openId;
                m->open = b.open;
            }
            if (b.closeId > m->closeId) {
                m->closeId = b.closeId;
                m->close = b.close;
            }
            m->high = std::max(m->high, b.high);
            m->low = std::min(m->low, b.low);
            m->highRow = std::max(m->highRow, b.highRow);
            m->lowRow = std::min(m->lowRow, b.lowRow);
        }
        // Running delta continues across the minutes (minutes in time order), exact (A2).
        m->deltaMax = std::max(m->deltaMax, m->delta() + b.deltaMax);
        m->deltaMin = std::min(m->deltaMin, m->delta() + b.deltaMin);
        m->buy += b.buy;
        m->sell += b.sell;
        m->trades += b.trades;
        m->largeVolume += b.largeVolume;
        m->lastMs = std::max(m->lastMs, b.lastMs);
        m->bigTrades.insert(m->bigTrades.end(), b.bigTrades.begin(), b.bigTrades.end());
        for (int64_t r = b.rows.lowRow(); !b.rows.empty() && r <= b.rows.highRow(); ++r)
            if (const RowVolume &v = b.rows.at(r); v.trades)
                m->rows.addRow(r, v);
        m->sums.merge(b.sums);
    }
    if (m)
        out.push_back(std::move(m));
    return out;
}

} // namespace co
