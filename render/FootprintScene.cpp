#include "render/FootprintScene.h"

#include "model/Fixed.h"
#include "render/Format.h"

#include <algorithm>
#include <cmath>

namespace co {

namespace {
const std::vector<BarPtr> &barsOf(const std::shared_ptr<const DayView> &day, Timeframe tf)
{
    static const std::vector<BarPtr> none;
    return day ? day->barsOf(tf) : none;
}

// The day's bars with index in [first, end) of that day's own list.
std::vector<FootprintBarResult> dayBars(const EngineSnapshot &s, const DayView &day, Timeframe tf, int64_t grouping,
                                        size_t first, size_t end)
{
    const std::vector<BarPtr> &bars = day.barsOf(tf);
    if (first >= end || first >= bars.size())
        return {};
    FootprintQuery q;
    q.timeframe = tf;
    q.grouping = grouping;
    q.rows = true;
    q.bigTrades = true; // drawn as circles on their bar (auction marks)
    q.startMs = bars[first]->openTime;
    q.endMs = end < bars.size() ? bars[end]->openTime : INT64_MAX;
    return buildFootprint(s, day, q);
}
} // namespace

size_t footprintTimelineSize(const EngineSnapshot &s, Timeframe tf)
{
    return barsOf(s.prior, tf).size() + barsOf(s.today, tf).size();
}

FootprintScene buildFootprintScene(const EngineSnapshot &s, Timeframe tf, int64_t grouping, size_t first, size_t end)
{
    FootprintScene scene;
    grouping = std::max<int64_t>(1, grouping);
    const size_t nPrior = barsOf(s.prior, tf).size();
    scene.timelineSize = nPrior + barsOf(s.today, tf).size();
    scene.todayStart = nPrior;
    end = std::min(end, scene.timelineSize);
    first = std::min(first, end);
    scene.firstIndex = first;
    scene.timeframeMs = timeframeMs(tf);
    scene.rowStep = fixedToDouble(s.symbol.tickSize * grouping);
    scene.priceDecimals = decimalsFor(fixedToDouble(s.symbol.tickSize));
    scene.hasLastPrice = s.hasTrade;
    scene.lastPrice = fixedToDouble(s.lastPrice);
    if (s.symbol.tickSize <= 0)
        return scene;

    if (s.prior && first < nPrior) {
        scene.bars = dayBars(s, *s.prior, tf, grouping, first, std::min(end, nPrior));
        // buildFootprint judges a prior-day zone by that day's later trades only; today's trades
        // can trade through it as well (same rule: below a BUY zone's low, above a SELL zone's top).
        if (s.today && s.today->totals.trades) {
            const int64_t lo = s.today->totals.low, hi = s.today->totals.high;
            const int64_t rowUnits = s.symbol.tickSize * grouping;
            for (FootprintBarResult &b : scene.bars)
                for (StackedResult &z : b.stacked) {
                    const int64_t zLow = std::llround(z.low * kFixedOne), zHigh = std::llround(z.high * kFixedOne);
                    if (z.side == "BUY" ? lo < zLow : hi > zHigh + rowUnits - 1)
                        z.active = false;
                }
        }
    }
    if (s.today && end > nPrior) {
        auto today = dayBars(s, *s.today, tf, grouping, first > nPrior ? first - nPrior : 0, end - nPrior);
        scene.bars.insert(scene.bars.end(), std::make_move_iterator(today.begin()), std::make_move_iterator(today.end()));
    }
    return scene;
}

} // namespace co
