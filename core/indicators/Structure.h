#pragma once
// Swings, swing liquidity and market structure (spec analysis.md A6, A7) over klines merged from
// the engine's 1-minute footprint bars. Pure functions; prices in 1e-8 units.
#include "indicators/Footprint.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace co {

struct PriceBar {
    int64_t openTime = 0;
    int64_t open = 0, high = 0, low = 0, close = 0;
    int64_t volume = 0;
};

// Klines of intervalMs (a multiple of a minute, epoch-aligned) from ascending minute bars; only
// minute bars that end at or before endMs are used; intervals without trades are skipped.
std::vector<PriceBar> klinesFromMinutes(const std::vector<BarPtr> &minuteBars, int64_t intervalMs, int64_t endMs = INT64_MAX);

struct Pivot {
    size_t index = 0; // bar index in the klines
    int64_t time = 0; // openTime of the pivot bar
    int64_t price = 0;
    bool high = false;
};

// Pivot highs and lows (A6), ascending by index; on a bar that is both, the high comes first.
std::vector<Pivot> findPivots(const std::vector<PriceBar> &k, int left, int right);

struct LiquidityLevel {
    bool buySide = false; // pivot high (stops above) or pivot low (stops below)
    int64_t price = 0;
    int64_t time = 0;     // pivot bar openTime
    bool swept = false;
    int64_t sweptAt = 0;  // openTime of the first later bar trading through it
};

// Every pivot as a level, with its sweep (A6), ascending by pivot time.
std::vector<LiquidityLevel> swingLiquidity(const std::vector<PriceBar> &k, int left, int right);

enum class Trend : uint8_t { Range, Up, Down };
const char *trendName(Trend t) noexcept;

struct Swing {
    int64_t time = 0;
    int64_t price = 0;
    bool high = false;
    size_t index = 0;
    const char *label = ""; // HH, LH, HL, LL, or H/L for the first of a side
};

struct StructureEvent {
    bool choch = false; // else BOS
    bool up = false;    // broke a swing high (bullish) or a swing low (bearish)
    int64_t time = 0;   // openTime of the bar that closed beyond the swing
    int64_t level = 0;  // the swing's price
    int64_t close = 0;
    int64_t swingTime = 0;
};

struct ZigZagPoint {
    int64_t time = 0;
    int64_t price = 0;
    bool high = false;
    bool confirmed = true; // the last point may still extend
};

struct MarketStructure {
    std::vector<Swing> swings; // alternating, ascending
    Trend trend = Trend::Range;
    std::vector<StructureEvent> events; // ascending
    std::vector<ZigZagPoint> zigzag;
};

// Structure of the klines (A7): alternating swings from the pivots (known only `right` bars
// later), the trend from the last two swing highs and lows, BOS/CHoCH when a close crosses the last
// swing of a side. zigzagPercent ≤ 0: no ZigZag.
MarketStructure marketStructure(const std::vector<PriceBar> &k, int left, int right, double zigzagPercent = 0);

// ZigZag over highs/lows turning after a move of `percent` from the last extreme.
std::vector<ZigZagPoint> zigzag(const std::vector<PriceBar> &k, double percent);

} // namespace co
