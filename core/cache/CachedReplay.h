#pragma once
// The one replay of cached trades through an engine (restore on start, a stored day rebuilt, the
// prior day preloaded by an import): a symbol's stored trades from fromMs in id order, cut before
// untilMs, with the days before the first replayed trade's day handed over first as their stored
// summaries (naked POCs, cumulative delta), as a restart seeds an engine.
#include "model/ZoneOffsets.h"
#include "storage/Records.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

namespace co {

class CacheReader;

struct CachedReplay {
    std::string symbol;
    TradeSource source = TradeSource::AggTrade;
    int64_t fromMs = 0;
    int64_t untilMs = INT64_MAX;                // trades at or after it are not replayed
    std::string zone = "UTC";                   // DAY_TZ id: the days of the stored summaries
    std::shared_ptr<const ZoneOffsets> dayZone; // the same zone, to cut days
    int cacheDays = 7;                          // completed days an engine keeps
    const std::atomic<bool> *cancel = nullptr;  // checked between batches
    size_t batch = 4096;
};

struct CachedReplayResult {
    bool ok = false;       // false: error says why
    bool pastEnd = false;  // a stored trade at or after untilMs
    bool cancelled = false;
    size_t seededDays = 0; // older days handed to seed
    int64_t trades = 0;
    QString error;
};

// seed is called once, before the first batch (or at the end when no trade is replayed), with the
// days before the first trade's day; apply gets the trades in batches and returns false to stop.
CachedReplayResult replayCached(CacheReader &db, const CachedReplay &r, const std::function<void(DayHistory &&)> &seed,
                                const std::function<bool(std::span<const Trade>)> &apply);

} // namespace co
