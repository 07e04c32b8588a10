#pragma once
// The newest forced orders of one or all symbols and their totals over 1 h, 4 h and 24 h (spec
// indicators.md §8). Binance pushes at most one liquidation per symbol per second, so totals are
// lower bounds and the answer says so.
#include "engine/Query.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace co {

struct LiquidationItem {
    std::string symbol;
    Liquidation order;
    double notional = 0; // filled qty × average price, USDT
};

struct LiquidationWindow {
    int64_t windowMs = 0; // 0: the requested range
    int64_t count = 0;
    double longNotional = 0, shortNotional = 0;
    bool oneSymbol = false; // quantities add up only within one symbol
    double longQty = 0, shortQty = 0;
    bool hasLargest = false;
    LiquidationItem largest;
};

struct LiquidationsResult {
    std::vector<std::string> symbols;
    std::vector<LiquidationItem> items; // newest first
    std::vector<LiquidationWindow> totals;
    int64_t seen = 0; // forced orders received since start-up
    DataQuality quality;
};

// With fromMs/toMs: the items in [fromMs, toMs) and a totals entry for that range, from those held
// (the newest 1000 per symbol) merged with `stored` (per symbol: the cache's liquidations of the
// range, when the cache is on); without a symbol's stored list the quality says when the range
// reaches before what is held.
using StoredLiquidations = std::map<std::string, std::vector<Liquidation>>;
LiquidationsResult buildLiquidations(const std::vector<SnapshotPtr> &snapshots, size_t limit, int64_t nowMs,
                                     int64_t fromMs = INT64_MIN, int64_t toMs = INT64_MAX,
                                     const StoredLiquidations *stored = nullptr);

} // namespace co
