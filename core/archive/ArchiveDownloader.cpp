#include "archive/ArchiveDownloader.h"

#include "archive/Sha256.h"

#include <QDir>
#include <QEventLoop>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>

namespace co {

namespace {
constexpr int kAttempts = 3;
constexpr int kTransferTimeoutMs = 60'000;

QNetworkRequest request(const QUrl &url)
{
    QNetworkRequest r(url);
    r.setTransferTimeout(kTransferTimeoutMs);
    r.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("crypto-orderflow/" CO_VERSION));
    return r;
}

int httpStatus(QNetworkReply *r) { return r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(); }

// Worth another attempt: network trouble and server errors, not 4xx answers.
bool transient(QNetworkReply *r)
{
    const int status = httpStatus(r);
    return status >= 500 || (status == 0 && r->error() != QNetworkReply::NoError);
}
} // namespace

ArchiveDownloader::ArchiveDownloader(QUrl base, QString tempDir, QNetworkProxyFactory *proxy)
    : base_(std::move(base)), tempDir_(std::move(tempDir))
{
    if (proxy)
        net_.setProxyFactory(proxy);
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

ArchiveDownloader::Checksum ArchiveDownloader::checksum(const QUrl &zipUrl)
{
    Checksum c;
    const QUrl url(zipUrl.toString() + ".CHECKSUM");
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        std::unique_ptr<QNetworkReply> reply(net_.get(request(url)));
        QEventLoop loop;
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = httpStatus(reply.get());
        if (status == 404) {
            c.status = Checksum::Status::Missing;
            c.message = url.fileName() + ": not in the archive (404; daily files appear the day after)";
            return c;
        }
        if (reply->error() == QNetworkReply::NoError) {
            // "<sha256 hex>  <zip name>"
            static const QRegularExpression re("^\\s*([0-9a-fA-F]{64})\\b");
            const auto m = re.match(QString::fromLatin1(reply->readAll()));
            if (!m.hasMatch()) {
                c.message = url.toString() + ": not a sha256 checksum file";
                return c;
            }
            c.status = Checksum::Status::Ok;
            c.sha256 = m.captured(1).toLower();
            return c;
        }
        c.message = url.toString() + ": " + reply->errorString();
        if (!transient(reply.get()))
            return c;
        QThread::msleep(500 * attempt);
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
        std::unique_ptr<QNetworkReply> reply(net_.get(request(zipUrl)));
        QString writeError;
        QObject::connect(reply.get(), &QNetworkReply::readyRead, [&] {
            const QByteArray data = reply->readAll();
            hash.add(data);
            if (file->write(data) != data.size() && writeError.isEmpty())
                writeError = file->errorString();
        });
        if (progress)
            QObject::connect(reply.get(), &QNetworkReply::downloadProgress, progress);
        QTimer cancelPoll; // aborts the transfer soon after a cancel, whether data flows or not
        QObject::connect(&cancelPoll, &QTimer::timeout, reply.get(), [this, &reply] {
            if (cancel_ && cancel_->load())
                reply->abort();
        });
        cancelPoll.start(100);
        QEventLoop loop;
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        cancelPoll.stop();
        if (cancel_ && cancel_->load()) {
            d.message = zipUrl.fileName() + ": download cancelled";
            return d;
        }
        const QByteArray rest = reply->readAll();
        hash.add(rest);
        file->write(rest);
        if (!writeError.isEmpty()) {
            d.message = "cannot write " + file->fileName() + ": " + writeError;
            return d;
        }
        if (reply->error() != QNetworkReply::NoError) {
            d.message = zipUrl.toString() + ": " + reply->errorString();
            if (!transient(reply.get()))
                return d;
            QThread::msleep(500 * attempt);
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
