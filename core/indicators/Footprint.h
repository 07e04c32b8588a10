#pragma once
// Footprint bars (spec indicators.md §5): per bar OHLC, buy/sell volume, trades and per-row
// bid × ask volume. Bars are aligned to epoch multiples of the timeframe. Completed bars are
// shared with readers copy-on-write, so publishing a snapshot costs one pointer per bar.
#include "indicators/Ladder.h"
#include "indicators/VwapSums.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace co {

// Bars are aligned to UTC epoch multiples (4h bars open at 00, 04, … UTC; 1d bars at UTC midnight).
enum class Timeframe : uint8_t { M1, M5, M15, M30, H1, H4, D1 };
inline constexpr std::array<Timeframe, 7> kTimeframes{Timeframe::M1,  Timeframe::M5, Timeframe::M15, Timeframe::M30,
                                                       Timeframe::H1, Timeframe::H4, Timeframe::D1};
int64_t timeframeMs(Timeframe tf) noexcept;
std::string_view timeframeName(Timeframe tf) noexcept;
std::optional<Timeframe> parseTimeframe(std::string_view s) noexcept;

// One trade as the indicators see it: row = round_half_up(price / tick).
struct TickTrade {
    int64_t id = 0;
    int64_t timeMs = 0;
    int64_t price = 0; // 1e-8 units, exact
    int64_t qty = 0;   // 1e-8 units
    int64_t row = 0;
    bool takerBuy = false;
    bool large = false; // notional ≥ LARGE_TRADE_NOTIONAL
    ScaledPQ scaled;
};

// A trade with notional ≥ LARGE_TRADE_NOTIONAL, kept with its bar (analysis.md A3 bigTrades).
struct BigTrade {
    int64_t id = 0, timeMs = 0;
    int64_t price = 0, qty = 0; // 1e-8 units
    bool takerBuy = false;
    bool operator==(const BigTrade &) const = default;
};

struct FootprintBar {
    int64_t openTime = 0;
    int64_t lastMs = 0; // time of the latest trade
    int64_t open = 0, high = 0, low = 0, close = 0; // prices 1e-8; open/close by lowest/highest id
    int64_t openId = 0, closeId = 0;
    int64_t buy = 0, sell = 0, trades = 0;
    int64_t largeVolume = 0; // volume of trades with notional ≥ LARGE_TRADE_NOTIONAL
    int64_t deltaMax = 0, deltaMin = 0; // extremes of the running delta in the bar, from 0 (analysis.md A2)
    int64_t highRow = 0, lowRow = 0;
    Ladder rows;
    VwapSums sums; // kept so anchored VWAP can be answered from bars
    std::vector<BigTrade> bigTrades; // in arrival order

    int64_t volume() const noexcept { return buy + sell; }
    int64_t delta() const noexcept { return buy - sell; }
    void add(const TickTrade &t) noexcept;
};

using BarPtr = std::shared_ptr<const FootprintBar>;

// The bars of one timeframe, oldest first.
class Footprint {
public:
    explicit Footprint(Timeframe tf = Timeframe::M1) : tf_(tf), tfMs_(timeframeMs(tf)) {}
    void add(const TickTrade &t);
    void clear() { bars_.clear(); }

    Timeframe timeframe() const noexcept { return tf_; }
    // Shares every bar with the caller; later trades copy the touched bar first.
    std::vector<BarPtr> share() const { return {bars_.begin(), bars_.end()}; }
    size_t size() const noexcept { return bars_.size(); }

private:
    FootprintBar &mutableBar(size_t i);

    Timeframe tf_;
    int64_t tfMs_;
    std::vector<std::shared_ptr<FootprintBar>> bars_;
};

} // namespace co
