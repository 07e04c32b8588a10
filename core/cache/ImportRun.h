#pragma once
// One archive import as both faces run it (the import command, the GUI's import dialog): local
// files, or the daily zips of a date range from BINANCE_ARCHIVE_URL, one after the other through
// the ArchiveImporter, then retention. Blocking; reports through callbacks on the calling thread.
// cancel() from any thread stops between files, within a download and within a file (rolled
// back whole); what was committed stays and a later run skips it (resumable).
#include "engine/EngineConfig.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <functional>

class QNetworkProxyFactory;

namespace co {

struct ImportOptions {
    QString symbol;
    QString from, to; // inclusive UTC dates
    QStringList files;
    QStringList configArgs; // the rest: configuration flags (--cache-db-path, ...)
};

// What an import needs of the configuration (app/ImportCommand fills it).
struct ImportSettings {
    QString dbPath;     // CACHE_DB_PATH
    QString archiveUrl; // BINANCE_ARCHIVE_URL
    EngineConfig engine;
    int tradeCacheDays = 7;
    std::function<QNetworkProxyFactory *()> proxy; // a new factory for the downloads (null: system)
};

struct ImportSummary {
    int imported = 0, already = 0, problems = 0;
    int64_t rows = 0;    // trades imported
    int64_t deleted = 0; // trades dropped by retention
    qint64 ms = 0;
    bool cancelled = false;
    bool openFailed = false; // the cache could not be opened (nothing tried)
    QString text;            // the one-line summary
};

class ImportRun {
public:
    struct Callbacks {
        // index from 1; count is the number of files (or days) planned.
        std::function<void(int index, int count, const QString &name)> fileStarted;
        // Within the current file: fraction 0…1 (< 0 unknown), what happens ("downloading",
        // "importing"), trades read so far of this file.
        std::function<void(double fraction, const QString &phase, int64_t fileRows)> progress;
        // A finished line (one per file, and the summary); problem: an error line.
        std::function<void(const QString &line, bool problem)> message;
    };

    ImportRun(ImportOptions options, ImportSettings config) : options_(std::move(options)), config_(std::move(config)) {}

    void setChunkRows(size_t rows) { chunkRows_ = rows; } // how often a file checks for cancel
    ImportSummary run(const Callbacks &callbacks);
    void cancel() { cancel_ = true; }
    bool cancelRequested() const { return cancel_.load(); }

private:
    ImportOptions options_;
    ImportSettings config_;
    size_t chunkRows_ = 65'536;
    std::atomic<bool> cancel_{false};
};

// "1.23 M rows/s" for rows in ms ("" when ms is 0).
QString importRate(int64_t rows, qint64 ms);

} // namespace co

Q_DECLARE_METATYPE(co::ImportSummary)
