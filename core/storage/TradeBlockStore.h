#pragma once
// The trade_blocks table of one connection (migration 0004, storage/TradeBlock.h): writes sorted
// trades as blocks, merges late trades into the blocks their ids fall in (nothing stored twice,
// blocks never overlap), seals the open rows of the trades table into blocks and reads blocks
// back in id order. Writes run inside the caller's transaction.
#include "model/Trade.h"
#include "storage/Sqlite.h"
#include "storage/TradeBlock.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <vector>

namespace co {

class TradeBlockStore {
public:
    static constexpr size_t kBlockTrades = 4096;
    static constexpr int64_t kNone = std::numeric_limits<int64_t>::min();

    explicit TradeBlockStore(sqlite3 *db);

    // Highest id in a block of the series (kNone: no block). False on a database error.
    bool sealedMax(int64_t sym, int src, int64_t &out);
    // Sorted trades with distinct ids, above every block of the series: blocks of kBlockTrades
    // (the last one may be shorter).
    bool write(int64_t sym, int src, TradeBlockUnits units, std::span<const Trade> sorted);
    // Sorted distinct trades at or below sealedMax: the blocks their id range overlaps are read,
    // united with them (stored trades win), and written again.
    bool merge(int64_t sym, int src, TradeBlockUnits units, std::span<const Trade> sorted);
    // Moves up to maxBlocks full blocks of the lowest open rows (trades table) into blocks;
    // *sealed counts them. Rows of older caches go this way too.
    bool sealRows(int64_t sym, int src, TradeBlockUnits units, int maxBlocks, int *sealed);
    // The open rows of a series in id order (at most limit), deleted when take is set.
    bool readRows(int64_t sym, int src, TradeBlockUnits units, int64_t limit, bool take, std::vector<Trade> &out);
    // Blocks with last_id >= fromId in id order, one decoded block per call; sink returns false
    // to stop.
    bool scan(int64_t sym, int src, TradeBlockUnits units, int64_t fromId,
              const std::function<bool(std::vector<Trade> &)> &sink);

    const QString &error() const noexcept { return error_; }

private:
    bool fail(const Statement &st);

    sqlite3 *db_;
    Statement max_, insert_, overlap_, remove_;
    QString error_;
};

// Seals open rows of every series holding at least a block of them (a cache written before
// schema 4), at most maxBlocks in all, in the caller's transaction. *more: some are left.
// *sealedRows (optional) counts the trades moved.
bool sealOpenRows(sqlite3 *db, int maxBlocks, bool *more, QString *error, int64_t *sealedRows = nullptr);

// Decoded trades from the open rows (p, q, s, pr, qr columns) of one statement row.
Trade tradeFromRow(const Statement &q, int firstColumn, TradeBlockUnits units, TradeSource source);

} // namespace co
