#include "storage/TradeInserter.h"

#include "model/Time.h"

#include <algorithm>
#include <array>
#include <string>

namespace co {

TradeInserter::TradeInserter(sqlite3 *db)
    : db_(db),
      one_(db, "INSERT OR IGNORE INTO trades(sym, src, id, t, p, q, s, pr, qr) VALUES (?,?,?,?,?,?,?,?,?)"),
      day_(db, "INSERT INTO trade_days(sym, src, day, first_id, last_id, first_ms, last_ms) VALUES (?,?,?,?,?,?,?) "
               "ON CONFLICT(sym, src, day) DO UPDATE SET first_id = min(first_id, excluded.first_id), "
               "last_id = max(last_id, excluded.last_id), first_ms = min(first_ms, excluded.first_ms), "
               "last_ms = max(last_ms, excluded.last_ms)"),
      dropRebuilt_(db, "DELETE FROM rebuilt_days WHERE sym = ? AND end_ms > ? AND from_ms <= ?"),
      blocks_(db),
      openCount_(db, "SELECT count(*) FROM (SELECT 1 FROM trades WHERE sym = ? AND src = ? LIMIT ?)")
{
    if (!one_.ok())
        error_ = one_.error();
    else if (!day_.ok())
        error_ = day_.error();
    else if (!blocks_.error().isEmpty())
        error_ = blocks_.error();
    else if (!openCount_.ok())
        error_ = openCount_.error();
    else if (!dropRebuilt_.ok())
        error_ = dropRebuilt_.error();
}

TradeInserter::Series *TradeInserter::series(const StoredSymbol &s, int src)
{
    auto [it, fresh] = series_.try_emplace({s.id, src});
    if (!fresh)
        return &it->second;
    Series &se = it->second;
    se.units = {s.priceUnit, s.qtyUnit};
    openCount_.bind(1, s.id);
    openCount_.bind(2, src);
    openCount_.bind(3, kMaxOpenMerge + 1);
    if (!openCount_.step()) {
        error_ = openCount_.error();
        series_.erase(it);
        return nullptr;
    }
    se.open = openCount_.int64(0);
    openCount_.reset();
    if (!blocks_.sealedMax(s.id, src, se.sealedMax)) {
        error_ = blocks_.error();
        series_.erase(it);
        return nullptr;
    }
    return &se;
}

bool TradeInserter::addSorted(const StoredSymbol &s, int src, std::span<const Trade> sorted)
{
    Series *se = series(s, src);
    if (!se)
        return false;
    // At or below the newest block: merged into the blocks (late or replayed trades).
    const size_t old = size_t(std::upper_bound(sorted.begin(), sorted.end(), se->sealedMax,
                                               [](int64_t id, const Trade &t) { return id < t.id; }) -
                              sorted.begin());
    if (old && !blocks_.merge(s.id, src, se->units, sorted.first(old))) {
        error_ = blocks_.error();
        return false;
    }
    const auto fresh = sorted.subspan(old);
    if (fresh.empty())
        return true;
    int64_t added = 0;
    // Not a block yet, or a big backlog of old rows (sealed a few blocks per transaction): rows.
    if (se->open + int64_t(fresh.size()) < int64_t(TradeBlockStore::kBlockTrades) || se->open > kMaxOpenMerge) {
        if (!insertRows(s, fresh, &added))
            return false;
        se->open += added;
        return true;
    }
    // The open rows and these trades: full blocks straight from memory, the rest stays open.
    merged_.clear();
    if (se->open > 0 && !blocks_.readRows(s.id, src, se->units, se->open, true, merged_)) {
        error_ = blocks_.error();
        return false;
    }
    const size_t rows = merged_.size();
    merged_.insert(merged_.end(), fresh.begin(), fresh.end());
    std::inplace_merge(merged_.begin(), merged_.begin() + ptrdiff_t(rows), merged_.end(),
                       [](const Trade &a, const Trade &b) { return a.id < b.id; });
    merged_.erase(std::unique(merged_.begin(), merged_.end(), [](const Trade &a, const Trade &b) { return a.id == b.id; }),
                  merged_.end());
    const size_t full = merged_.size() / TradeBlockStore::kBlockTrades * TradeBlockStore::kBlockTrades;
    const std::span<const Trade> all(merged_);
    if (!blocks_.write(s.id, src, se->units, all.first(full))) {
        error_ = blocks_.error();
        return false;
    }
    if (full)
        se->sealedMax = all[full - 1].id;
    se->open = 0;
    if (!insertRows(s, all.subspan(full), &added))
        return false;
    se->open = added;
    return true;
}

Statement &TradeInserter::manyFor(int64_t sym, int src)
{
    auto it = many_.find({sym, src});
    if (it == many_.end()) {
        std::string sql = "INSERT OR IGNORE INTO trades(sym, src, id, t, p, q, s) VALUES ";
        std::string row = "(";
        row.append(std::to_string(sym)).append(",").append(std::to_string(src)).append(",?,?,?,?,?)");
        for (int i = 0; i < kRowsPerStatement; ++i) {
            if (i)
                sql.append(",");
            sql.append(row);
        }
        it = many_.emplace(std::make_pair(sym, src), Statement(db_, sql)).first;
    }
    return it->second;
}

bool TradeInserter::insertOne(const StoredSymbol &s, const Trade &t)
{
    one_.bind(1, s.id);
    one_.bind(2, int64_t(t.source));
    one_.bind(3, t.id);
    one_.bind(4, t.timeMs);
    one_.bind(5, t.price / s.priceUnit);
    one_.bind(6, t.qty / s.qtyUnit);
    one_.bind(7, t.buyerMaker ? 1 : 0);
    if (const int64_t r = t.price % s.priceUnit)
        one_.bind(8, r);
    else
        one_.bindNull(8);
    if (const int64_t r = t.qty % s.qtyUnit)
        one_.bind(9, r);
    else
        one_.bindNull(9);
    if (one_.exec()) {
        rowsAdded_ += changes(db_);
        return true;
    }
    error_ = one_.error();
    return false;
}

bool TradeInserter::insertRows(const StoredSymbol &symbol, std::span<const Trade> trades, int64_t *added)
{
    *added = 0;
    rowsAdded_ = 0;
    std::array<const Trade *, kRowsPerStatement> group;
    size_t n = 0;
    auto flushOneByOne = [&] {
        for (size_t i = 0; i < n; ++i)
            if (!insertOne(symbol, *group[i]))
                return false;
        n = 0;
        return true;
    };
    for (const Trade &t : trades) {
        if (t.price % symbol.priceUnit || t.qty % symbol.qtyUnit) [[unlikely]] {
            if (!insertOne(symbol, t))
                return false;
            continue;
        }
        if (n > 0 && t.source != group[0]->source && !flushOneByOne())
            return false;
        group[n++] = &t;
        if (n < group.size())
            continue;
        Statement &st = manyFor(symbol.id, int(t.source));
        for (size_t r = 0; r < n; ++r) {
            const Trade &x = *group[r];
            const int b = int(r) * 5;
            st.bind(b + 1, x.id);
            st.bind(b + 2, x.timeMs);
            st.bind(b + 3, x.price / symbol.priceUnit);
            st.bind(b + 4, x.qty / symbol.qtyUnit);
            st.bind(b + 5, x.buyerMaker ? 1 : 0);
        }
        if (!st.exec()) {
            error_ = st.error();
            return false;
        }
        rowsAdded_ += changes(db_);
        n = 0;
    }
    if (!flushOneByOne())
        return false;
    *added = rowsAdded_;
    rowsAdded_ = 0;
    return true;
}

bool TradeInserter::add(const StoredSymbol &symbol, std::span<const Trade> trades)
{
    if (!error_.isEmpty())
        return false;
    // By source then id, first of equal ids kept (a batch may repeat a trade).
    sorted_.assign(trades.begin(), trades.end());
    const auto byId = [](const Trade &a, const Trade &b) {
        return a.source != b.source ? a.source < b.source : a.id < b.id;
    };
    if (!std::is_sorted(sorted_.begin(), sorted_.end(), byId))
        std::stable_sort(sorted_.begin(), sorted_.end(), byId);
    sorted_.erase(std::unique(sorted_.begin(), sorted_.end(),
                              [](const Trade &a, const Trade &b) { return a.source == b.source && a.id == b.id; }),
                  sorted_.end());
    for (size_t at = 0; at < sorted_.size();) {
        const TradeSource src = sorted_[at].source;
        size_t end = at;
        while (end < sorted_.size() && sorted_[end].source == src)
            ++end;
        if (!addSorted(symbol, int(src), std::span<const Trade>(sorted_).subspan(at, end - at)))
            return false;
        at = end;
    }
    // Day ranges: consecutive trades mostly share a day, so one map look-up per run of them.
    DayRange *cur = nullptr;
    int64_t curDay = INT64_MIN;
    int curSrc = -1;
    for (const Trade &t : trades) {
        const int64_t day = utcDayOf(t.timeMs);
        if (!cur || day != curDay || int(t.source) != curSrc) {
            curDay = day;
            curSrc = int(t.source);
            auto [it, fresh] = days_.try_emplace({symbol.id, curSrc, day}, DayRange{t.id, t.id, t.timeMs, t.timeMs});
            cur = &it->second;
        }
        cur->firstId = std::min(cur->firstId, t.id);
        cur->lastId = std::max(cur->lastId, t.id);
        cur->firstMs = std::min(cur->firstMs, t.timeMs);
        cur->lastMs = std::max(cur->lastMs, t.timeMs);
    }
    return true;
}

bool TradeInserter::finishTransaction()
{
    if (!error_.isEmpty())
        return false;
    for (const auto &[key, se] : series_) {
        if (se.open < int64_t(TradeBlockStore::kBlockTrades))
            continue;
        if (!blocks_.sealRows(key.first, key.second, se.units, kSealPerTransaction, nullptr)) {
            error_ = blocks_.error();
            return false;
        }
    }
    series_.clear();
    for (const auto &[key, r] : days_) {
        day_.bind(1, std::get<0>(key));
        day_.bind(2, std::get<1>(key));
        day_.bind(3, std::get<2>(key));
        day_.bind(4, r.firstId);
        day_.bind(5, r.lastId);
        day_.bind(6, r.firstMs);
        day_.bind(7, r.lastMs);
        if (!day_.exec()) {
            error_ = day_.error();
            return false;
        }
        // A day rebuilt from trades these fall in is out of date (live trades: only today's, never kept).
        dropRebuilt_.bind(1, std::get<0>(key));
        dropRebuilt_.bind(2, r.firstMs);
        dropRebuilt_.bind(3, r.lastMs);
        if (!dropRebuilt_.exec()) {
            error_ = dropRebuilt_.error();
            return false;
        }
    }
    days_.clear();
    return true;
}

void TradeInserter::discard()
{
    days_.clear();
    series_.clear();
    if (one_.ok() && day_.ok())
        error_.clear();
}

} // namespace co
