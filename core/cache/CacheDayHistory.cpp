#include "cache/CacheDayHistory.h"

#include "cache/DayRebuild.h"
#include "cache/RebuiltDayRecord.h"
#include "model/Time.h"
#include "engine/QtZoneOffsets.h"
#include "storage/CacheReader.h"
#include "storage/Log.h"
#include "storage/RebuiltDayStore.h"

#include <QDateTime>

#include <chrono>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace co {

CacheDayHistory::CacheDayHistory(Options o) : o_(std::move(o))
{
    worker_ = std::thread([this] { run(); });
}

CacheDayHistory::~CacheDayHistory()
{
    stop_ = true;    // a running rebuild stops, queued jobs answer "stopping"
    jobs_.close();
    worker_.join();
}

const CacheDayHistory::Result *CacheDayHistory::cached(const Key &k)
{
    auto it = cache_.find(k);
    if (it == cache_.end())
        return nullptr;
    if (it->second.expiresMs == 0 || QDateTime::currentMSecsSinceEpoch() < it->second.expiresMs) {
        lru_.splice(lru_.begin(), lru_, it->second.at);
        return &it->second.result;
    }
    lru_.erase(it->second.at);
    cache_.erase(it);
    return nullptr;
}

std::shared_ptr<CacheDayHistory::Job> CacheDayHistory::jobFor(const Key &k, const HistoryRequest &r)
{
    if (auto it = inflight_.find(k); it != inflight_.end())
        return it->second;
    auto job = std::make_shared<Job>();
    job->request = r;
    job->future = job->promise.get_future().share();
    if (!jobs_.pushUnbounded(job)) { // stopping
        job->promise.set_value(QueryError{QueryErrorKind::NoData, "the server is stopping"});
        return job;
    }
    inflight_.emplace(k, job);
    return job;
}

QueryResult<HistoryDay> CacheDayHistory::day(const HistoryRequest &r)
{
    const Key k{r.symbol, r.zoneId, r.day};
    std::shared_future<Result> f;
    {
        std::lock_guard lock(mutex_);
        if (const Result *c = cached(k))
            return *c;
        f = jobFor(k, r)->future;
    }
    if (f.wait_for(std::chrono::milliseconds(o_.waitMs)) != std::future_status::ready)
        return QueryError{QueryErrorKind::NoData, isoDate(r.day) + " (" + r.zoneId + ") of " + r.symbol +
                                                      " is being rebuilt from the trade cache; ask again in a few seconds"};
    return f.get();
}

bool CacheDayHistory::prepare(const HistoryRequest &r, std::function<void()> ready)
{
    const Key k{r.symbol, r.zoneId, r.day};
    std::lock_guard lock(mutex_);
    if (stop_ || cached(k))
        return true;
    const std::shared_ptr<Job> job = jobFor(k, r);
    if (job->future.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
        return true;
    job->ready.push_back(std::move(ready));
    return false;
}

void CacheDayHistory::keep(const Key &k, const Result &r)
{
    // Errors and a day still running may change as data arrives: kept freshMs only; a completed
    // day completeMs (then read from its kept record again, or rebuilt if late trades dropped it).
    const HistoryDay *d = std::get_if<HistoryDay>(&r);
    lru_.push_front(k);
    cache_[k] = Entry{r, QDateTime::currentMSecsSinceEpoch() + (d && d->complete ? o_.completeMs : o_.freshMs),
                      lru_.begin()};
    while (cache_.size() > o_.capacity) {
        cache_.erase(lru_.back());
        lru_.pop_back();
    }
}

namespace {
// The span of trades a rebuilt day was made from: its own, its prior day's and the last older
// day's (naked POCs): a trade written there later makes the stored record stale.
int64_t rebuiltFromMs(const EngineSnapshot &s)
{
    int64_t from = s.today->startMs;
    if (s.prior)
        from = std::min(from, s.prior->startMs);
    if (!s.history.empty())
        from = std::min(from, s.history.back().startMs);
    return from;
}
} // namespace

std::optional<std::vector<Liquidation>> CacheDayHistory::liquidations(const std::string &symbol, int64_t fromMs,
                                                                      int64_t toMs)
{
    CacheReader reader;
    QString error;
    if (!reader.open(o_.path, &error))
        return std::nullopt;
    std::vector<Liquidation> out = reader.liquidationRange(symbol, fromMs, toMs, &error);
    if (!error.isEmpty())
        return std::nullopt;
    return out;
}

std::optional<std::vector<HeatmapRow>> CacheDayHistory::heatmapRows(const std::string &symbol, int64_t fromMs, int64_t toMs)
{
    CacheReader reader;
    QString error;
    if (!reader.open(o_.path, &error))
        return std::nullopt;
    std::vector<HeatmapRow> out = reader.heatmapRows(symbol, fromMs, toMs, &error);
    if (!error.isEmpty())
        return std::nullopt;
    return out;
}

std::optional<std::vector<FundingSettlement>> CacheDayHistory::fundingRates(const std::string &symbol, int64_t fromMs,
                                                                            int64_t toMs)
{
    CacheReader reader;
    QString error;
    if (!reader.open(o_.path, &error))
        return std::nullopt;
    std::vector<FundingSettlement> out = reader.fundingRates(symbol, fromMs, toMs, &error);
    if (!error.isEmpty())
        return std::nullopt;
    return out;
}

bool CacheDayHistory::trades(const std::string &symbol, TradeSource source, int64_t fromMs, int64_t toMs,
                             const TradeSink &sink)
{
    // A trade stamped before one already read is rare (T is not monotonic in id order): read on a
    // minute past toMs for such stragglers, then stop.
    constexpr int64_t kStragglerMs = 60'000;
    CacheReader reader;
    QString error;
    if (!reader.open(o_.path, &error))
        return false;
    std::vector<Trade> in;
    const bool ok = reader.scanTrades(
        symbol, source, fromMs,
        [&](std::span<const Trade> chunk) {
            in.clear();
            bool more = true;
            for (const Trade &t : chunk) {
                if (t.timeMs >= toMs + kStragglerMs) {
                    more = false;
                    break;
                }
                if (t.timeMs >= fromMs && t.timeMs < toMs)
                    in.push_back(t);
            }
            if (!in.empty() && !sink(std::span<const Trade>(in)))
                return false;
            return more;
        },
        &error);
    return ok;
}

void CacheDayHistory::run()
{
    CacheReader reader;
    RebuiltDayStore store;
    bool storeOpen = false, storeTried = !o_.persist;
    bool open = false;
    std::vector<std::shared_ptr<Job>> jobs;
    while (jobs_.take(jobs)) {
        for (const std::shared_ptr<Job> &job : jobs) {
            Result result = QueryError{QueryErrorKind::NoData, "the server is stopping"};
            QString error;
            if (!stop_ && !open && !(open = reader.open(o_.path, &error)))
                result = QueryError{QueryErrorKind::NoData, "the cache cannot be read: " + error.toStdString()};
            const HistoryRequest &req = job->request;
            EngineConfig config = o_.engine;
            if (req.zoneId != ZoneClock(config.dayZone).id())
                config.dayZone = makeZoneOffsets(req.zoneId);
            const RebuiltDayKey key{req.symbol, req.zoneId, req.day, rebuildSettingsKey(config)};
            if (!stop_ && open && !storeTried) {
                storeTried = true;
                QString why;
                if (!(storeOpen = store.open(o_.path, &why)))
                    qCWarning(lcStorage) << "stored days are not kept across restarts:" << why;
            }
            std::optional<RebuiltDay> record;
            if (!stop_ && open && storeOpen)
                record = store.load(key);
            if (record) {
                result = historyDayOf(*record, config);
                ++loaded_;
            } else if (!stop_ && open) {
                result = rebuildDay(reader, o_.engine, job->request, stop_);
                const HistoryDay *d = std::get_if<HistoryDay>(&result);
                if (storeOpen && !stop_ && d && d->complete && d->snapshot && d->snapshot->today) {
                    QString why;
                    if (!store.save(key, rebuiltFromMs(*d->snapshot), d->snapshot->today->endMs, rebuiltDayRecord(*d), &why))
                        qCWarning(lcStorage) << "a rebuilt day could not be kept:" << why;
                }
#ifdef __GLIBC__
                // A rebuild's engine (bars and ladders of two days) is gone: give its pages back.
                malloc_trim(0);
#endif
            }
            if (!stop_)
                ++computed_;
            const HistoryRequest &r = job->request;
            std::vector<std::function<void()>> ready;
            {
                std::lock_guard lock(mutex_);
                const Key k{r.symbol, r.zoneId, r.day};
                inflight_.erase(k);
                if (!stop_)
                    keep(k, result);
                ready.swap(job->ready);
            }
            // The waiters first: a caller blocked on the future answers as soon as it is set, and
            // what the waiters say (progress) must come before that answer.
            for (const auto &fn : ready)
                fn();
            job->promise.set_value(std::move(result));
        }
        jobs.clear();
    }
}

std::vector<std::string> CacheDayHistory::storedDates(const std::string &symbol)
{
    CacheReader reader; // per call: a reader belongs to one thread, and callers are server threads
    QString error;
    if (!reader.open(o_.path, &error))
        return {};
    std::vector<std::string> out;
    for (const int64_t day : storedDays(reader, o_.engine, symbol))
        out.push_back(isoDate(day));
    return out;
}

} // namespace co
