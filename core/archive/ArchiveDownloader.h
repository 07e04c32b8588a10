#pragma once
// Daily aggTrades files from the Binance public archive (BINANCE_ARCHIVE_URL, binance.md §7):
// the .CHECKSUM first (404: not published, or not yet), then the zip into a temporary file,
// hashed while it streams and checked against the published sha256. Blocking (a local event
// loop per request), for the import command and the GUI's import (on its worker thread). The
// proxy factory comes from the caller (the app passes the live clients' one).
#include <QNetworkAccessManager>
#include <QString>
#include <QTemporaryFile>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

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
    using Progress = std::function<void(qint64 received, qint64 total)>;

    // proxy: owned from here on (nullptr: the system proxy settings).
    ArchiveDownloader(QUrl base, QString tempDir, QNetworkProxyFactory *proxy = nullptr);
    // Set from any thread: a running download is aborted (message "cancelled"), no retry.
    void setCancelFlag(const std::atomic<bool> *cancel) { cancel_ = cancel; }

    static QString fileName(const QString &symbol, const QString &isoDate); // BTCUSDT-aggTrades-2024-08-01.zip
    QUrl urlOf(const QString &symbol, const QString &isoDate) const;

    Checksum checksum(const QUrl &zipUrl);
    Download download(const QUrl &zipUrl, const QString &expectedSha256, const Progress &progress = {});

private:
    QNetworkAccessManager net_;
    QUrl base_;
    QString tempDir_;
    const std::atomic<bool> *cancel_ = nullptr;
};

} // namespace co
