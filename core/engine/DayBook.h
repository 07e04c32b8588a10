#pragma once
// Everything the engine accumulates for one day: totals, VWAP sums, the day profile and the
// 1-minute footprint bars; longer timeframes are merged from them when a reader asks (exact:
// sums, rows and id-ordered open/close merge). view() shares it with readers copy-on-write.
#include "indicators/Footprint.h"
#include "indicators/Ladder.h"
#include "indicators/VwapSums.h"
#include "model/Cow.h"

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace co {

struct DayTotals {
    int64_t trades = 0;
    int64_t buy = 0, sell = 0;
    int64_t open = 0, high = 0, low = 0, close = 0; // open/close by lowest/highest id
    int64_t openId = 0, closeId = 0;
    int64_t firstMs = 0, lastMs = 0;
    VwapSums sums;

    int64_t volume() const noexcept { return buy + sell; }
    int64_t delta() const noexcept { return buy - sell; }
    void add(const TickTrade &t) noexcept;
};

// An immutable picture of one day, as readers see it.
// What a day holds (copyable); DayView adds the merged-bar caches.
struct DayData {
    int64_t day = 0;               // local day number (days since 1970-01-01 in the day zone)
    int64_t startMs = 0, endMs = 0; // UTC [start, end)
    DayTotals totals;
    std::shared_ptr<const Ladder> profile;
    std::vector<BarPtr> minuteBars;
    int64_t cvdBefore = 0; // cumulative delta of the cached data before this day (CVD_RESET=none)
};

struct DayView : DayData {
    DayView() = default;
    explicit DayView(DayData d) : DayData(std::move(d)) {}

    // Bars of any timeframe; longer ones are merged from the minute bars once per view.
    const std::vector<BarPtr> &barsOf(Timeframe tf) const;

private:
    mutable std::array<std::once_flag, kTimeframes.size()> merged_;
    mutable std::array<std::vector<BarPtr>, kTimeframes.size()> bars_;
};

// Bars of timeframe tf merged from minute bars (ascending); exact.
std::vector<BarPtr> mergeBars(const std::vector<BarPtr> &minuteBars, Timeframe tf);

class DayBook {
public:
    DayBook(int64_t day, int64_t startMs, int64_t endMs, int64_t cvdBefore);
    void add(const TickTrade &t);
    std::shared_ptr<const DayView> view() const;

    int64_t day() const noexcept { return day_; }
    int64_t startMs() const noexcept { return startMs_; }
    int64_t endMs() const noexcept { return endMs_; }
    const DayTotals &totals() const noexcept { return totals_; }

private:
    int64_t day_, startMs_, endMs_, cvdBefore_;
    DayTotals totals_;
    Cow<Ladder> profile_;
    Footprint minutes_{Timeframe::M1};
};

} // namespace co
