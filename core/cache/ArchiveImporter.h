#pragma once
// Imports Binance archive aggTrades files into the cache: rows go to SQLite (one transaction per
// file, with the file's sha256 in the ledger) and through an engine of the symbol, whose day
// summaries (key levels, profile) are stored with the trades. Files already imported with the
// same checksum are skipped; a changed checksum is reported, not re-imported. A file that fails
// leaves nothing behind; the days after it start without a prior day rather than a wrong one.
// A cancelled file is rolled back the same way.
#include "cache/ImportSink.h"
#include "engine/EngineConfig.h"
#include "engine/MarketEngine.h"

#include <QString>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace co {

class CacheReader;

struct ImportFile {
    QString path;   // local file (a download's temporary copy)
    QString name;   // ledger key: the published file name
    QString origin; // URL or the local path
    QString symbol; // upper case
    QString sha256; // known (archive .CHECKSUM) or empty: computed while importing
};

struct ImportResult {
    enum class Status { Imported, AlreadyImported, ChecksumChanged, Failed, Cancelled };
    Status status = Status::Failed;
    QString message;
    int64_t rows = 0;
    int64_t firstId = 0, lastId = 0;
    int64_t gaps = 0;       // id holes inside the file (reported, not an error)
    int64_t outOfOrder = 0; // rows not after the previous id (the engine skips them)
};

class ArchiveImporter {
public:
    struct Options {
        QString dbPath;
        EngineConfig engine;
        int cacheDays = 7;
        size_t chunkRows = 65'536; // rows read, inserted and checked for cancel at a time
        // Set from any thread: the file being imported stops at the next chunk and is rolled
        // back whole (its ledger row is not written, so a later run imports it again).
        const std::atomic<bool> *cancel = nullptr;
    };
    // done/total bytes of the current file (uncompressed), from the importing thread.
    using Progress = std::function<void(int64_t done, int64_t total, int64_t rows)>;

    explicit ArchiveImporter(Options options);
    ~ArchiveImporter();

    bool open(QString *error);
    // The stored sha256 of a published file name, if imported.
    std::optional<QString> importedSha(const QString &name, QString *error = nullptr);
    ImportResult import(const ImportFile &file, const Progress &progress = {});
    // A day the caller could not import (missing in the archive): later days get no prior day
    // from before it.
    void breakContinuity(const QString &symbol);
    // After the last file: retention (TRADE_CACHE_DAYS). Trade rows deleted, -1 on error.
    int64_t finish(QString *error);

private:
    MarketEngine &engineFor(const QString &symbol, const std::vector<Trade> &first, TickSource *source);
    void preloadPriorDay(MarketEngine &engine, int64_t firstTradeMs);
    bool cancelled() const { return options_.cancel && options_.cancel->load(); }

    Options options_;
    ImportSink sink_;
    std::unique_ptr<CacheReader> reader_;
    std::map<QString, std::unique_ptr<MarketEngine>> engines_;
};

} // namespace co
