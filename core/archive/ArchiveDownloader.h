#pragma once
// Daily aggTrades files from the Binance public archive (BINANCE_ARCHIVE_URL, binance.md §7):
// the .CHECKSUM first (404: not published, or not yet), then the zip into a temporary file,
// hashed while it streams and checked against the published sha256. Blocking, for the import
// command (main's thread, before its event loop) and the GUI's import (its worker thread): the
// requests run on the downloader's own network thread, which owns the QNetworkAccessManager,
// and the caller waits on a future, so no event loop is nested on the caller's thread. The
// proxy factory comes from the caller (the app passes the live clients' one).
#include <QString>
#include <QTemporaryFile>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkProxyFactory;
class QObject;
class QThread;

namespace co {

class ArchiveDownloader {
public:
    struct Checksum {
        enum class Status { Ok, Missing, Failed } status = Status::Failed;
        QString sha256; // lower-case hex
        QString message;
    };
    struct Download {
        bool ok = false;
        QString message;
        std::unique_ptr<QTemporaryFile> file; // removed when dropped
    };
    // Called on the calling thread while it waits (at most every 50 ms).
    using Progress = std::function<void(qint64 received, qint64 total)>;

    // proxy: owned from here on (nullptr: the system proxy settings).
    ArchiveDownloader(QUrl base, QString tempDir, QNetworkProxyFactory *proxy = nullptr);
    ~ArchiveDownloader(); // stops the network thread
    ArchiveDownloader(const ArchiveDownloader &) = delete;
    ArchiveDownloader &operator=(const ArchiveDownloader &) = delete;

    // Set before a request; raised from any thread, it aborts the running request within ~100 ms
    // (a download's message then says "cancelled"), and no retry follows.
    void setCancelFlag(const std::atomic<bool> *cancel) { cancel_ = cancel; }

    static QString fileName(const QString &symbol, const QString &isoDate); // BTCUSDT-aggTrades-2024-08-01.zip
    QUrl urlOf(const QString &symbol, const QString &isoDate) const;

    Checksum checksum(const QUrl &zipUrl);
    Download download(const QUrl &zipUrl, const QString &expectedSha256, const Progress &progress = {});

private:
    struct Reply;
    struct Job;
    // One GET on the network thread; the body goes to job's sink (hashed) or into Reply::body.
    Reply fetch(const QUrl &url, const std::shared_ptr<Job> &job, const Progress &progress);
    bool cancelled() const { return cancel_ && cancel_->load(); }
    void pause(int ms) const; // between attempts; returns early on cancel

    QUrl base_;
    QString tempDir_;
    const std::atomic<bool> *cancel_ = nullptr;
    std::unique_ptr<QThread> thread_;
    QObject *context_ = nullptr;           // lives on thread_: requests are queued to it
    QNetworkAccessManager *net_ = nullptr; // a child of context_, used on thread_ only
};

} // namespace co
