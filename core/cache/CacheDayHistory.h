#pragma once
// get_key_levels for the days the engines do not hold, from the SQLite cache (app/DayRebuild) on
// a worker thread with its own read connection. The caller (the server thread) waits at most
// waitMs: a longer rebuild goes on and the caller is told to ask again. One rebuild per
// symbol/zone/day at a time (later callers share it); answers kept in a small LRU — a completed
// day completeMs, a day still running freshMs. A completed day is also kept in the cache file
// (storage/RebuiltDayStore): later answers, after a restart too, read it back, until trades
// written into it (late ones) drop it.
#include "engine/EngineConfig.h"
#include "engine/HistoryProvider.h"
#include "worker/WorkQueue.h"

#include <QString>

#include <atomic>
#include <future>
#include <list>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

namespace co {

class CacheDayHistory : public HistoryProvider {
public:
    struct Options {
        QString path;        // CACHE_DB_PATH (opened read-only)
        EngineConfig engine; // the engines' settings; dayZone = DAY_TZ
        int waitMs = 5000;
        size_t capacity = 16;
        int64_t freshMs = 5000;
        // A completed day is asked of the cache file again after this (late trades drop its record).
        int64_t completeMs = 300'000;
        bool persist = true; // keep completed days in the cache file (rebuilt_days)
    };
    explicit CacheDayHistory(Options o);
    ~CacheDayHistory() override; // cancels a running rebuild and joins

    QueryResult<HistoryDay> day(const HistoryRequest &r) override;
    bool prepare(const HistoryRequest &r, std::function<void()> ready) override;
    std::vector<std::string> storedDates(const std::string &symbol) override; // own read connection
    // Read on the caller's thread with a connection of its own (a short range query).
    std::optional<std::vector<Liquidation>> liquidations(const std::string &symbol, int64_t fromMs, int64_t toMs) override;
    std::optional<std::vector<HeatmapRow>> heatmapRows(const std::string &symbol, int64_t fromMs, int64_t toMs) override;
    std::optional<std::vector<FundingSettlement>> fundingRates(const std::string &symbol, int64_t fromMs,
                                                               int64_t toMs) override;
    bool trades(const std::string &symbol, TradeSource source, int64_t fromMs, int64_t toMs,
                const TradeSink &sink) override;
    uint64_t computed() const noexcept { return computed_; } // rebuilds and look-ups run (tests)
    uint64_t loaded() const noexcept { return loaded_; }     // of which read from a stored record

private:
    using Key = std::tuple<std::string, std::string, int64_t>;
    using Result = QueryResult<HistoryDay>;
    struct Job {
        HistoryRequest request;
        std::promise<Result> promise;
        std::shared_future<Result> future;
        std::vector<std::function<void()>> ready; // prepare() callers, called once it is done
    };
    struct Entry {
        Result result;
        int64_t expiresMs = 0; // 0: never
        std::list<Key>::iterator at;
    };
    // The cached answer (fresh), else nullptr; mutex_ held.
    const Result *cached(const Key &k);
    // The running or a new job for r; mutex_ held.
    std::shared_ptr<Job> jobFor(const Key &k, const HistoryRequest &r);
    void run();
    void keep(const Key &k, const Result &r);

    Options o_;
    WorkQueue<std::shared_ptr<Job>> jobs_;
    std::mutex mutex_; // guards the fields below
    std::map<Key, std::shared_ptr<Job>> inflight_;
    std::map<Key, Entry> cache_;
    std::list<Key> lru_; // most recent first
    std::atomic<bool> stop_{false};
    std::atomic<uint64_t> computed_{0}, loaded_{0};
    std::thread worker_;
};

} // namespace co
