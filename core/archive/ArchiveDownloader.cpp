#include "archive/ArchiveDownloader.h"

#include "archive/Sha256.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>

#include <chrono>
#include <future>
#include <mutex>

namespace co {

namespace {
constexpr int kAttempts = 3;
constexpr int kTransferTimeoutMs = 60'000;
constexpr int kCancelPollMs = 100;   // a stalled transfer sees a cancel this soon
constexpr auto kProgressEvery = std::chrono::milliseconds(50);

QNetworkRequest request(const QUrl &url)
{
    QNetworkRequest r(url);
    r.setTransferTimeout(kTransferTimeoutMs);
    r.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("crypto-orderflow/" CO_VERSION));
    return r;
}

// Runs fn on context's thread and waits for it.
template <class F>
void runOn(QObject *context, F fn)
{
    std::promise<void> done;
    QMetaObject::invokeMethod(context, [&] { fn(); done.set_value(); }, Qt::QueuedConnection);
    done.get_future().wait();
}
} // namespace

// What the network thread hands back for one request.
struct ArchiveDownloader::Reply {
    int status = 0; // HTTP status, 0 without an answer
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QByteArray body; // without a sink
    QString writeError;
    // Worth another attempt: network trouble and server errors, not 4xx answers.
    bool transient() const { return status >= 500 || (status == 0 && error != QNetworkReply::NoError); }
};

// One request's state, shared by the waiting caller and the network thread.
struct ArchiveDownloader::Job {
    QIODevice *sink = nullptr; // written on the network thread while the caller waits
    Sha256 *hash = nullptr;
    std::promise<Reply> done;
    std::mutex mutex; // guards the progress below
    qint64 received = 0, total = 0;
    bool fresh = false;
};

ArchiveDownloader::ArchiveDownloader(QUrl base, QString tempDir, QNetworkProxyFactory *proxy)
    : base_(std::move(base)), tempDir_(std::move(tempDir)), thread_(std::make_unique<QThread>())
{
    thread_->setObjectName("archive-net");
    context_ = new QObject;
    context_->moveToThread(thread_.get());
    // Deleted on its own thread as it ends, with the manager and any reply.
    QObject::connect(thread_.get(), &QThread::finished, context_, &QObject::deleteLater);
    thread_->start();
    // Made on the network thread: the manager's sockets and timers belong to it.
    runOn(context_, [this, proxy] {
        net_ = new QNetworkAccessManager(context_);
        if (proxy)
            net_->setProxyFactory(proxy);
    });
}

ArchiveDownloader::~ArchiveDownloader()
{
    thread_->quit();
    thread_->wait();
}

QString ArchiveDownloader::fileName(const QString &symbol, const QString &isoDate)
{
    return symbol + "-aggTrades-" + isoDate + ".zip";
}

QUrl ArchiveDownloader::urlOf(const QString &symbol, const QString &isoDate) const
{
    QUrl u = base_;
    QString path = u.path();
    if (path.endsWith('/'))
        path.chop(1);
    u.setPath(path + "/data/futures/um/daily/aggTrades/" + symbol + "/" + fileName(symbol, isoDate));
    return u;
}

void ArchiveDownloader::pause(int ms) const
{
    for (int slept = 0; slept < ms && !cancelled(); slept += 50)
        QThread::msleep(50);
}

ArchiveDownloader::Reply ArchiveDownloader::fetch(const QUrl &url, const std::shared_ptr<Job> &job,
                                                  const Progress &progress)
{
    std::future<Reply> result = job->done.get_future();
    QMetaObject::invokeMethod(context_, [this, url, job] {
        QNetworkReply *reply = net_->get(request(url));
        auto writeError = std::make_shared<QString>();
        auto take = [reply, job, writeError] {
            const QByteArray data = reply->readAll();
            job->hash->add(data);
            if (job->sink->write(data) != data.size() && writeError->isEmpty())
                *writeError = job->sink->errorString();
        };
        if (job->sink)
            QObject::connect(reply, &QNetworkReply::readyRead, reply, take);
        QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [this, reply, job](qint64 got, qint64 total) {
            if (cancelled()) {
                reply->abort();
                return;
            }
            const std::lock_guard lock(job->mutex);
            job->received = got;
            job->total = total;
            job->fresh = true;
        });
        // Aborts soon after a cancel, whether data flows or not.
        auto *cancelPoll = new QTimer(reply);
        QObject::connect(cancelPoll, &QTimer::timeout, reply, [this, reply] {
            if (cancelled())
                reply->abort();
        });
        cancelPoll->start(kCancelPollMs);
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, job, writeError, take, cancelPoll] {
            cancelPoll->stop();
            Reply r;
            r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            r.error = reply->error();
            r.errorString = reply->errorString();
            const bool readable = reply->isOpen(); // not after an abort
            if (readable && job->sink)
                take();
            else if (readable)
                r.body = reply->readAll();
            r.writeError = *writeError;
            reply->deleteLater();
            job->done.set_value(std::move(r));
        });
    }, Qt::QueuedConnection);

    // Progress is passed on here, on the caller's thread, while it waits.
    auto report = [&] {
        qint64 got = 0, total = 0;
        {
            const std::lock_guard lock(job->mutex);
            if (!job->fresh)
                return;
            job->fresh = false;
            got = job->received;
            total = job->total;
        }
        progress(got, total);
    };
    if (progress) {
        while (result.wait_for(kProgressEvery) != std::future_status::ready)
            report();
        report();
    }
    return result.get();
}

ArchiveDownloader::Checksum ArchiveDownloader::checksum(const QUrl &zipUrl)
{
    Checksum c;
    const QUrl url(zipUrl.toString() + ".CHECKSUM");
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        const Reply reply = fetch(url, std::make_shared<Job>(), {});
        if (cancelled()) {
            c.message = url.fileName() + ": cancelled";
            return c;
        }
        if (reply.status == 404) {
            c.status = Checksum::Status::Missing;
            c.message = url.fileName() + ": not in the archive (404; daily files appear the day after)";
            return c;
        }
        if (reply.error == QNetworkReply::NoError) {
            // "<sha256 hex>  <zip name>"
            static const QRegularExpression re("^\\s*([0-9a-fA-F]{64})\\b");
            const auto m = re.match(QString::fromLatin1(reply.body));
            if (!m.hasMatch()) {
                c.message = url.toString() + ": not a sha256 checksum file";
                return c;
            }
            c.status = Checksum::Status::Ok;
            c.sha256 = m.captured(1).toLower();
            return c;
        }
        c.message = url.toString() + ": " + reply.errorString;
        if (!reply.transient())
            return c;
        pause(500 * attempt);
    }
    return c;
}

ArchiveDownloader::Download ArchiveDownloader::download(const QUrl &zipUrl, const QString &expectedSha256,
                                                        const Progress &progress)
{
    Download d;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        auto file = std::make_unique<QTemporaryFile>(QDir(tempDir_).filePath("download-XXXXXX.zip"));
        if (!file->open()) {
            d.message = "cannot create a temporary file in " + tempDir_ + ": " + file->errorString();
            return d;
        }
        Sha256 hash;
        auto job = std::make_shared<Job>();
        job->sink = file.get();
        job->hash = &hash;
        const Reply reply = fetch(zipUrl, job, progress);
        if (cancelled()) {
            d.message = zipUrl.fileName() + ": download cancelled";
            return d;
        }
        if (!reply.writeError.isEmpty()) {
            d.message = "cannot write " + file->fileName() + ": " + reply.writeError;
            return d;
        }
        if (reply.error != QNetworkReply::NoError) {
            d.message = zipUrl.toString() + ": " + reply.errorString;
            if (!reply.transient())
                return d;
            pause(500 * attempt);
            continue;
        }
        file->flush();
        const QString sha = hash.hex();
        if (sha != expectedSha256) {
            d.message = zipUrl.fileName() + ": checksum mismatch: the archive's .CHECKSUM says " + expectedSha256 +
                        ", the downloaded file has " + sha + " (not imported)";
            return d;
        }
        d.ok = true;
        d.file = std::move(file);
        return d;
    }
    return d;
}

} // namespace co
