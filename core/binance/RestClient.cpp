#include "binance/RestClient.h"

#include "binance/Log.h"

#include <QDateTime>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>

#include <algorithm>

namespace co {

namespace {
const char *restPriorityName(RestPriority p) noexcept
{
    switch (p) {
    case RestPriority::Snapshot: return "snapshot";
    case RestPriority::GapFill: return "gapFill";
    case RestPriority::Poll: return "poll";
    case RestPriority::History: return "history";
    }
    return "history";
}

// Header names compared case-insensitively (HTTP/2 sends them lower case).
std::optional<QByteArray> header(const QNetworkReply *r, const char *name)
{
    for (const auto &[k, v] : r->rawHeaderPairs())
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return std::nullopt;
}

std::optional<int64_t> retryAfterMs(const QNetworkReply *r)
{
    if (auto v = header(r, "Retry-After")) {
        bool ok = false;
        const qint64 s = v->trimmed().toLongLong(&ok);
        if (ok && s >= 0)
            return s * 1000;
    }
    return std::nullopt;
}
} // namespace

RestClient::RestClient(QUrl base, const Clock &clock, Options options, QObject *parent)
    : QObject(parent), base_(std::move(base)), clock_(clock), options_(options), limiter_(clock, options.limits),
      nam_(this)
{
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, &RestClient::pump);
}

RestClient::~RestClient()
{
    for (QNetworkReply *r : replies_) {
        r->disconnect(this);
        r->abort();
        r->deleteLater();
    }
}

void RestClient::setProxyFactory(QNetworkProxyFactory *factory) { nam_.setProxyFactory(factory); }

void RestClient::get(const QString &path, const QUrlQuery &query, RestPriority priority, Callback cb, int maxAttempts)
{
    const QString key = path + '?' + query.toString(QUrl::FullyEncoded);
    auto it = jobs_.find(key);
    if (it != jobs_.end()) {
        ++stats_.coalesced;
        it->second.callbacks.push_back(std::move(cb));
        it->second.priority = std::min(it->second.priority, priority);
        pump();
        return;
    }
    Job j;
    j.key = key;
    j.path = path;
    j.query = query;
    j.priority = priority;
    const std::string p = path.toStdString();
    j.weight = restWeight(p, query.queryItemValue("limit").toInt(), query.hasQueryItem("symbol"));
    j.cls = restRateClass(p);
    j.seq = ++seq_;
    j.maxAttempts = maxAttempts > 0 ? maxAttempts : options_.maxAttempts;
    j.callbacks.push_back(std::move(cb));
    jobs_.emplace(key, std::move(j));
    pump();
}

bool RestClient::dropWaiting(const QString &path, const QUrlQuery &query)
{
    const auto it = jobs_.find(path + '?' + query.toString(QUrl::FullyEncoded));
    if (it == jobs_.end() || it->second.inFlight)
        return false;
    jobs_.erase(it);
    return true;
}

void RestClient::schedule(int64_t clockMs)
{
    const int real = int(std::min<int64_t>(clock_.realMs(clockMs), 24 * 3600 * 1000));
    if (!timer_.isActive() || timer_.remainingTime() > real)
        timer_.start(std::max(real, 1));
}

void RestClient::pump()
{
    while (inFlight_ < options_.maxInFlight) {
        const int64_t now = clock_.nowMs();
        Job *best = nullptr;
        int64_t soonestRetry = INT64_MAX;
        for (auto &[key, j] : jobs_) {
            if (j.inFlight)
                continue;
            if (j.notBeforeMs > now) {
                soonestRetry = std::min(soonestRetry, j.notBeforeMs - now);
                continue;
            }
            if (!best || std::pair(j.priority, j.seq) < std::pair(best->priority, best->seq))
                best = &j;
        }
        if (!best) {
            if (soonestRetry != INT64_MAX)
                schedule(soonestRetry);
            return;
        }
        // Strict priority: while the best request must wait, nothing behind it overtakes.
        const int64_t wait = limiter_.waitMs(best->weight, best->cls, best->priority == RestPriority::History);
        if (wait > 0) {
            schedule(std::min(wait, soonestRetry));
            return;
        }
        send(*best);
    }
}

void RestClient::send(Job &job)
{
    limiter_.take(job.weight, job.cls);
    stats_.weightCharged += uint64_t(job.weight);
    ++stats_.sent;
    ++job.attempts;
    job.inFlight = true;
    job.sentMs = clock_.nowMs();
    ++inFlight_;
    QUrl url = base_;
    url.setPath(base_.path() + job.path);
    url.setQuery(job.query);
    QNetworkRequest req(url);
    req.setTransferTimeout(options_.timeoutMs);
    req.setRawHeader("Accept", "application/json");
    QNetworkReply *reply = nam_.get(req);
    replies_.push_back(reply);
    const QString key = job.key;
    connect(reply, &QNetworkReply::finished, this, [this, key, reply] { finished(key, reply); });
}

void RestClient::retryLater(Job &job, const QString &why)
{
    ++stats_.retried;
    const int64_t ceil = std::min<int64_t>(options_.retryMaxMs, options_.retryInitialMs << std::min(job.attempts, 20));
    job.notBeforeMs = clock_.nowMs() + int64_t(QRandomGenerator::global()->bounded(quint64(ceil) + 1));
    lastError_ = why;
}

void RestClient::finished(const QString &key, QNetworkReply *reply)
{
    std::erase(replies_, reply);
    reply->deleteLater();
    --inFlight_;
    auto it = jobs_.find(key);
    if (it == jobs_.end()) {
        pump();
        return;
    }
    Job &job = it->second;
    job.inFlight = false;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (auto used = header(reply, "X-MBX-USED-WEIGHT-1M")) {
        bool ok = false;
        const int u = used->trimmed().toInt(&ok);
        if (ok)
            limiter_.onUsedWeightHeader(job.sentMs, u);
    }
    RestReply r;
    r.httpStatus = status;
    r.body = reply->readAll();
    const QString what = job.path + " (" + restPriorityName(job.priority) + ")";
    const bool canRetry = job.attempts < job.maxAttempts;

    if (status >= 200 && status < 300 && reply->error() == QNetworkReply::NoError) {
        limiter_.onSuccess();
        r.ok = true;
        complete(key, r);
    } else if (status == 429) {
        limiter_.on429(retryAfterMs(reply));
        qCWarning(lcBinance).noquote() << "HTTP 429 on" << what << "- pausing all REST requests for"
                                       << (limiter_.pausedUntilMs() - clock_.nowMs()) / 1000.0 << "s";
        r.error = "HTTP 429 (rate limited)";
        if (canRetry) {
            ++stats_.retried;
            lastError_ = r.error;
        } else {
            complete(key, r);
        }
    } else if (status == 418 || status == 403) {
        limiter_.onBan(retryAfterMs(reply), parseBannedUntil(r.body.toStdString()));
        qCWarning(lcBinance).noquote() << "HTTP" << status << "on" << what << "- REST stopped until"
                                       << QDateTime::fromMSecsSinceEpoch(limiter_.pausedUntilMs(), Qt::UTC)
                                              .toString(Qt::ISODateWithMs);
        r.error = QString("HTTP %1 (%2)").arg(status).arg(status == 418 ? "IP banned" : "forbidden by WAF");
        if (canRetry) {
            ++stats_.retried;
            lastError_ = r.error;
        } else {
            complete(key, r);
        }
    } else if (status < 300 || status == 408 || status >= 500) { // no answer, a cut answer, a server error
        r.error = status < 300 ? reply->errorString() : QString("HTTP %1").arg(status);
        if (canRetry) {
            retryLater(job, r.error);
        } else {
            complete(key, r);
        }
    } else {
        r.permanent = true;
        r.error = QString("HTTP %1: %2").arg(status).arg(QString::fromUtf8(r.body.left(300)));
        complete(key, r);
    }
    pump();
}

void RestClient::complete(const QString &key, const RestReply &r)
{
    auto it = jobs_.find(key);
    if (it == jobs_.end())
        return;
    std::vector<Callback> cbs = std::move(it->second.callbacks);
    jobs_.erase(it);
    if (r.ok) {
        ++stats_.succeeded;
    } else {
        ++stats_.failed;
        lastError_ = r.error;
    }
    for (Callback &cb : cbs)
        cb(r);
}

RestStatus RestClient::status() const
{
    RestStatus o;
    o.usedWeight = limiter_.usedThisMinute();
    o.weightLimit = limiter_.limit();
    o.inFlight = inFlight_;
    o.queued = queued();
    o.sent = stats_.sent;
    o.failed = stats_.failed;
    o.retried = stats_.retried;
    o.http429 = limiter_.count429();
    o.bans = limiter_.countBans();
    if (limiter_.paused()) {
        o.state = limiter_.banned() ? RestStatus::State::Banned : RestStatus::State::RateLimited;
        o.pausedUntilMs = limiter_.pausedUntilMs();
    }
    o.lastError = lastError_.toStdString();
    return o;
}

} // namespace co
