#include "engine/BarQueries.h"

#include "engine/DayBook.h"
#include "model/Time.h"

#include <algorithm>

namespace co {

namespace {
// A bar of a timeframe that does not divide the day (4h or 1d bars with a DAY_TZ off UTC) opens in
// the prior day and closes today: one bar from both days' minutes, with today's running CVD.
FootprintBarResult joinedBar(const EngineSnapshot &s, const FootprintQuery &q, int64_t openTime, const FootprintBarResult &todayPart)
{
    const int64_t tfMs = timeframeMs(q.timeframe);
    std::vector<BarPtr> minutes;
    for (const BarPtr &b : s.prior->minuteBars)
        if (b->openTime >= openTime)
            minutes.push_back(b);
    for (const BarPtr &b : s.today->minuteBars)
        if (b->openTime < openTime + tfMs)
            minutes.push_back(b);
    const std::vector<BarPtr> joined = mergeBars(minutes, q.timeframe);
    std::vector<BarPtr> bars = s.today->barsOf(q.timeframe); // today's later bars judge zone activity
    bars.front() = joined.front();
    FootprintQuery one = q;
    one.startMs = openTime;
    one.endMs = openTime + 1;
    one.limit = 1;
    const int64_t priorPart = joined.front()->delta() - s.today->barsOf(q.timeframe).front()->delta();
    const int64_t todayStart = s.config.cvdContinuous ? s.today->cvdBefore : 0;
    std::vector<FootprintBarResult> r = buildFootprintOf(s, bars, minutes, todayStart - priorPart, one);
    return r.empty() ? todayPart : std::move(r.front());
}
} // namespace

std::vector<FootprintBarResult> footprintBars(const EngineSnapshot &s, const FootprintQuery &q)
{
    std::vector<FootprintBarResult> out;
    if (s.today)
        out = buildFootprint(s, *s.today, q);
    if (s.prior && out.size() < q.limit) {
        FootprintQuery pq = q;
        // One more: a bar across midnight counts once.
        pq.limit = q.limit == SIZE_MAX ? SIZE_MAX : q.limit - out.size() + 1;
        std::vector<FootprintBarResult> older = buildFootprint(s, *s.prior, pq);
        if (!older.empty() && !out.empty() && older.back().openTime == out.front().openTime) {
            out.front() = joinedBar(s, q, out.front().openTime, out.front());
            older.pop_back();
        }
        if (older.size() + out.size() > q.limit)
            older.erase(older.begin(), older.begin() + std::ptrdiff_t(older.size() + out.size() - q.limit));
        out.insert(out.begin(), std::make_move_iterator(older.begin()), std::make_move_iterator(older.end()));
    }
    return out;
}

std::vector<StackedResult> largestStacked(std::vector<StackedResult> zones, size_t n)
{
    if (zones.size() > n) {
        std::stable_sort(zones.begin(), zones.end(), [](const StackedResult &a, const StackedResult &b) {
            return a.count != b.count ? a.count > b.count : a.high > b.high;
        });
        zones.resize(n);
        std::sort(zones.begin(), zones.end(), [](const StackedResult &a, const StackedResult &b) { return a.low < b.low; });
    }
    return zones;
}

namespace {
int64_t earliestTradeMs(const EngineSnapshot &s)
{
    if (s.prior && s.prior->totals.trades)
        return s.prior->totals.firstMs;
    return s.today ? s.today->totals.firstMs : 0;
}

BarMetrics metricsOf(const FootprintBarResult &b, const FootprintBarResult *before, int64_t tfMs, int64_t nowMs)
{
    BarMetrics m;
    m.openTime = b.openTime;
    m.closed = nowMs >= b.openTime + tfMs;
    m.open = b.open;
    m.high = b.high;
    m.low = b.low;
    m.close = b.close;
    m.volume = b.volume;
    m.buyVolume = b.buyVolume;
    m.sellVolume = b.sellVolume;
    m.delta = b.delta;
    m.cvd = b.cvd;
    m.buyShare = b.buyShare;
    m.largeTradeShare = b.largeTradeShare;
    m.poc = b.poc;
    if (b.sellVolume > 0)
        m.buySellRatio = b.buyVolume / b.sellVolume;
    m.trades = b.trades;
    m.buyImbalances = int(b.buyImbalances.size());
    m.sellImbalances = int(b.sellImbalances.size());
    m.stacked = largestStacked(b.stacked, kStackedShown);
    m.stackedCount = int(b.stacked.size());
    // Against the bar before, also across midnight (the day's own bars start without one).
    if (before)
        m.deltaDivergence = (b.high > before->high && b.delta < 0) || (b.low < before->low && b.delta > 0);
    return m;
}
} // namespace

QueryResult<FootprintRange> buildFootprintRange(const EngineSnapshot &s, const FootprintQuery &q, int64_t nowMs)
{
    if (!s.today || !s.today->totals.trades)
        return QueryError{QueryErrorKind::NoData, "no trades for " + s.symbol.name + " since start-up; retry in a minute"};
    const DayView &oldest = s.prior ? *s.prior : *s.today;
    if (q.endMs != INT64_MAX && q.endMs <= oldest.startMs)
        return QueryError{QueryErrorKind::NotInMemory, "bars before " + isoTimeMs(oldest.startMs) +
                                                           " are not in memory (the prior day and today are kept)"};
    FootprintRange r;
    r.symbol = s.symbol.name;
    r.timeframe = q.timeframe;
    FootprintQuery one = q; // one bar more tells whether the limit cut anything
    one.limit = q.limit == SIZE_MAX ? q.limit : q.limit + 1;
    r.bars = footprintBars(s, one);
    if (r.bars.size() > q.limit) {
        r.more = true;
        r.bars.erase(r.bars.begin());
    }
    const int64_t tfMs = timeframeMs(q.timeframe);
    const int64_t earliest = earliestTradeMs(s);
    int64_t from = q.startMs != INT64_MIN ? q.startMs : r.bars.empty() ? earliest : r.bars.front().openTime;
    int64_t to = q.endMs != INT64_MAX ? q.endMs : r.bars.empty() ? nowMs + 1 : r.bars.back().openTime + tfMs;
    to = std::max(from + 1, std::min(to, nowMs + 1));
    r.quality = qualityFor(s, from, to, std::max(from, earliest), std::min(to - 1, s.lastTradeMs), nowMs);
    return r;
}

QueryResult<OrderflowMetrics> buildOrderflowMetrics(const EngineSnapshot &s, Timeframe tf, int64_t nowMs)
{
    if (!s.today || !s.today->totals.trades)
        return QueryError{QueryErrorKind::NoData, "no trades for " + s.symbol.name + " since start-up; retry in a minute"};
    FootprintQuery q;
    q.timeframe = tf;
    q.limit = 3;
    const std::vector<FootprintBarResult> bars = footprintBars(s, q);
    const int64_t tfMs = timeframeMs(tf);
    OrderflowMetrics r;
    r.symbol = s.symbol.name;
    r.timeframe = tf;
    const size_t n = bars.size();
    if (n >= 1)
        r.current = metricsOf(bars[n - 1], n >= 2 ? &bars[n - 2] : nullptr, tfMs, nowMs);
    if (n >= 2)
        r.previous = metricsOf(bars[n - 2], n >= 3 ? &bars[n - 3] : nullptr, tfMs, nowMs);
    const DayTotals &t = s.today->totals;
    r.dayVolume = qtyValue(t.volume());
    r.dayBuyVolume = qtyValue(t.buy);
    r.daySellVolume = qtyValue(t.sell);
    r.dayDelta = qtyValue(t.delta());
    r.cvdContinuous = s.config.cvdContinuous;
    r.cvd = qtyValue((s.config.cvdContinuous ? s.today->cvdBefore : 0) + t.delta());
    const int64_t spanStart = bars.empty() ? s.today->startMs : bars[n >= 2 ? n - 2 : 0].openTime;
    const int64_t spanEnd = std::max(spanStart + 1, std::min(bars.empty() ? nowMs : bars.back().openTime + tfMs, nowMs + 1));
    r.quality = qualityFor(s, spanStart, spanEnd, std::max(spanStart, earliestTradeMs(s)),
                           std::min(spanEnd - 1, s.lastTradeMs), nowMs);
    return r;
}

} // namespace co
