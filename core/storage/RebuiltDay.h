#pragma once
// A stored day rebuilt from trade blocks, as the cache keeps it (table rebuilt_days, migration
// 0007): storage's own record of the engine picture a rebuild gives (the day with its minute
// bars, the day before it, sessions, the older days' summaries, data quality), with its own
// version, so a later answer for the day, also after a restart, needs no rebuild. core/cache
// converts it from and to the engine's snapshot. Encoded as varints, compressed with zstd.
#include "model/DataQuality.h"
#include "model/Symbol.h"

#include <QByteArray>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace co {

// Exact VWAP sums: Σq, Σp·q, Σp²·q at the decimal scale pd/qd.
struct RebuiltSums {
    __int128 q = 0, pq = 0, p2q = 0;
    int8_t pd = 0, qd = 0;
    bool operator==(const RebuiltSums &) const = default;
};

// Rows lowRow, lowRow+1, … with their taker buy/sell volume and trades.
struct RebuiltRows {
    int64_t lowRow = 0;
    std::vector<int64_t> buy, sell, trades;
    bool operator==(const RebuiltRows &) const = default;
};

// A trade of notional ≥ LARGE_TRADE_NOTIONAL kept with its bar.
struct RebuiltBigTrade {
    int64_t id = 0, timeMs = 0, price = 0, qty = 0;
    bool takerBuy = false;
    bool operator==(const RebuiltBigTrade &) const = default;
};

struct RebuiltBar {
    int64_t openTime = 0, open = 0, high = 0, low = 0, close = 0, openId = 0, closeId = 0;
    int64_t buy = 0, sell = 0, trades = 0, largeVolume = 0, deltaMax = 0, deltaMin = 0, highRow = 0, lowRow = 0;
    RebuiltRows rows;
    RebuiltSums sums;
    int64_t lastMs = 0;                       // latest trade (stacked-zone events are timed by it)
    std::vector<RebuiltBigTrade> bigTrades;   // in arrival order
    bool operator==(const RebuiltBar &) const = default;
};

struct RebuiltTotals {
    int64_t trades = 0, buy = 0, sell = 0, open = 0, high = 0, low = 0, close = 0, openId = 0, closeId = 0;
    int64_t firstMs = 0, lastMs = 0;
    RebuiltSums sums;
    bool operator==(const RebuiltTotals &) const = default;
};

struct RebuiltDayView {
    int64_t day = 0, startMs = 0, endMs = 0, cvdBefore = 0;
    RebuiltTotals totals;
    std::optional<RebuiltRows> profile;
    std::vector<RebuiltBar> minuteBars;
    bool operator==(const RebuiltDayView &) const = default;
};

struct RebuiltSessionStats {
    int64_t startUtcMs = 0, endUtcMs = 0, open = 0, high = 0, low = 0, close = 0, openId = 0, closeId = 0;
    int64_t buy = 0, sell = 0, trades = 0;
    RebuiltSums sums;
    bool operator==(const RebuiltSessionStats &) const = default;
};

struct RebuiltSession {
    std::string name;
    int64_t startMin = 0, endMin = 0, windowStartMs = 0, windowEndMs = 0;
    std::optional<RebuiltSessionStats> stats;
    bool operator==(const RebuiltSession &) const = default;
};

struct RebuiltSummary {
    int64_t day = 0, startMs = 0, endMs = 0, pocRow = 0, high = 0, low = 0;
    bool hasTrades = false;
    bool operator==(const RebuiltSummary &) const = default;
};

struct RebuiltDay {
    static constexpr int kVersion = 2; // bump when a field changes: older records are rebuilt
    SymbolInfo symbol;
    int64_t seq = 0, asOfMs = 0, lastPrice = 0, lastTradeMs = 0, lastTradeId = 0, cvdAll = 0;
    bool hasTrade = false;
    std::optional<RebuiltDayView> today, prior;
    std::vector<RebuiltSession> todaySessions, priorSessions;
    std::vector<RebuiltSummary> history;
    DataQuality quality;
    std::vector<std::string> warnings; // of the rebuild (dataQuality.warnings of the answers)
    bool operator==(const RebuiltDay &o) const;
};

// zstd of the varint encoding, version first.
QByteArray encodeRebuiltDay(const RebuiltDay &d);
// nullopt on bytes that are not a record of the version this program writes.
std::optional<RebuiltDay> decodeRebuiltDay(const QByteArray &bytes);

} // namespace co
