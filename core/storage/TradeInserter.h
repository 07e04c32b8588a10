#pragma once
// Writes trades into the open transaction of a connection, and the per-day id ranges that
// restore and retention look up (trade_days). Trades go into compact blocks (TradeBlockStore) of
// kBlockTrades consecutive ids; the newest, fewer than a block, wait as open rows in the trades
// table (INSERT OR IGNORE on (symbol, source, id), many rows per statement), readable at once.
// A batch that fills blocks is encoded straight from memory (import never writes rows); a trade
// at or below the newest block merges into the blocks its id falls in: nothing stored twice.
#include "model/Trade.h"
#include "storage/Sqlite.h"
#include "storage/SymbolTable.h"
#include "storage/TradeBlockStore.h"

#include <QString>

#include <cstdint>
#include <map>
#include <span>
#include <tuple>
#include <vector>

namespace co {

class TradeInserter {
public:
    explicit TradeInserter(sqlite3 *db);

    // Trades of one symbol, any order. False with error() on a database error.
    bool add(const StoredSymbol &symbol, std::span<const Trade> trades);
    // Seals open rows beyond a block (a few blocks at most) and writes the day ranges gathered
    // since the last call (before the commit).
    bool finishTransaction();
    // After a rollback: forgets the gathered ranges and the error.
    void discard();
    const QString &error() const noexcept { return error_; }

private:
    static constexpr int kRowsPerStatement = 64;
    static constexpr int64_t kMaxOpenMerge = 4 * int64_t(TradeBlockStore::kBlockTrades);
    static constexpr int kSealPerTransaction = 64;
    // What the transaction knows of a series (read at its first use in each transaction:
    // another process may have written since).
    struct Series {
        int64_t open = 0; // open rows (at most kMaxOpenMerge + 1 counted)
        int64_t sealedMax = TradeBlockStore::kNone;
        TradeBlockUnits units;
    };
    Series *series(const StoredSymbol &s, int src);
    bool addSorted(const StoredSymbol &s, int src, std::span<const Trade> sorted);
    // Rows as before schema 4; returns false on error, *added counts the new ones.
    bool insertRows(const StoredSymbol &s, std::span<const Trade> trades, int64_t *added);
    Statement &manyFor(int64_t sym, int src);
    bool insertOne(const StoredSymbol &s, const Trade &t);

    struct DayRange {
        int64_t firstId, lastId, firstMs, lastMs;
    };
    sqlite3 *db_;
    // On-grid rows, kRowsPerStatement at a time, symbol and source written into the SQL (fewer
    // values to bind); rows off the stored grid and the tail go one by one with remainders.
    std::map<std::pair<int64_t, int>, Statement> many_;
    Statement one_, day_, dropRebuilt_;
    std::map<std::tuple<int64_t, int, int64_t>, DayRange> days_; // (sym, src, day)
    std::map<std::pair<int64_t, int>, Series> series_;
    TradeBlockStore blocks_;
    Statement openCount_;
    std::vector<Trade> sorted_, merged_; // reused
    int64_t rowsAdded_ = 0;
    QString error_;
};

} // namespace co
