#pragma once
// Writes trades into the open transaction of a connection: INSERT OR IGNORE on (symbol,
// source, id), so a replayed or backfilled trade is never stored twice, many rows per statement
// (SQLite's per-statement cost dominates single-row inserts), and the per-day id ranges that
// restore and retention look up (trade_days).
#include "model/Trade.h"
#include "storage/Sqlite.h"
#include "storage/SymbolTable.h"

#include <QString>

#include <cstdint>
#include <map>
#include <span>
#include <tuple>

namespace co {

class TradeInserter {
public:
    explicit TradeInserter(sqlite3 *db);

    // Trades of one symbol, any order. False with error() on a database error.
    bool add(const StoredSymbol &symbol, std::span<const Trade> trades);
    // Writes the day ranges gathered since the last call (before the commit).
    bool finishTransaction();
    // After a rollback: forgets the gathered ranges and the error.
    void discard();
    const QString &error() const noexcept { return error_; }

private:
    static constexpr int kRowsPerStatement = 64;
    Statement &manyFor(int64_t sym, int src);
    bool insertOne(const StoredSymbol &s, const Trade &t);

    struct DayRange {
        int64_t firstId, lastId, firstMs, lastMs;
    };
    sqlite3 *db_;
    // On-grid rows, kRowsPerStatement at a time, symbol and source written into the SQL (fewer
    // values to bind); rows off the stored grid and the tail go one by one with remainders.
    std::map<std::pair<int64_t, int>, Statement> many_;
    Statement one_, day_;
    std::map<std::tuple<int64_t, int, int64_t>, DayRange> days_; // (sym, src, day)
    QString error_;
};

} // namespace co
