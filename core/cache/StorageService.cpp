#include "cache/StorageService.h"

#include "pipeline/EngineThread.h"
#include "engine/EngineRegistry.h"
#include "model/Time.h"
#include "storage/Log.h"

#include <QDateTime>
#include <QFileInfo>

#include <set>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace co {

StorageService::StorageService(CacheOptions config, EngineThread &engines, EngineRegistry &registry,
                               ServiceStatus &status, QObject *parent)
    : QObject(parent), config_(std::move(config)), engines_(engines), registry_(registry), status_(status),
      path_(config_.dbPath)
{
    connect(&statusTimer_, &QTimer::timeout, this, &StorageService::publishStatus);
}

StorageService::~StorageService() { stop(); }

bool StorageService::start(QString *error)
{
    startedMs_ = QDateTime::currentMSecsSinceEpoch();
    TradeWriter::Options wo;
    wo.cacheDays = config_.tradeCacheDays;
    writer_ = std::make_unique<TradeWriter>(path_, wo);
    if (!writer_->start(error)) {
        publishError(error ? *error : QString());
        return false;
    }
    // The plan: which symbols have what stored, read now (primary-key look-ups only).
    CacheReader reader;
    if (!reader.open(path_, error)) {
        publishError(error ? *error : QString());
        return false;
    }
    schemaVersion_ = Database::knownSchemaVersion();
    recorder_ = std::make_unique<CacheRecorder>(*writer_);
    RestorePlan plan;
    plan.path = path_;
    plan.dayZone = config_.engine.dayZone;
    plan.cacheDays = config_.engine.cacheDays;
    std::vector<SymbolInfo> cachedGrids;
    for (const QString &sym : config_.symbols) {
        const std::optional<RestorePlan::Symbol> s = planSymbol(reader, sym.toStdString(), error);
        if (!s)
            return false;
        plan.symbols.push_back(*s);
    }
    for (const StoredSymbol &s : reader.symbols())
        if (s.tickSize > 0 && config_.symbols.contains(QString::fromStdString(s.name)))
            cachedGrids.push_back(cachedGrid(s));

    // Engine thread, before any source: cached grids for engines yet to be made, and the
    // recorder on every engine from now on.
    CacheRecorder *recorder = recorder_.get();
    EngineRegistry *registry = &registry_;
    const bool restoring = plan.expected() > 0;
    engines_.post(std::function<void(MarketFeed &)>([recorder, registry, cachedGrids, restoring](MarketFeed &feed) {
        for (const SymbolInfo &info : cachedGrids)
            feed.setSymbolInfo(info);
        if (restoring)
            feed.setSource(false, "cache");
        feed.onEngineCreated([recorder](MarketEngine &e) { recorder->attach(e); });
        feed.onEngineRemoved([recorder](MarketEngine &e) { recorder->detach(e); });
        for (const std::string &name : registry->symbols())
            if (MarketEngine *e = feed.engineFor(name))
                recorder->attach(*e);
    }));

    {
        std::lock_guard lock(mutex_);
        state_ = StorageStatus::State::Restoring;
        progress_.expected = plan.expected();
    }
    qCInfo(lcStorage).noquote() << "cache" << path_ << "open; restoring" << plan.expected()
                                << "trades (prior day and today, older days from their summaries) in the background";
    restore_ = std::make_unique<CacheRestore>(engines_, std::move(plan));
    restore_->start(
        [this](const CacheRestore::Progress &p) {
            std::lock_guard lock(mutex_);
            progress_ = p;
        },
        [this](bool ok, const QString &why, const CacheRestore::Progress &p) {
            {
                std::lock_guard lock(mutex_);
                progress_ = p;
                restoredMs_ = QDateTime::currentMSecsSinceEpoch();
                const bool cancelled = !ok && why == QLatin1String("cancelled");
                using State = StorageStatus::State;
                state_ = ok ? State::Ready : cancelled ? State::Cancelled : State::Error;
                restoreError_ = ok || cancelled ? QString() : why;
            }
            if (ok)
                qCInfo(lcStorage).noquote() << "restored" << p.trades << "trades from the cache in"
                                            << (restoredMs_ - startedMs_) << "ms;" << p.seededDays
                                            << "older days from their summaries";
            else if (why == QLatin1String("cancelled"))
                qCInfo(lcStorage).noquote() << "restore cancelled after" << p.trades << "of" << p.expected
                                            << "trades; the cache keeps them all";
            else
                qCWarning(lcStorage).noquote() << "restore from the cache failed:" << why;
            publishStatus();
            restored_ = true;
#ifdef __GLIBC__
            // The restore churns through millions of short-lived events and growing ladders:
            // hand the freed heap pages back instead of keeping them as resident memory.
            malloc_trim(0);
#endif
            QMetaObject::invokeMethod(this, [this] { Q_EMIT restored(); }, Qt::QueuedConnection);
        });
    publishStatus();
    statusTimer_.start(1000);
    return true;
}

std::optional<RestorePlan::Symbol> StorageService::planSymbol(CacheReader &reader, const std::string &name, QString *error)
{
    // "Today" is the day of now when live, else the day of the last stored trade.
    const ZoneClock clock(config_.engine.dayZone);
    RestorePlan::Symbol s;
    s.name = name;
    if (auto last = reader.lastTrade(name, error)) {
        recorder_->skipStoredUpTo(name, last->source, last->id); // restored trades are not written again
        s.source = last->source;
        s.fromMs = clock.dayStartUtc(clock.localDay(config_.live ? QDateTime::currentMSecsSinceEpoch() : last->timeMs) - 1);
        s.hasTrades = last->timeMs >= s.fromMs;
        s.expected = s.hasTrades ? reader.tradeCountFrom(name, s.source, s.fromMs) : 0;
        std::lock_guard lock(mutex_);
        lastAtStart_[name] = *last;
        windowStart_[name] = s.fromMs;
    } else if (error && !error->isEmpty()) {
        return std::nullopt;
    }
    return s;
}

SymbolInfo StorageService::cachedGrid(const StoredSymbol &s)
{
    SymbolInfo info;
    info.name = s.name;
    info.tickSize = s.tickSize;
    info.stepSize = s.stepSize;
    info.tickSource = TickSource::Cache;
    return info;
}

void StorageService::restoreSymbol(const std::string &name, std::function<void(std::optional<StoredTrade>)> done)
{
    // On this object's thread: the plan, the restores under way and the recorder are kept there.
    QMetaObject::invokeMethod(this, [this, name, done = std::move(done)]() mutable {
        const bool configured = config_.symbols.contains(QString::fromStdString(name));
        if (configured || !restored_ || stopped_) // SYMBOLS were restored at start; nothing else is then
            return done(configured ? resumePoint(name) : std::nullopt);
        if (auto it = onDemand_.find(name); it != onDemand_.end() && !it->second.ready) {
            it->second.waiting.push_back(std::move(done)); // a restore of it is under way
            return;
        }
        if (registry_.snapshot(name)) // its engine holds it already (a dropped symbol's engine is gone)
            return done(resumePoint(name));
        CacheReader reader;
        QString error;
        std::optional<RestorePlan::Symbol> s;
        if (reader.open(path_, &error))
            s = planSymbol(reader, name, &error);
        if (!s || !s->hasTrades) { // nothing recent stored: today is backfilled from the exchange
            if (!error.isEmpty())
                qCWarning(lcStorage).noquote() << QString::fromStdString(name) << "is not restored:" << error;
            return done(std::nullopt);
        }
        std::vector<SymbolInfo> grids;
        for (const StoredSymbol &stored : reader.symbols())
            if (stored.name == name && stored.tickSize > 0)
                grids.push_back(cachedGrid(stored));
        engines_.post(std::function<void(MarketFeed &)>([grids](MarketFeed &feed) {
            for (const SymbolInfo &info : grids)
                feed.setSymbolInfo(info);
        }));
        RestorePlan plan;
        plan.path = path_;
        plan.dayZone = config_.engine.dayZone;
        plan.cacheDays = config_.engine.cacheDays;
        plan.symbols.push_back(*s);
        OnDemand &o = onDemand_[name] = OnDemand{};
        o.waiting.push_back(std::move(done));
        o.restore = std::make_unique<CacheRestore>(engines_, std::move(plan));
        qCInfo(lcStorage).noquote() << "restoring" << s->expected << "trades of" << QString::fromStdString(name)
                                    << "(followed on demand) from the cache";
        o.restore->start([](const CacheRestore::Progress &) {}, [this, name](bool ok, const QString &why, const CacheRestore::Progress &p) {
            QMetaObject::invokeMethod(this, [this, name, ok, why, p] {
                if (ok)
                    qCInfo(lcStorage).noquote() << "restored" << p.trades << "trades of" << QString::fromStdString(name);
                else
                    qCWarning(lcStorage).noquote() << "restore of" << QString::fromStdString(name) << "failed:" << why;
                OnDemand &o = onDemand_[name];
                o.ready = true;
                const std::optional<StoredTrade> resume = ok ? resumePoint(name) : std::nullopt;
                for (auto &fn : std::exchange(o.waiting, {}))
                    fn(resume);
            }, Qt::QueuedConnection);
        });
    });
}

void StorageService::stopRestore()
{
    restore_.reset();
    onDemand_.clear(); // each restore cancels and joins; their waiters are dropped
}

void StorageService::cancelRestore()
{
    if (restore_ && !restored_)
        restore_->cancel();
}

void StorageService::stop()
{
    if (stopped_ || !writer_)
        return;
    stopped_ = true;
    statusTimer_.stop();
    stopRestore();
    // The engines have stopped: their last snapshots hold today's days.
    if (recorder_)
        for (const std::string &name : registry_.symbols())
            if (SnapshotPtr s = registry_.snapshot(name))
                recorder_->writeDaySummary(*s);
    writer_->stop();
    const TradeWriter::Stats w = writer_->stats();
    qCInfo(lcStorage).noquote() << "cache closed:" << w.trades << "trades and" << w.records << "records written in"
                                << w.batches << "batches" << (w.dropped ? QString(", %1 dropped").arg(w.dropped) : QString());
    {
        std::lock_guard lock(mutex_);
        state_ = StorageStatus::State::Closed;
    }
    publishStatus();
}

std::optional<StoredTrade> StorageService::resumePoint(const std::string &symbol) const
{
    auto last = lastTrade(symbol);
    std::lock_guard lock(mutex_);
    auto it = windowStart_.find(symbol);
    if (!last || it == windowStart_.end() || last->timeMs < it->second)
        return std::nullopt;
    return last;
}

std::optional<StoredTrade> StorageService::lastTrade(const std::string &symbol) const
{
    std::optional<StoredTrade> out;
    {
        std::lock_guard lock(mutex_);
        if (auto it = lastAtStart_.find(symbol); it != lastAtStart_.end())
            out = it->second;
    }
    if (writer_)
        if (auto w = writer_->lastCommitted(symbol); w && (!out || w->timeMs >= out->timeMs))
            out = *w;
    return out;
}

StorageService::HeldDays StorageService::heldDays() const
{
    HeldDays out;
    CacheReader reader;
    QString error;
    if (!reader.open(path_, &error))
        return out;
    std::set<int64_t> days;
    for (const StoredSymbol &s : reader.symbols())
        for (const StoredTradeDay &d : reader.tradeDays(s.name))
            days.insert(d.day);
    if (!days.empty())
        out = HeldDays{int(days.size()), *days.begin(), *days.rbegin()};
    return out;
}

void StorageService::publishError(const QString &error)
{
    StorageStatus o;
    o.state = StorageStatus::State::Error;
    o.path = path_.toStdString();
    o.error = error.toStdString();
    status_.set(std::move(o));
}

void StorageService::publishStatus()
{
    StorageStatus o;
    o.opened = true;
    {
        std::lock_guard lock(mutex_);
        o.state = state_;
        o.path = path_.toStdString();
        o.schemaVersion = schemaVersion_;
        o.cacheDays = config_.tradeCacheDays;
        o.restoredTrades = progress_.trades;
        o.expectedTrades = progress_.expected;
        o.seededDays = progress_.seededDays;
        const bool restoring = state_ == StorageStatus::State::Restoring;
        o.progress = progress_.expected > 0 ? std::min(1.0, double(progress_.trades) / double(progress_.expected))
                                            : (restoring ? 0.0 : 1.0);
        if (restoring)
            o.restoring = progress_.symbol;
        if (restoredMs_)
            o.restoreMs = restoredMs_ - startedMs_;
        o.error = restoreError_.toStdString();
        for (const auto &[name, t] : lastAtStart_)
            o.lastStoredAtStart[name] = {t.id, t.timeMs, t.source == TradeSource::AggTrade};
    }
    // Size on disk: the file and its WAL (a stat each, no query).
    for (const char *suffix : {"", "-wal"})
        o.sizeBytes += std::max<int64_t>(0, QFileInfo(path_ + QLatin1String(suffix)).size());
    if (writer_) {
        const TradeWriter::Stats w = writer_->stats();
        o.convertRows = w.convertRows;
        o.convertedRows = w.convertedRows;
        o.writer = StorageStatus::Writer{w.trades,       w.records,     w.batches,   w.pending,
                                         w.dropped,      w.retained,    w.lastCommitMs, w.maxCommitMs,
                                         w.blockedMs,    w.lastError.toStdString()};
    }
    status_.set(std::move(o));
}

} // namespace co
