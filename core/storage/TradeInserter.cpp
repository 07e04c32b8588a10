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
               "last_ms = max(last_ms, excluded.last_ms)")
{
    if (!one_.ok())
        error_ = one_.error();
    else if (!day_.ok())
        error_ = day_.error();
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
    if (one_.exec())
        return true;
    error_ = one_.error();
    return false;
}

bool TradeInserter::add(const StoredSymbol &symbol, std::span<const Trade> trades)
{
    if (!error_.isEmpty())
        return false;
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
        n = 0;
    }
    if (!flushOneByOne())
        return false;
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
    }
    days_.clear();
    return true;
}

void TradeInserter::discard()
{
    days_.clear();
    if (one_.ok() && day_.ok())
        error_.clear();
}

} // namespace co
