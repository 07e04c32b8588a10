#pragma once
// What the cache stores besides trades, in plain form (storage sees the model only; the app
// turns engine snapshots into these).
#include "model/Trade.h"
#include "storage/StoredLevels.h"

#include <QByteArray>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace co {

struct ProfileRow {
    int64_t price = 0; // 1e-8 units
    int64_t buy = 0, sell = 0, trades = 0;
};

// A day's key levels (storage's own record) and volume profile.
struct DaySummaryRecord {
    std::string symbol;
    std::string zone = "UTC";
    int64_t day = 0; // local days since 1970-01-01
    int64_t startMs = 0, endMs = 0;
    int64_t trades = 0, high = 0, low = 0, poc = 0, tickSize = 0;
    int64_t delta = 0; // taker buy - sell volume (1e-8 units)
    std::optional<StoredLevels> levels; // required to write; read only by daySummaries (nullopt: unreadable)
    std::vector<ProfileRow> profile;
};

// One UTC day of stored trades (trade_days): its id and time range.
struct StoredTradeDay {
    TradeSource source = TradeSource::AggTrade;
    int64_t day = 0; // UTC days since 1970-01-01
    int64_t firstId = 0, lastId = 0, firstMs = 0, lastMs = 0;
};

// The completed days before a restored span (see CacheReader::dayHistory).
struct DayHistory {
    std::vector<DaySummaryRecord> days; // oldest first
    int64_t cvdBefore = 0;              // sum of the deltas of every stored day before the span
};

// Where a symbol's stored trades end (a live feed resumes after it).
struct StoredTrade {
    TradeSource source = TradeSource::AggTrade;
    int64_t id = 0, timeMs = 0;
};

// One depth-ladder sample; the ladder bytes are opaque here (storage/DepthBlob).
struct DepthRecord {
    int64_t timeMs = 0;
    QByteArray ladder;
};

} // namespace co
