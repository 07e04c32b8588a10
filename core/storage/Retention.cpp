#include "storage/Retention.h"

#include "model/Time.h"
#include "storage/Sqlite.h"

#include <algorithm>
#include <map>
#include <vector>

namespace co {

namespace {
bool fail(Statement &st, QString *error)
{
    if (error)
        *error = st.error();
    return false;
}
} // namespace

bool runRetentionChunk(sqlite3 *db, int days, int maxRows, RetentionResult &result, QString *error)
{
    result = {};
    if (!execScript(db, "BEGIN IMMEDIATE", error))
        return false;
    auto abort = [&](Statement &st) {
        execScript(db, "ROLLBACK", nullptr);
        return fail(st, error);
    };
    struct Series {
        int64_t sym, src, newestDay;
    };
    std::vector<Series> series;
    {
        Statement q(db, "SELECT sym, src, max(day) FROM trade_days GROUP BY sym, src");
        while (q.step())
            series.push_back({q.int64(0), q.int64(1), q.int64(2)});
        if (!q.error().isEmpty())
            return abort(q);
    }
    Statement keep(db, "SELECT min(first_id) FROM trade_days WHERE sym = ? AND src = ? AND day >= ?");
    Statement bound(db, "SELECT id FROM trades WHERE sym = ? AND src = ? AND id < ? ORDER BY id LIMIT 1 OFFSET ?");
    Statement del(db, "DELETE FROM trades WHERE sym = ? AND src = ? AND id < ?");
    // Blocks wholly below keepFrom, oldest first, until the budget is spent (a block straddling
    // the cut stays: readers skip by time).
    Statement blocks(db, "SELECT first_id, n FROM trade_blocks WHERE sym = ? AND src = ? AND last_id < ? ORDER BY first_id");
    Statement delBlock(db, "DELETE FROM trade_blocks WHERE sym = ? AND src = ? AND first_id = ?");
    Statement delDays(db, "DELETE FROM trade_days WHERE sym = ? AND src = ? AND day < ?");
    std::map<int64_t, int64_t> cutoffMs; // per symbol: start of its oldest kept day (newest over sources)
    int64_t budget = maxRows;
    for (const Series &s : series) {
        const int64_t cutoffDay = s.newestDay - (days - 1);
        int64_t &c = cutoffMs[s.sym];
        c = std::max(c, cutoffDay * kMsPerDay);
        keep.bind(1, s.sym);
        keep.bind(2, s.src);
        keep.bind(3, cutoffDay);
        if (!keep.step() && !keep.error().isEmpty())
            return abort(keep);
        const int64_t keepFrom = keep.int64(0);
        keep.reset();
        if (budget <= 0) {
            result.more = true;
            continue;
        }
        std::vector<std::pair<int64_t, int64_t>> old; // (first_id, n)
        blocks.bind(1, s.sym);
        blocks.bind(2, s.src);
        blocks.bind(3, keepFrom);
        int64_t planned = 0;
        bool blocksLeft = false;
        while (blocks.step()) {
            if (planned >= budget) {
                blocksLeft = true;
                break;
            }
            old.emplace_back(blocks.int64(0), blocks.int64(1));
            planned += blocks.int64(1);
        }
        if (!blocks.error().isEmpty())
            return abort(blocks);
        blocks.reset();
        for (const auto &[first, n] : old) {
            delBlock.bind(1, s.sym);
            delBlock.bind(2, s.src);
            delBlock.bind(3, first);
            if (!delBlock.exec())
                return abort(delBlock);
            result.trades += n;
            budget -= n;
        }
        if (blocksLeft || budget <= 0) {
            result.more = true;
            continue;
        }
        // Open rows (caches of schema 3 not yet sealed) below keepFrom, at most `budget` rows:
        // the id `budget` rows up is the limit.
        bound.bind(1, s.sym);
        bound.bind(2, s.src);
        bound.bind(3, keepFrom);
        bound.bind(4, budget);
        const bool partial = bound.step();
        if (!partial && !bound.error().isEmpty())
            return abort(bound);
        const int64_t upTo = partial ? bound.int64(0) : keepFrom;
        bound.reset();
        del.bind(1, s.sym);
        del.bind(2, s.src);
        del.bind(3, upTo);
        if (!del.exec())
            return abort(del);
        const int64_t n = changes(db);
        result.trades += n;
        budget -= n;
        if (partial) {
            result.more = true;
            continue;
        }
        delDays.bind(1, s.sym);
        delDays.bind(2, s.src);
        delDays.bind(3, cutoffDay);
        if (!delDays.exec())
            return abort(delDays);
    }
    for (const char *sql : {"DELETE FROM marks WHERE sym = ? AND t < ?", "DELETE FROM depth_samples WHERE sym = ? AND t < ?",
                            "DELETE FROM rebuilt_days WHERE sym = ? AND end_ms <= ?",
                            "DELETE FROM heatmap_rows WHERE sym = ? AND t < ?"}) {
        Statement d(db, sql);
        for (const auto &[sym, ms] : cutoffMs) {
            d.bind(1, sym);
            d.bind(2, ms);
            if (!d.exec())
                return abort(d);
            result.samples += changes(db);
        }
    }
    return execScript(db, "COMMIT", error);
}

} // namespace co
