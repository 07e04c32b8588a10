#pragma once
// The SQLite cache in the running program: opens CACHE_DB_PATH (migrating it), records what the
// engines accept through the TradeWriter, and rebuilds today's and the prior day's indicators
// (with the older days' naked POCs and cumulative delta from their summaries) from it in the
// background at start (progress in ServiceStatus::storage()). Sources must
// start after restored(): engines only accept increasing trade ids. lastTrade() is where a live
// feed resumes (its gap filler fetches the rest).
#include "cache/CacheRecorder.h"
#include "cache/CacheRestore.h"
#include "engine/EngineConfig.h"
#include "engine/ServiceStatus.h"
#include "storage/CacheReader.h"
#include "storage/TradeWriter.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace co {

class EngineRegistry;
class EngineThread;

// What the cache needs of the configuration (app/Config fills it).
struct CacheOptions {
    QString dbPath;          // CACHE_DB_PATH
    int tradeCacheDays = 30;  // TRADE_CACHE_DAYS
    EngineConfig engine;
    QStringList symbols;     // SYMBOLS
    bool live = true;        // a live feed continues from the cache (not a replay/offline run)
};

class StorageService : public QObject {
    Q_OBJECT
public:
    StorageService(CacheOptions options, EngineThread &engines, EngineRegistry &registry, ServiceStatus &status,
                   QObject *parent = nullptr);
    ~StorageService() override;

    // Opens the database and starts the writer (synchronously: fast), then the restore in the
    // background. False with *error (unwritable path, a newer schema, ...).
    bool start(QString *error);
    // Cancels a running restore and waits for it (while the engines still run).
    void stopRestore();
    // Asks a running restore to stop soon (returns at once): restored() follows with the state
    // "cancelled"; the engines keep what was restored, the live feed starts, the cache is intact.
    void cancelRestore();
    // After the engines stopped: writes today's summaries, commits what is pending.
    void stop();

    bool isRestored() const noexcept { return restored_; }
    // The newest stored trade of a symbol: at start, or committed since. nullopt: none stored.
    std::optional<StoredTrade> lastTrade(const std::string &symbol) const;
    // The UTC days with stored trades (any symbol), read now (trade_days: a few rows).
    struct HeldDays {
        int count = 0;
        int64_t first = 0, last = 0; // days since 1970-01-01
    };
    HeldDays heldDays() const;
    // lastTrade() when it lies in the restored days (prior day and today): where a live feed
    // continues. nullopt: nothing that recent is stored, backfill today instead.
    std::optional<StoredTrade> resumePoint(const std::string &symbol) const;
    // A symbol followed on demand (not in SYMBOLS), after the start's restore: its prior day and
    // today are restored from the cache like SYMBOLS' at start (once per run), then done(its
    // resume point) is called on this object's thread; done(nullopt) at once when nothing that
    // recent is stored. Any thread. The live feed follows it only then (increasing ids).
    void restoreSymbol(const std::string &symbol, std::function<void(std::optional<StoredTrade>)> done);
    TradeWriter &writer() noexcept { return *writer_; }
    const QString &path() const noexcept { return path_; }

Q_SIGNALS:
    void restored(); // on this object's thread, once (also when the restore failed: see status)

private:
    struct OnDemand {
        std::unique_ptr<CacheRestore> restore;
        bool ready = false;
        std::vector<std::function<void(std::optional<StoredTrade>)>> waiting;
    };
    void publishStatus();
    void publishError(const QString &error);
    // What a symbol has stored, for the restore plan (also: its trades are not written again).
    std::optional<RestorePlan::Symbol> planSymbol(CacheReader &reader, const std::string &name, QString *error);
    static SymbolInfo cachedGrid(const StoredSymbol &s);

    const CacheOptions config_;
    EngineThread &engines_;
    EngineRegistry &registry_;
    ServiceStatus &status_;
    QString path_;
    std::unique_ptr<TradeWriter> writer_;
    std::unique_ptr<CacheRecorder> recorder_;
    std::unique_ptr<CacheRestore> restore_;
    std::map<std::string, OnDemand> onDemand_; // symbols followed on demand (this object's thread)
    QTimer statusTimer_;

    mutable std::mutex mutex_; // guards the fields below (written by the restore thread)
    std::map<std::string, StoredTrade> lastAtStart_;
    std::map<std::string, int64_t> windowStart_; // restored from (start of the prior day)
    StorageStatus::State state_ = StorageStatus::State::Starting;
    QString restoreError_;
    CacheRestore::Progress progress_;
    int64_t startedMs_ = 0, restoredMs_ = 0;
    int schemaVersion_ = 0;
    std::atomic<bool> restored_{false};
    bool stopped_ = false;
};

} // namespace co
