#pragma once
// Rebuilds the engines from the cache in the background: for each symbol, the engine is first
// seeded with the stored summaries of the days before the replayed ones (naked POCs) and their
// cumulative delta (CVD_RESET=none); then the trades of the prior day and today (by the last
// stored trade) are posted through the EngineThread in id order, then the stored liquidations,
// open interest and last mark. The engine queue is kept short (a few batches in flight) so
// memory stays flat whatever is stored.
#include "pipeline/EngineThread.h"
#include "model/Symbol.h"
#include "model/Trade.h"
#include "model/ZoneOffsets.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace co {

class CacheReader;

struct RestorePlan {
    struct Symbol {
        std::string name;
        bool hasTrades = false;
        TradeSource source = TradeSource::AggTrade;
        int64_t fromMs = 0;   // start of the prior day
        int64_t expected = 0; // upper bound of the trades to apply
    };
    QString path;
    std::vector<Symbol> symbols;
    std::shared_ptr<const ZoneOffsets> dayZone; // DAY_TZ: the days of the stored summaries
    int cacheDays = 7;                          // TRADE_CACHE_DAYS: completed days an engine keeps
    int64_t expected() const
    {
        int64_t n = 0;
        for (const Symbol &s : symbols)
            n += s.expected;
        return n;
    }
};

class CacheRestore {
public:
    struct Progress {
        int64_t trades = 0, expected = 0;
        int64_t seededDays = 0; // older days given to the engines from their summaries
        std::string symbol; // being restored
    };
    using ProgressFn = std::function<void(const Progress &)>;
    using DoneFn = std::function<void(bool ok, const QString &error, const Progress &)>;

    CacheRestore(EngineThread &engines, RestorePlan plan) : engines_(engines), plan_(std::move(plan)) {}
    ~CacheRestore(); // cancels and joins

    // progress: every ~100 ms from the restore thread; done: once, from the restore thread, after
    // everything posted has been applied.
    void start(ProgressFn progress, DoneFn done);
    void cancel() { cancel_ = true; }

private:
    bool run(Progress &p, const ProgressFn &progress, QString *error);

    EngineThread &engines_;
    RestorePlan plan_;
    std::atomic<bool> cancel_{false};
    std::thread thread_;
};

} // namespace co
