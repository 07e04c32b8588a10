#pragma once
// The database side of an archive import, on its own thread so that SQLite inserts overlap with
// reading and the indicators: one transaction per file, committed with the file's ledger row or
// rolled back whole. The queue holds a few chunks at most (the reader waits, memory stays flat).
#include "model/Symbol.h"
#include "model/Trade.h"
#include "storage/ArchiveLedger.h"
#include "storage/Records.h"
#include "worker/WorkQueue.h"

#include <QString>

#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>
#include <vector>

namespace co {

class ImportSink {
public:
    explicit ImportSink(QString dbPath) : path_(std::move(dbPath)) {}
    ~ImportSink();

    bool start(QString *error);
    std::optional<ImportedFile> ledger(const QString &name, QString *error);

    void beginFile(const SymbolInfo &symbol, int64_t samplePrice, int64_t sampleQty);
    void addTrades(std::vector<Trade> trades); // blocks while the queue is full
    void addSummary(DaySummaryRecord d);
    // Commits the file with its ledger row (sym filled in); "" or the error (then rolled back).
    QString commitFile(ImportedFile f);
    void rollbackFile();
    // The sink failed in this file (stop reading early); the error comes with commitFile.
    bool failed() const;
    // Retention to completion (TRADE_CACHE_DAYS); trade rows deleted, or -1 with *error.
    int64_t retain(int days, QString *error);

private:
    struct Begin {
        SymbolInfo symbol;
        int64_t price, qty;
    };
    struct Commit {
        ImportedFile file;
        std::promise<QString> *done;
    };
    struct Rollback {
        std::promise<QString> *done;
    };
    struct Retain {
        int days;
        std::promise<QString> *done;
        int64_t *deleted;
    };
    struct Ledger {
        QString name;
        std::promise<std::pair<std::optional<ImportedFile>, QString>> *done;
    };
    using Item = std::variant<Begin, std::vector<Trade>, DaySummaryRecord, Commit, Rollback, Retain, Ledger>;
    void push(Item item, bool bounded);
    void run(std::promise<QString> *opened);

    QString path_;
    WorkQueue<Item> queue_{4}; // a few chunks ahead of SQLite: memory stays flat
    mutable std::mutex mutex_;
    bool failed_ = false;
    std::thread thread_;
};

} // namespace co
