#pragma once
// Batched writer of the cache on its own thread: whatever producers add (the engine thread via
// its observer) is committed in one transaction per batch, every ~250 ms or 10 k rows. Trades are
// INSERT OR IGNORE on (symbol, source, id). When the disk is slower than the producers, add*
// blocks once maxPendingRows wait (back-pressure) instead of growing memory. stop() commits
// what is pending (clean exit). The retention job (TRADE_CACHE_DAYS) runs here between batches.
#include "model/Derivatives.h"
#include "model/HeatmapRow.h"
#include "model/Symbol.h"
#include "model/Trade.h"
#include "storage/Database.h"
#include "storage/Records.h"
#include "worker/WorkQueue.h"

#include <QString>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace co {

class TradeWriter {
public:
    struct Options {
        int batchRows = 10'000;
        int batchMs = 250;
        size_t maxPendingRows = 200'000;
        int cacheDays = 7;                    // TRADE_CACHE_DAYS
        int64_t retentionEveryMs = 3'600'000; // also once at start
        int retentionChunkRows = 50'000;      // rows per retention transaction
        int maxAttempts = 5;                  // a failing batch is retried, then dropped
        Database::Durability durability = Database::Durability::Normal;
    };
    struct Stats {
        uint64_t trades = 0;      // trade rows committed (ignored duplicates included)
        uint64_t records = 0;     // other rows committed
        uint64_t batches = 0;
        uint64_t dropped = 0;     // rows given up after failed attempts
        uint64_t retained = 0;    // trade rows deleted by retention
        size_t pending = 0;
        int64_t lastCommitMs = 0; // wall clock
        int64_t maxCommitMs = 0;  // slowest transaction, ms
        int64_t blockedMs = 0;    // producers waited on back-pressure, total
        // Trade rows of an older cache (before schema 4) being sealed into blocks at start:
        // convertRows = all of them (0: none), convertedRows = done so far.
        int64_t convertRows = 0, convertedRows = 0;
        QString lastError;
    };

    TradeWriter(QString path, Options options);
    TradeWriter(QString path) : TradeWriter(std::move(path), Options{}) {}
    ~TradeWriter();

    // Opens the connection on the writer thread (migrating the schema). False with *error.
    bool start(QString *error);
    // Commits what is pending, then ends the thread.
    void stop();

    // Any thread. The symbol's index for the add calls; its grid is saved with the symbol.
    uint32_t symbol(const SymbolInfo &info);
    // Any thread; block while maxPendingRows are waiting.
    void addTrade(uint32_t symbol, const Trade &t);
    void addLiquidation(uint32_t symbol, const Liquidation &l);
    void addMark(uint32_t symbol, const MarkPrice &m);
    void addOpenInterest(uint32_t symbol, const OpenInterest &oi);
    void addFunding(uint32_t symbol, const FundingSettlement &f);
    void addHeatmapRow(uint32_t symbol, HeatmapRow row);
    void addDepth(uint32_t symbol, DepthRecord d);
    void addDaySummary(uint32_t symbol, DaySummaryRecord d);

    // Blocks until everything added before is committed (or dropped); false on timeout.
    bool flush(int timeoutMs = -1);
    Stats stats() const;
    // Newest trade committed in this run (by id), per symbol.
    std::optional<StoredTrade> lastCommitted(const std::string &symbol) const;

    // The non-trade rows a batch carries.
    using Record = std::variant<Liquidation, MarkPrice, OpenInterest, FundingSettlement, HeatmapRow, DepthRecord,
                                DaySummaryRecord>;

private:
    // One queued row: a trade, a record, or a flush request (fulfilled once all before it are
    // committed or dropped).
    struct Item {
        uint32_t symbol = 0;
        Trade trade;
        std::shared_ptr<Record> record;
        std::shared_ptr<std::promise<void>> flushed;
    };
    void add(Item item);
    void run(std::promise<QString> *opened);

    QString path_;
    Options options_;
    WorkQueue<Item> queue_;

    mutable std::mutex mutex_; // guards the fields below
    std::vector<SymbolInfo> symbols_;
    Stats stats_;
    std::map<std::string, StoredTrade> last_;
    std::thread thread_;
};

} // namespace co
