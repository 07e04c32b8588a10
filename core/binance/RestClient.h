#pragma once
// GET client for the fapi REST host (binance.md §3): one priority queue (book snapshot > trade
// gap fill > polls > history), at most 2 requests in flight, identical requests coalesced, every
// request charged to the RateLimiter before it goes, 429/418 pauses, timeouts, and bounded retries
// with full-jitter backoff. Callbacks run on the client's thread.
#include "binance/Backoff.h"
#include "binance/Clock.h"
#include "binance/RateLimiter.h"
#include "model/FeedStatus.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <map>
#include <memory>
#include <vector>

class QNetworkReply;
class QNetworkProxyFactory;

namespace co {

enum class RestPriority : uint8_t { Snapshot, GapFill, Poll, History };

struct RestReply {
    bool ok = false;        // 2xx
    int httpStatus = 0;     // 0: no HTTP answer (network error, timeout)
    QByteArray body;
    QString error;          // why it failed, for logs and status
    bool permanent = false; // a 4xx that a retry will not fix (bad symbol, -4166 window, …)
};

class RestClient : public QObject {
    Q_OBJECT
public:
    struct Options {
        int maxInFlight = 2;
        int timeoutMs = 10'000;
        int maxAttempts = 5;
        int64_t retryInitialMs = 500;
        int64_t retryMaxMs = 60'000;
        RateLimiter::Options limits;
    };
    using Callback = std::function<void(const RestReply &)>;

    RestClient(QUrl base, const Clock &clock, Options options, QObject *parent = nullptr);
    RestClient(QUrl base, const Clock &clock, QObject *parent = nullptr) : RestClient(base, clock, Options{}, parent) {}
    ~RestClient() override;

    void setProxyFactory(QNetworkProxyFactory *factory); // takes ownership
    RateLimiter &limiter() noexcept { return limiter_; }
    const RateLimiter &limiter() const noexcept { return limiter_; }

    // Queues GET base+path?query. A request identical to one waiting or in flight shares its answer.
    // maxAttempts 0: Options::maxAttempts (callers with their own retry schedule pass 1).
    void get(const QString &path, const QUrlQuery &query, RestPriority priority, Callback cb, int maxAttempts = 0);
    // Forgets a request that waits (queued or between retries) without calling its callbacks: no
    // weight is spent on it. False if it is unknown or already in flight (its answer still comes).
    bool dropWaiting(const QString &path, const QUrlQuery &query);

    struct Stats {
        uint64_t sent = 0, succeeded = 0, failed = 0, retried = 0, coalesced = 0, weightCharged = 0;
    };
    const Stats &stats() const noexcept { return stats_; }
    size_t queued() const noexcept { return jobs_.size() - size_t(inFlight_); }
    RestStatus status() const;

private:
    struct Job {
        QString key, path;
        QUrlQuery query;
        RestPriority priority;
        int weight = 0;
        RateClass cls = RateClass::Weight;
        uint64_t seq = 0;
        int attempts = 0, maxAttempts = 0;
        int64_t notBeforeMs = 0; // retry backoff (clock ms)
        bool inFlight = false;
        int64_t sentMs = 0;
        std::vector<Callback> callbacks;
    };
    void pump();
    void schedule(int64_t clockMs);
    void send(Job &job);
    void finished(const QString &key, QNetworkReply *reply);
    void complete(const QString &key, const RestReply &r);
    void retryLater(Job &job, const QString &why);

    QUrl base_;
    const Clock &clock_;
    Options options_;
    RateLimiter limiter_;
    QNetworkAccessManager nam_;
    QTimer timer_;
    std::map<QString, Job> jobs_; // by key: waiting and in flight
    std::vector<QNetworkReply *> replies_;
    uint64_t seq_ = 0;
    int inFlight_ = 0;
    Stats stats_;
    QString lastError_;
};

} // namespace co
