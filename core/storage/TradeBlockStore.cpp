#include "storage/TradeBlockStore.h"

#include <algorithm>

namespace co {

TradeBlockStore::TradeBlockStore(sqlite3 *db)
    : db_(db),
      max_(db, "SELECT last_id FROM trade_blocks WHERE sym = ? AND src = ? ORDER BY first_id DESC LIMIT 1"),
      insert_(db, "INSERT INTO trade_blocks(sym, src, first_id, last_id, first_ms, last_ms, n, data) "
                  "VALUES (?,?,?,?,?,?,?,?)"),
      // Blocks never overlap, so those reaching lo are the one starting at or before it and
      // those starting within (lo, hi].
      overlap_(db, "SELECT first_id, data FROM trade_blocks WHERE sym = ?1 AND src = ?2 AND first_id <= ?4 AND "
                   "first_id >= ifnull((SELECT max(first_id) FROM trade_blocks WHERE sym = ?1 AND src = ?2 AND "
                   "first_id <= ?3), ?3) AND last_id >= ?3 ORDER BY first_id"),
      remove_(db, "DELETE FROM trade_blocks WHERE sym = ? AND src = ? AND first_id = ?")
{
    for (const Statement *s : {&max_, &insert_, &overlap_, &remove_})
        if (!s->ok() && error_.isEmpty())
            error_ = s->error();
}

bool TradeBlockStore::fail(const Statement &st)
{
    error_ = st.error().isEmpty() ? QStringLiteral("trade blocks: unexpected state") : st.error();
    return false;
}

bool TradeBlockStore::sealedMax(int64_t sym, int src, int64_t &out)
{
    max_.bind(1, sym);
    max_.bind(2, src);
    out = kNone;
    if (max_.step())
        out = max_.int64(0);
    else if (!max_.error().isEmpty())
        return fail(max_);
    max_.reset();
    return true;
}

bool TradeBlockStore::write(int64_t sym, int src, TradeBlockUnits units, std::span<const Trade> sorted)
{
    for (size_t at = 0; at < sorted.size(); at += kBlockTrades) {
        const auto part = sorted.subspan(at, std::min(kBlockTrades, sorted.size() - at));
        const std::string blob = encodeTradeBlock(part, units);
        if (blob.empty()) {
            error_ = QStringLiteral("trade blocks: compression failed");
            return false;
        }
        int64_t lo = part.front().timeMs, hi = lo;
        for (const Trade &t : part) {
            lo = std::min(lo, t.timeMs);
            hi = std::max(hi, t.timeMs);
        }
        insert_.bind(1, sym);
        insert_.bind(2, src);
        insert_.bind(3, part.front().id);
        insert_.bind(4, part.back().id);
        insert_.bind(5, lo);
        insert_.bind(6, hi);
        insert_.bind(7, int64_t(part.size()));
        insert_.bindBlob(8, blob.data(), int(blob.size()));
        if (!insert_.exec())
            return fail(insert_);
    }
    return true;
}

bool TradeBlockStore::merge(int64_t sym, int src, TradeBlockUnits units, std::span<const Trade> sorted)
{
    if (sorted.empty())
        return true;
    std::vector<Trade> stored;
    std::vector<int64_t> firsts;
    overlap_.bind(1, sym);
    overlap_.bind(2, src);
    overlap_.bind(3, sorted.front().id);
    overlap_.bind(4, sorted.back().id);
    while (overlap_.step()) {
        firsts.push_back(overlap_.int64(0));
        if (!decodeTradeBlock(overlap_.blob(1), units, TradeSource(src), stored, &error_)) {
            overlap_.reset();
            return false;
        }
    }
    if (!overlap_.error().isEmpty())
        return fail(overlap_);
    overlap_.reset();
    for (int64_t first : firsts) {
        remove_.bind(1, sym);
        remove_.bind(2, src);
        remove_.bind(3, first);
        if (!remove_.exec())
            return fail(remove_);
    }
    // Stored trades first: on equal ids the stored one is kept.
    std::vector<Trade> all;
    all.reserve(stored.size() + sorted.size());
    std::merge(stored.begin(), stored.end(), sorted.begin(), sorted.end(), std::back_inserter(all),
               [](const Trade &a, const Trade &b) { return a.id < b.id; });
    all.erase(std::unique(all.begin(), all.end(), [](const Trade &a, const Trade &b) { return a.id == b.id; }),
              all.end());
    return write(sym, src, units, all);
}

Trade tradeFromRow(const Statement &q, int c, TradeBlockUnits units, TradeSource source)
{
    Trade t;
    t.id = q.int64(c);
    t.timeMs = q.int64(c + 1);
    t.price = q.int64(c + 2) * units.price + q.int64(c + 5); // NULL reads as 0
    t.qty = q.int64(c + 3) * units.qty + q.int64(c + 6);
    t.buyerMaker = q.int64(c + 4) != 0;
    t.source = source;
    return t;
}

bool TradeBlockStore::readRows(int64_t sym, int src, TradeBlockUnits units, int64_t limit, bool take,
                               std::vector<Trade> &out)
{
    Statement q(db_, "SELECT id, t, p, q, s, pr, qr FROM trades WHERE sym = ? AND src = ? ORDER BY id LIMIT ?");
    q.bind(1, sym);
    q.bind(2, src);
    q.bind(3, limit);
    const size_t base = out.size();
    while (q.step())
        out.push_back(tradeFromRow(q, 0, units, TradeSource(src)));
    if (!q.error().isEmpty())
        return fail(q);
    if (!take || out.size() == base)
        return true;
    Statement del(db_, "DELETE FROM trades WHERE sym = ? AND src = ? AND id <= ?");
    del.bind(1, sym);
    del.bind(2, src);
    del.bind(3, out.back().id);
    return del.exec() || fail(del);
}

bool TradeBlockStore::sealRows(int64_t sym, int src, TradeBlockUnits units, int maxBlocks, int *sealed)
{
    std::vector<Trade> rows;
    for (int b = 0; b < maxBlocks; ++b) {
        rows.clear();
        if (!readRows(sym, src, units, int64_t(kBlockTrades), false, rows))
            return false;
        if (rows.size() < kBlockTrades)
            return true;
        Statement del(db_, "DELETE FROM trades WHERE sym = ? AND src = ? AND id <= ?");
        del.bind(1, sym);
        del.bind(2, src);
        del.bind(3, rows.back().id);
        if (!del.exec())
            return fail(del);
        // Rows below a block's end (a cache that mixed both) merge into it; others form a new block.
        int64_t top = kNone;
        if (!sealedMax(sym, src, top))
            return false;
        const size_t low = size_t(std::find_if(rows.begin(), rows.end(), [&](const Trade &t) { return t.id > top; }) -
                                  rows.begin());
        if (!merge(sym, src, units, std::span<const Trade>(rows.data(), low)) ||
            !write(sym, src, units, std::span<const Trade>(rows.data() + low, rows.size() - low)))
            return false;
        if (sealed)
            ++*sealed;
    }
    return true;
}

bool TradeBlockStore::scan(int64_t sym, int src, TradeBlockUnits units, int64_t fromId,
                           const std::function<bool(std::vector<Trade> &)> &sink)
{
    // The block holding fromId starts at or before it: start from the last block starting there.
    Statement q(db_, "SELECT data FROM trade_blocks WHERE sym = ?1 AND src = ?2 AND first_id >= ifnull((SELECT "
                     "max(first_id) FROM trade_blocks WHERE sym = ?1 AND src = ?2 AND first_id <= ?3), ?3) "
                     "ORDER BY first_id");
    q.bind(1, sym);
    q.bind(2, src);
    q.bind(3, fromId);
    std::vector<Trade> block;
    while (q.step()) {
        block.clear();
        if (!decodeTradeBlock(q.blob(0), units, TradeSource(src), block, &error_))
            return false;
        if (!sink(block))
            return true;
    }
    return q.error().isEmpty() || fail(q);
}

bool sealOpenRows(sqlite3 *db, int maxBlocks, bool *more, QString *error, int64_t *sealedRows)
{
    *more = false;
    if (sealedRows)
        *sealedRows = 0;
    // Series with at least a block of open rows: index look-ups, no scan of the rows.
    Statement q(db, "SELECT s.id, s.price_unit, s.qty_unit, v.src FROM symbols s, (SELECT 0 AS src UNION ALL "
                    "SELECT 1) v WHERE EXISTS (SELECT 1 FROM trades t WHERE t.sym = s.id AND t.src = v.src "
                    "LIMIT 1 OFFSET 4095)");
    struct Series {
        int64_t sym;
        TradeBlockUnits units;
        int src;
    };
    std::vector<Series> series;
    while (q.step())
        series.push_back({q.int64(0), {q.int64(1), q.int64(2)}, int(q.int64(3))});
    if (!q.error().isEmpty()) {
        if (error)
            *error = q.error();
        return false;
    }
    TradeBlockStore store(db);
    int budget = maxBlocks;
    for (const Series &s : series) {
        int sealed = 0;
        if (!store.sealRows(s.sym, s.src, s.units, budget, &sealed)) {
            if (error)
                *error = store.error();
            return false;
        }
        budget -= sealed;
        if (sealedRows)
            *sealedRows += int64_t(sealed) * int64_t(TradeBlockStore::kBlockTrades);
        if (budget <= 0) {
            *more = true;
            break;
        }
    }
    return true;
}

} // namespace co
