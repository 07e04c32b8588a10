#include "indicators/Footprint.h"

#include "indicators/Ohlc.h"
#include "model/Time.h"

#include <algorithm>

namespace co {

int64_t timeframeMs(Timeframe tf) noexcept
{
    switch (tf) {
    case Timeframe::M1: return kMsPerMinute;
    case Timeframe::M5: return 5 * kMsPerMinute;
    case Timeframe::M15: return 15 * kMsPerMinute;
    case Timeframe::M30: return 30 * kMsPerMinute;
    case Timeframe::H1: return kMsPerHour;
    case Timeframe::H4: return 4 * kMsPerHour;
    case Timeframe::D1: return 24 * kMsPerHour;
    }
    return kMsPerMinute;
}

std::string_view timeframeName(Timeframe tf) noexcept
{
    switch (tf) {
    case Timeframe::M1: return "1m";
    case Timeframe::M5: return "5m";
    case Timeframe::M15: return "15m";
    case Timeframe::M30: return "30m";
    case Timeframe::H1: return "1h";
    case Timeframe::H4: return "4h";
    case Timeframe::D1: return "1d";
    }
    return "1m";
}

std::optional<Timeframe> parseTimeframe(std::string_view s) noexcept
{
    for (Timeframe tf : kTimeframes)
        if (timeframeName(tf) == s)
            return tf;
    return std::nullopt;
}

void FootprintBar::add(const TickTrade &t) noexcept
{
    highRow = trades ? std::max(highRow, t.row) : t.row;
    lowRow = trades ? std::min(lowRow, t.row) : t.row;
    addToOhlc(*this, t);
    (t.takerBuy ? buy : sell) += t.qty;
    deltaMax = std::max(deltaMax, buy - sell);
    deltaMin = std::min(deltaMin, buy - sell);
    ++trades;
    lastMs = std::max(lastMs, t.timeMs);
    if (t.large) {
        largeVolume += t.qty;
        bigTrades.push_back({t.id, t.timeMs, t.price, t.qty, t.takerBuy});
    }
    rows.add(t.row, t.qty, t.takerBuy);
    sums.add(t.scaled);
}

FootprintBar &Footprint::mutableBar(size_t i)
{
    std::shared_ptr<FootprintBar> &p = bars_[i];
    if (p.use_count() > 1) // a published snapshot holds it: copy before writing
        p = std::make_shared<FootprintBar>(*p);
    return *p;
}

void Footprint::add(const TickTrade &t)
{
    const int64_t open = t.timeMs - floorMod(t.timeMs, tfMs_);
    if (bars_.empty() || bars_.back()->openTime < open) [[unlikely]] {
        if (!bars_.empty())
            mutableBar(bars_.size() - 1).rows.compact(); // closed: give back the growth slack
        auto bar = std::make_shared<FootprintBar>();
        bar->openTime = open;
        bars_.push_back(std::move(bar));
    } else if (bars_.back()->openTime > open) [[unlikely]] {
        // A trade stamped before the current bar (rare: T is not monotonic in id order).
        auto it = std::lower_bound(bars_.begin(), bars_.end(), open,
                                   [](const auto &b, int64_t o) { return b->openTime < o; });
        if (it == bars_.end() || (*it)->openTime != open) {
            auto bar = std::make_shared<FootprintBar>();
            bar->openTime = open;
            it = bars_.insert(it, std::move(bar));
        }
        mutableBar(size_t(it - bars_.begin())).add(t);
        return;
    }
    mutableBar(bars_.size() - 1).add(t);
}

} // namespace co
