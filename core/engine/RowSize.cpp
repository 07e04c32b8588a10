#include "engine/RowSize.h"

#include <algorithm>
#include <vector>

namespace co {

namespace {
int64_t floorDiv(int64_t a, int64_t k) noexcept { return a / k - ((a % k != 0) && ((a < 0) != (k < 0))); }
} // namespace

int64_t mergedRowCount(int64_t lowRow, int64_t highRow, int64_t k) noexcept
{
    k = std::max<int64_t>(1, k);
    return floorDiv(highRow, k) - floorDiv(lowRow, k) + 1;
}

int64_t autoTicksPerRow(std::span<const std::pair<int64_t, int64_t>> ranges) noexcept
{
    for (int64_t k : kAutoTicksPerRow) {
        const bool fits = std::all_of(ranges.begin(), ranges.end(), [k](const auto &r) {
            return mergedRowCount(r.first, r.second, k) <= kAutoMaxRows;
        });
        if (fits)
            return k;
    }
    return kAutoTicksPerRow.back();
}

int64_t autoTicksForBars(const EngineSnapshot &s, const FootprintQuery &q)
{
    std::vector<std::pair<int64_t, int64_t>> ranges;
    for (const auto &day : {s.prior, s.today}) {
        if (!day)
            continue;
        for (const BarPtr &b : day->barsOf(q.timeframe))
            if (b->openTime >= q.startMs && b->openTime < q.endMs && b->trades > 0)
                ranges.emplace_back(b->lowRow, b->highRow);
    }
    if (ranges.size() > q.limit) // the newest q.limit bars are the ones answered
        ranges.erase(ranges.begin(), ranges.end() - std::ptrdiff_t(q.limit));
    return autoTicksPerRow(ranges);
}

int64_t autoTicksForDay(const EngineSnapshot &s, const DayView &day)
{
    if (!day.totals.trades || s.symbol.tickSize <= 0)
        return 1;
    const std::pair<int64_t, int64_t> r{day.totals.low / s.symbol.tickSize, day.totals.high / s.symbol.tickSize};
    return autoTicksPerRow(std::span(&r, 1));
}

std::optional<int64_t> ticksForBinSize(int64_t binUnits, int64_t tick) noexcept
{
    if (tick <= 0 || binUnits <= 0 || binUnits % tick != 0 || binUnits / tick > kMaxTicksPerRow)
        return std::nullopt;
    return binUnits / tick;
}

} // namespace co
