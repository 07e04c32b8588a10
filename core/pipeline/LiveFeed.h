#pragma once
// Live Binance data into the engines: runs a LiveSession on its own network thread and posts
// what it decodes through the EngineThread (the only writer of the engines). Book-sync snapshot
// requests come back from the engine thread; status goes to ServiceStatus::binance().
#include "binance/Clock.h"
#include "binance/LiveSession.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <mutex>
#include <map>
#include <vector>

namespace co {

class EngineThread;
class ServiceStatus;

class LiveFeed : public QObject {
    Q_OBJECT
public:
    LiveFeed(LiveSession::Options options, const Clock &clock, EngineThread &engines, ServiceStatus &status,
             QObject *parent = nullptr);
    ~LiveFeed() override;

    // BINANCE_REST_URL, BINANCE_WS_URL, SYMBOLS, DAY_TZ and the cache folder of CACHE_DB_PATH.

    // Continue `symbol` after this trade instead of backfilling today (storage restore hands over
    // here). Before start(); later calls are ignored with a warning.
    void setResumeFrom(const QString &symbol, int64_t lastId, int64_t lastTimeMs);
    void start();
    void stop();
    bool running() const noexcept { return context_ != nullptr; }
    // The user cancels today's backfill of `symbol` ("" = all); queued to the network thread,
    // returns at once. Status "binance" then shows backfill.cancelled.
    void cancelBackfill(const QString &symbol = {});

    // Follows / stops following a symbol at run time (queued to the network thread; asked before
    // start(), kept for it). Unfollowing drops its engine after the last event posted for it.
    void follow(const QString &symbol);
    void unfollow(const QString &symbol);
    // The same, continuing after this trade (a symbol just restored from the cache) instead of
    // backfilling today.
    void followFrom(const QString &symbol, int64_t lastId, int64_t lastTimeMs);
    // Starts recording to `dir` (the --record format) or stops when empty; queued.
    void setRecordDir(const QString &dir);
    // Set before start(); called on the network thread.
    std::function<void(const std::vector<SymbolInfo> &)> onListing;               // trading perpetuals
    std::function<void(const std::map<std::string, int64_t> &)> onQuoteVolumes; // 24 h, fixed-point
    std::function<void()> onStatus; // after each status published (SymbolFollower::statusChanged)

    // Runs `fn` with the session on the network thread and waits for it (tests, diagnostics).
    void inspect(const std::function<void(LiveSession &)> &fn);

private:
    LiveSession::Options options_;
    const Clock &clock_;
    EngineThread &engines_;
    ServiceStatus &status_;
    std::vector<std::tuple<QString, int64_t, int64_t>> resume_;
    QThread thread_;
    std::mutex followMutex_;      // follow/unfollow come from any thread (the server's, the GUI)
    QStringList pendingFollows_;  // asked before start()
    QObject *context_ = nullptr;    // lives on thread_
    LiveSession *session_ = nullptr; // created, used and deleted on thread_
};

} // namespace co
