#include "storage/CacheReader.h"

#include "storage/FundingRecords.h"
#include "storage/HeatmapRecords.h"
#include "storage/Sqlite.h"
#include "storage/TradeBlockStore.h"

#include <algorithm>

namespace co {

namespace {
// The day_summaries columns read by summaryRow, in its order.
constexpr const char *kSummaryColumns = "day, start_ms, end_ms, trades, high, low, poc, tick_size, delta";

DaySummaryRecord summaryRow(const Statement &q, const std::string &symbol, const std::string &zone)
{
    DaySummaryRecord d;
    d.symbol = symbol;
    d.zone = zone;
    d.day = q.int64(0);
    d.startMs = q.int64(1);
    d.endMs = q.int64(2);
    d.trades = q.int64(3);
    d.high = q.int64(4);
    d.low = q.int64(5);
    d.poc = q.int64(6);
    d.tickSize = q.int64(7);
    d.delta = q.int64(8);
    return d;
}

template <class T> T failWith(const Statement &st, QString *error, T value)
{
    if (error && !st.error().isEmpty())
        *error = st.error();
    return value;
}
} // namespace

bool CacheReader::open(const QString &path, QString *error)
{
    Database::Options o;
    o.mode = Database::Mode::ReadOnly;
    o.cacheKiB = 4 * 1024; // scans read each page once
    symbols_.reset();
    if (!db_.open(path, o, error))
        return false;
    symbols_ = std::make_unique<SymbolTable>(db_.handle());
    return symbols_->load(error);
}

std::vector<StoredSymbol> CacheReader::symbols() const { return symbols_ ? symbols_->all() : std::vector<StoredSymbol>{}; }

std::optional<SymbolInfo> CacheReader::cachedGrid(const std::string &symbol)
{
    const StoredSymbol *s = find(symbol);
    if (!s || s->tickSize <= 0)
        return std::nullopt;
    SymbolInfo info;
    info.name = symbol;
    info.tickSize = s->tickSize;
    info.stepSize = s->stepSize;
    info.tickSource = TickSource::Cache;
    return info;
}

const StoredSymbol *CacheReader::find(const std::string &symbol)
{
    if (!symbols_)
        return nullptr;
    if (const StoredSymbol *s = symbols_->find(symbol))
        return s;
    symbols_->load(nullptr); // added since open (by the writer)
    return symbols_->find(symbol);
}

std::optional<StoredTrade> CacheReader::lastTrade(const std::string &symbol, QString *error)
{
    const StoredSymbol *s = find(symbol);
    if (!s)
        return std::nullopt;
    // The open rows hold the newest trades; a series without them ends at its newest block.
    // Two index look-ups (a union would read every row of a schema-3 cache).
    Statement rows(db_.handle(), "SELECT id, t FROM trades WHERE sym = ? AND src = ? ORDER BY id DESC LIMIT 1");
    Statement blocks(db_.handle(), "SELECT last_id, last_ms FROM trade_blocks WHERE sym = ? AND src = ? "
                                   "ORDER BY first_id DESC LIMIT 1");
    std::optional<StoredTrade> best;
    for (TradeSource src : {TradeSource::AggTrade, TradeSource::Trade}) {
        for (Statement *q : {&rows, &blocks}) {
            q->bind(1, s->id);
            q->bind(2, int64_t(src));
            const bool found = q->step();
            if (!found && !q->error().isEmpty())
                return failWith(*q, error, std::optional<StoredTrade>());
            const StoredTrade t{src, found ? q->int64(0) : 0, found ? q->int64(1) : 0};
            q->reset();
            if (!found)
                continue;
            if (!best || t.timeMs > best->timeMs)
                best = t;
            break; // open rows are above every block
        }
    }
    return best;
}

int64_t CacheReader::tradeCountFrom(const std::string &symbol, TradeSource source, int64_t fromMs, QString *error)
{
    const StoredSymbol *s = find(symbol);
    if (!s)
        return 0;
    Statement q(db_.handle(), "SELECT ifnull(max(last_id) - min(first_id) + 1, 0) FROM trade_days "
                              "WHERE sym = ? AND src = ? AND last_ms >= ?");
    q.bind(1, s->id);
    q.bind(2, int64_t(source));
    q.bind(3, fromMs);
    if (!q.step())
        return failWith(q, error, int64_t(0));
    return q.int64(0);
}

bool CacheReader::scanTrades(const std::string &symbol, TradeSource source, int64_t fromMs,
                             const std::function<bool(std::span<const Trade>)> &sink, QString *error, size_t chunk)
{
    const StoredSymbol *s = find(symbol);
    if (!s)
        return true;
    // Start at the first stored day that reaches fromMs (ids grow with time): no scan of older days.
    Statement first(db_.handle(), "SELECT min(first_id) FROM trade_days WHERE sym = ? AND src = ? AND last_ms >= ?");
    first.bind(1, s->id);
    first.bind(2, int64_t(source));
    first.bind(3, fromMs);
    if (!first.step())
        return failWith(first, error, false);
    if (first.isNull(0))
        return true;
    const int64_t fromId = first.int64(0);
    first = Statement();
    // One read transaction: the writer moving open rows into a block between the two reads
    // would otherwise hide them.
    struct ReadTxn {
        sqlite3 *db;
        bool on;
        ~ReadTxn()
        {
            if (on)
                execScript(db, "COMMIT", nullptr);
        }
    } txn{db_.handle(), execScript(db_.handle(), "BEGIN", error)};
    if (!txn.on)
        return false;
    const TradeBlockUnits units{s->priceUnit, s->qtyUnit};
    std::vector<Trade> buf;
    buf.reserve(chunk);
    bool started = false, stopped = false;
    auto take = [&](const Trade &t) {
        if (t.id < fromId)
            return true;
        // Before fromMs only while the stored day's start is skipped; a late trade after it stays.
        if (!started && t.timeMs < fromMs)
            return true;
        started = true;
        buf.push_back(t);
        if (buf.size() < chunk)
            return true;
        const bool more = sink(std::span<const Trade>(buf));
        buf.clear();
        stopped = !more;
        return more;
    };
    // Blocks first: every block id is below every open row's.
    TradeBlockStore blocks(db_.handle());
    const bool blocksOk = blocks.scan(s->id, int(source), units, fromId, [&](std::vector<Trade> &block) {
        for (const Trade &t : block)
            if (!take(t))
                return false;
        return true;
    });
    if (!blocksOk) {
        if (error)
            *error = blocks.error();
        return false;
    }
    if (stopped)
        return true;
    Statement q(db_.handle(), "SELECT id, t, p, q, s, pr, qr FROM trades WHERE sym = ? AND src = ? AND id >= ? ORDER BY id");
    q.bind(1, s->id);
    q.bind(2, int64_t(source));
    q.bind(3, fromId);
    while (q.step())
        if (!take(tradeFromRow(q, 0, units, source)))
            return true;
    if (!q.error().isEmpty())
        return failWith(q, error, false);
    if (!buf.empty())
        sink(std::span<const Trade>(buf));
    return true;
}

std::vector<StoredTradeDay> CacheReader::tradeDays(const std::string &symbol, QString *error)
{
    std::vector<StoredTradeDay> out;
    const StoredSymbol *s = find(symbol);
    if (!s)
        return out;
    Statement q(db_.handle(), "SELECT src, day, first_id, last_id, first_ms, last_ms FROM trade_days WHERE sym = ? "
                              "ORDER BY src, day");
    q.bind(1, s->id);
    while (q.step())
        out.push_back({TradeSource(q.int64(0)), q.int64(1), q.int64(2), q.int64(3), q.int64(4), q.int64(5)});
    if (!q.error().isEmpty())
        return failWith(q, error, std::vector<StoredTradeDay>());
    return out;
}

std::vector<int64_t> CacheReader::summaryDays(const std::string &symbol, const std::string &zone, QString *error)
{
    std::vector<int64_t> out;
    const StoredSymbol *s = find(symbol);
    if (!s)
        return out;
    Statement q(db_.handle(), "SELECT day FROM day_summaries WHERE sym = ? AND zone = ? ORDER BY day");
    q.bind(1, s->id);
    q.bind(2, zone);
    while (q.step())
        out.push_back(q.int64(0));
    if (!q.error().isEmpty())
        return failWith(q, error, std::vector<int64_t>());
    return out;
}

std::vector<Liquidation> CacheReader::liquidations(const std::string &symbol, int64_t fromMs, QString *error)
{
    return liquidationRange(symbol, fromMs, INT64_MAX, error);
}

std::vector<Liquidation> CacheReader::liquidationRange(const std::string &symbol, int64_t fromMs, int64_t toMs,
                                                       QString *error)
{
    std::vector<Liquidation> out;
    const StoredSymbol *s = find(symbol);
    if (!s)
        return out;
    Statement q(db_.handle(), "SELECT event_ms, trade_ms, side, price, avg_price, orig_qty, last_qty, filled_qty "
                              "FROM liquidations WHERE sym = ? AND trade_ms >= ? AND trade_ms < ? ORDER BY trade_ms, event_ms");
    q.bind(1, s->id);
    q.bind(2, fromMs);
    q.bind(3, toMs);
    while (q.step()) {
        Liquidation l;
        l.eventMs = q.int64(0);
        l.tradeMs = q.int64(1);
        l.side = q.int64(2) ? Side::Sell : Side::Buy;
        l.price = q.int64(3);
        l.avgPrice = q.int64(4);
        l.origQty = q.int64(5);
        l.lastFilledQty = q.int64(6);
        l.filledQty = q.int64(7);
        out.push_back(l);
    }
    if (!q.error().isEmpty())
        return failWith(q, error, std::vector<Liquidation>());
    return out;
}

std::optional<MarkPrice> CacheReader::lastMark(const std::string &symbol, QString *error)
{
    const StoredSymbol *s = find(symbol);
    if (!s)
        return std::nullopt;
    Statement q(db_.handle(), "SELECT t, mark, index_price, settle_price, funding_rate, next_funding_ms FROM marks "
                              "WHERE sym = ? ORDER BY t DESC LIMIT 1");
    q.bind(1, s->id);
    if (!q.step())
        return failWith(q, error, std::optional<MarkPrice>());
    MarkPrice m;
    m.eventMs = q.int64(0);
    m.markPrice = q.int64(1);
    m.indexPrice = q.int64(2);
    m.settlePrice = q.int64(3);
    m.fundingRate = q.int64(4);
    m.nextFundingMs = q.int64(5);
    return m;
}

std::vector<OpenInterest> CacheReader::openInterest(const std::string &symbol, int64_t fromMs, QString *error)
{
    std::vector<OpenInterest> out;
    const StoredSymbol *s = find(symbol);
    if (!s)
        return out;
    Statement q(db_.handle(), "SELECT t, oi, value_usdt FROM open_interest WHERE sym = ? AND t >= ? ORDER BY t");
    q.bind(1, s->id);
    q.bind(2, fromMs);
    while (q.step())
        out.push_back({q.int64(0), q.int64(1), q.int64(2)});
    if (!q.error().isEmpty())
        return failWith(q, error, std::vector<OpenInterest>());
    return out;
}

std::vector<FundingSettlement> CacheReader::fundingRates(const std::string &symbol, int64_t fromMs, int64_t toMs,
                                                         QString *error)
{
    std::vector<FundingSettlement> out;
    const StoredSymbol *s = find(symbol);
    if (!s)
        return out;
    Statement q(db_.handle(), kFundingSelectSql);
    q.bind(1, s->id);
    q.bind(2, fromMs);
    q.bind(3, toMs);
    while (q.step())
        out.push_back(readFundingRow(q));
    if (!q.error().isEmpty())
        return failWith(q, error, std::vector<FundingSettlement>());
    return out;
}

std::vector<HeatmapRow> CacheReader::heatmapRows(const std::string &symbol, int64_t fromMs, int64_t toMs, QString *error)
{
    std::vector<HeatmapRow> out;
    const StoredSymbol *s = find(symbol);
    if (!s)
        return out;
    Statement q(db_.handle(), kHeatmapSelectSql);
    q.bind(1, s->id);
    q.bind(2, fromMs);
    q.bind(3, toMs);
    while (q.step())
        if (auto row = readHeatmapRow(q))
            out.push_back(std::move(*row));
    if (!q.error().isEmpty())
        return failWith(q, error, std::vector<HeatmapRow>());
    return out;
}

std::vector<DepthRecord> CacheReader::depth(const std::string &symbol, int64_t fromMs, int64_t toMs, QString *error)
{
    std::vector<DepthRecord> out;
    const StoredSymbol *s = find(symbol);
    if (!s)
        return out;
    Statement q(db_.handle(), "SELECT t, ladder FROM depth_samples WHERE sym = ? AND t >= ? AND t < ? ORDER BY t");
    q.bind(1, s->id);
    q.bind(2, fromMs);
    q.bind(3, toMs);
    while (q.step()) {
        const std::string_view b = q.blob(1);
        out.push_back({q.int64(0), QByteArray(b.data(), qsizetype(b.size()))});
    }
    if (!q.error().isEmpty())
        return failWith(q, error, std::vector<DepthRecord>());
    return out;
}

std::vector<DaySummaryRecord> CacheReader::daySummaries(const std::string &symbol, const std::string &zone,
                                                        int64_t fromDay, bool withProfile, QString *error)
{
    std::vector<DaySummaryRecord> out;
    const StoredSymbol *s = find(symbol);
    if (!s)
        return out;
    Statement q(db_.handle(), "SELECT " + std::string(kSummaryColumns) +
                                  ", levels FROM day_summaries WHERE sym = ? AND zone = ? AND day >= ? ORDER BY day");
    Statement p(db_.handle(), "SELECT price, buy, sell, trades FROM day_profiles WHERE sym = ? AND zone = ? AND day = ? "
                              "ORDER BY price");
    q.bind(1, s->id);
    q.bind(2, zone);
    q.bind(3, fromDay);
    while (q.step()) {
        DaySummaryRecord d = summaryRow(q, symbol, zone);
        d.levels = decodeStoredLevels(q.text(9).toUtf8());
        if (withProfile) {
            p.bind(1, s->id);
            p.bind(2, zone);
            p.bind(3, d.day);
            while (p.step())
                d.profile.push_back({p.int64(0), p.int64(1), p.int64(2), p.int64(3)});
            if (!p.error().isEmpty())
                return failWith(p, error, std::vector<DaySummaryRecord>());
            p.reset();
        }
        out.push_back(std::move(d));
    }
    if (!q.error().isEmpty())
        return failWith(q, error, std::vector<DaySummaryRecord>());
    return out;
}

std::optional<DayHistory> CacheReader::dayHistory(const std::string &symbol, const std::string &zone,
                                                 int64_t beforeDay, int limit, QString *error)
{
    DayHistory h;
    const StoredSymbol *s = find(symbol);
    if (!s)
        return h;
    Statement q(db_.handle(), "SELECT " + std::string(kSummaryColumns) +
                                  " FROM day_summaries WHERE sym = ? AND zone = ? AND day < ? ORDER BY day DESC LIMIT ?");
    q.bind(1, s->id);
    q.bind(2, zone);
    q.bind(3, beforeDay);
    q.bind(4, int64_t(std::max(0, limit)));
    while (q.step())
        h.days.push_back(summaryRow(q, symbol, zone));
    if (!q.error().isEmpty())
        return failWith(q, error, std::optional<DayHistory>());
    std::reverse(h.days.begin(), h.days.end());
    Statement sum(db_.handle(), "SELECT ifnull(sum(delta), 0) FROM day_summaries WHERE sym = ? AND zone = ? AND day < ?");
    sum.bind(1, s->id);
    sum.bind(2, zone);
    sum.bind(3, beforeDay);
    if (!sum.step())
        return failWith(sum, error, std::optional<DayHistory>());
    h.cvdBefore = sum.int64(0);
    return h;
}

} // namespace co
