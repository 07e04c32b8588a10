#include "storage/TradeWriter.h"

#include "storage/Log.h"
#include "storage/RecordInserter.h"
#include "storage/Retention.h"
#include "storage/SymbolTable.h"
#include "storage/TradeBlockStore.h"
#include "storage/TradeInserter.h"
#include "worker/WorkerStart.h"

#include <QDateTime>

#include <algorithm>
#include <memory>
#include <span>

namespace co {

namespace {
using Clock = std::chrono::steady_clock;
constexpr int kSealBlocksPerStep = 16; // ~65 k trades: a short transaction between batches

int64_t msSince(Clock::time_point t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

// Everything the writer thread owns: its connection and prepared statements.
struct WriterState {
    Database db;
    std::unique_ptr<SymbolTable> symbols;
    std::unique_ptr<TradeInserter> trades;
    std::unique_ptr<RecordInserter> records;
    std::vector<std::vector<Trade>> bySymbol; // per symbol index, reused between batches

    ~WriterState()
    {
        // Statements go before the connection closes.
        records.reset();
        trades.reset();
    }
};

// One transaction: the batch's trades grouped by symbol (multi-row inserts), then the records.
bool commitBatch(WriterState &w, const std::vector<SymbolInfo> &infos,
                 const std::vector<std::pair<uint32_t, Trade>> &trades,
                 const std::vector<std::pair<uint32_t, TradeWriter::Record>> &records,
                 QString *error)
{
    if (w.bySymbol.size() < infos.size())
        w.bySymbol.resize(infos.size());
    for (auto &v : w.bySymbol)
        v.clear();
    for (const auto &[sym, t] : trades)
        w.bySymbol[sym].push_back(t);
    if (!w.db.begin(error))
        return false;
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        w.db.rollback();
        w.trades->discard();
        w.symbols->load(nullptr); // rows added in the rolled back transaction are gone
        return false;
    };
    // Symbols first: a record may be the first thing stored for its symbol.
    std::vector<const StoredSymbol *> stored(infos.size(), nullptr);
    auto storedFor = [&](uint32_t sym, int64_t price, int64_t qty) -> const StoredSymbol * {
        if (!stored[sym]) {
            QString why;
            stored[sym] = w.symbols->ensure(infos[sym], price, qty, &why);
            if (!stored[sym] && error)
                *error = why;
        }
        return stored[sym];
    };
    for (uint32_t sym = 0; sym < w.bySymbol.size(); ++sym) {
        const std::vector<Trade> &v = w.bySymbol[sym];
        if (v.empty())
            continue;
        const StoredSymbol *s = storedFor(sym, v.front().price, v.front().qty);
        if (!s)
            return fail(error ? *error : QString());
        if (!w.trades->add(*s, std::span<const Trade>(v)))
            return fail(w.trades->error());
    }
    for (const auto &[sym, rec] : records) {
        const StoredSymbol *s = storedFor(sym, 0, 0);
        if (!s)
            return fail(error ? *error : QString());
        const bool ok = std::visit(
            [&](const auto &r) {
                using T = std::decay_t<decltype(r)>;
                if constexpr (std::is_same_v<T, Liquidation>)
                    return w.records->liquidation(s->id, r);
                else if constexpr (std::is_same_v<T, MarkPrice>)
                    return w.records->mark(s->id, r);
                else if constexpr (std::is_same_v<T, OpenInterest>)
                    return w.records->openInterest(s->id, r);
                else if constexpr (std::is_same_v<T, FundingSettlement>)
                    return w.records->funding(s->id, r);
                else if constexpr (std::is_same_v<T, HeatmapRow>)
                    return w.records->heatmap(s->id, r);
                else if constexpr (std::is_same_v<T, DepthRecord>)
                    return w.records->depth(s->id, r);
                else
                    return w.records->daySummary(s->id, r);
            },
            rec);
        if (!ok)
            return fail(w.records->error());
    }
    if (!w.trades->finishTransaction())
        return fail(w.trades->error());
    QString why;
    if (!w.db.commit(&why))
        return fail(why);
    return true;
}
} // namespace

TradeWriter::TradeWriter(QString path, Options options)
    : path_(std::move(path)), options_(options), queue_(options.maxPendingRows)
{
}

TradeWriter::~TradeWriter() { stop(); }

bool TradeWriter::start(QString *error)
{
    return startWorker(thread_, [this](std::promise<QString> *opened) { run(opened); }, error);
}

void TradeWriter::stop()
{
    queue_.close(); // the writer commits what is queued, then ends
    if (thread_.joinable())
        thread_.join();
}

uint32_t TradeWriter::symbol(const SymbolInfo &info)
{
    std::lock_guard lock(mutex_);
    for (uint32_t i = 0; i < symbols_.size(); ++i)
        if (symbols_[i].name == info.name) {
            symbols_[i] = info;
            return i;
        }
    symbols_.push_back(info);
    return uint32_t(symbols_.size() - 1);
}

void TradeWriter::add(Item item)
{
    Clock::duration waited{};
    queue_.push(std::move(item), &waited);
    if (waited > Clock::duration::zero()) {
        std::lock_guard lock(mutex_);
        stats_.blockedMs += std::chrono::duration_cast<std::chrono::milliseconds>(waited).count();
    }
}

void TradeWriter::addTrade(uint32_t symbol, const Trade &t) { add({symbol, t, nullptr, nullptr}); }
void TradeWriter::addLiquidation(uint32_t symbol, const Liquidation &l)
{
    add({symbol, {}, std::make_shared<Record>(l), nullptr});
}
void TradeWriter::addMark(uint32_t symbol, const MarkPrice &m) { add({symbol, {}, std::make_shared<Record>(m), nullptr}); }
void TradeWriter::addOpenInterest(uint32_t symbol, const OpenInterest &oi)
{
    add({symbol, {}, std::make_shared<Record>(oi), nullptr});
}
void TradeWriter::addFunding(uint32_t symbol, const FundingSettlement &f)
{
    add({symbol, {}, std::make_shared<Record>(f), nullptr});
}
void TradeWriter::addHeatmapRow(uint32_t symbol, HeatmapRow row)
{
    add({symbol, {}, std::make_shared<Record>(std::move(row)), nullptr});
}
void TradeWriter::addDepth(uint32_t symbol, DepthRecord d)
{
    add({symbol, {}, std::make_shared<Record>(std::move(d)), nullptr});
}
void TradeWriter::addDaySummary(uint32_t symbol, DaySummaryRecord d)
{
    add({symbol, {}, std::make_shared<Record>(std::move(d)), nullptr});
}

bool TradeWriter::flush(int timeoutMs)
{
    auto flushed = std::make_shared<std::promise<void>>();
    std::future<void> done = flushed->get_future();
    if (!thread_.joinable() || !queue_.pushUrgent({0, {}, nullptr, flushed}))
        return queue_.size() == 0;
    if (timeoutMs < 0) {
        done.wait();
        return true;
    }
    return done.wait_for(std::chrono::milliseconds(timeoutMs)) == std::future_status::ready;
}

TradeWriter::Stats TradeWriter::stats() const
{
    std::lock_guard lock(mutex_);
    Stats s = stats_;
    s.pending = queue_.size();
    return s;
}

std::optional<StoredTrade> TradeWriter::lastCommitted(const std::string &symbol) const
{
    std::lock_guard lock(mutex_);
    auto it = last_.find(symbol);
    return it == last_.end() ? std::nullopt : std::optional(it->second);
}

void TradeWriter::run(std::promise<QString> *opened)
{
    WriterState w;
    {
        Database::Options o;
        o.durability = options_.durability;
        QString why;
        if (!w.db.open(path_, o, &why)) {
            opened->set_value(why);
            return;
        }
        w.symbols = std::make_unique<SymbolTable>(w.db.handle());
        w.trades = std::make_unique<TradeInserter>(w.db.handle());
        w.records = std::make_unique<RecordInserter>(w.db.handle());
        if (!w.symbols->load(&why) || !w.trades->error().isEmpty() || !w.records->error().isEmpty()) {
            if (why.isEmpty())
                why = !w.trades->error().isEmpty() ? w.trades->error() : w.records->error();
            opened->set_value("cache database " + path_ + ": " + why);
            return;
        }
        opened->set_value(QString());
    }

    auto nextRetention = Clock::now(); // once at start, then every retentionEveryMs
    int64_t retainedThisRun = 0;
    // Open rows of a cache written before schema 4 are sealed into blocks between batches, a
    // few blocks per transaction, until none is left (readers see them either way).
    bool sealing = true;
    // Its progress (an older cache's rows: /healthz, the GUI, the log every 10 %).
    int64_t convertTotal = 0, convertDone = 0, convertLogged = 0;
    const auto convertStart = Clock::now();
    auto convertProgress = [&](int64_t sealed, bool more) {
        if (sealed == 0 && convertTotal == 0)
            return; // nothing of an older cache (a current one has less than a block per series open)
        if (convertTotal == 0) {
            Statement c(w.db.handle(), "SELECT count(*) FROM trades"); // once: what is left
            convertTotal = sealed + (c.step() ? c.int64(0) : 0);
            qCInfo(lcStorage) << "converting" << convertTotal << "trade rows of an older cache into compact blocks";
        }
        convertDone = more ? std::min(convertTotal, convertDone + sealed) : convertTotal;
        const int64_t tenth = convertDone * 10 / std::max<int64_t>(1, convertTotal);
        if (!more)
            qCInfo(lcStorage) << "converted the older cache's trade rows into blocks in" << msSince(convertStart) << "ms";
        else if (tenth > convertLogged)
            qCInfo(lcStorage) << "converting trade rows into blocks:" << convertDone << "of" << convertTotal;
        convertLogged = tenth;
        std::lock_guard lock(mutex_);
        stats_.convertRows = convertTotal;
        stats_.convertedRows = convertDone;
    };
    std::vector<Item> items;
    std::vector<std::pair<uint32_t, Trade>> trades;
    std::vector<std::pair<uint32_t, Record>> records;
    std::vector<std::shared_ptr<std::promise<void>>> flushes;
    std::vector<SymbolInfo> infos;
    // A batch every batchMs or batchRows (a flush at once); retention between batches.
    while (queue_.take(items, size_t(options_.batchRows), std::chrono::milliseconds(options_.batchMs),
                       sealing ? Clock::now() : nextRetention)) {
        for (Item &it : items) {
            if (it.flushed)
                flushes.push_back(std::move(it.flushed));
            else if (it.record)
                records.emplace_back(it.symbol, std::move(*it.record));
            else
                trades.emplace_back(it.symbol, it.trade);
        }
        items.clear();
        {
            std::lock_guard lock(mutex_);
            infos = symbols_;
        }
        if (!trades.empty() || !records.empty()) {
            const auto t0 = Clock::now();
            QString why;
            bool ok = false;
            for (int attempt = 1; attempt <= options_.maxAttempts && !ok; ++attempt) {
                ok = commitBatch(w, infos, trades, records, &why);
                if (!ok) {
                    qCWarning(lcStorage) << "cache write failed (attempt" << attempt << "):" << why;
                    if (attempt < options_.maxAttempts)
                        std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt));
                }
            }
            const int64_t took = msSince(t0);
            std::lock_guard lock(mutex_);
            if (ok) {
                stats_.trades += trades.size();
                stats_.records += records.size();
                ++stats_.batches;
                stats_.lastCommitMs = QDateTime::currentMSecsSinceEpoch();
                stats_.maxCommitMs = std::max(stats_.maxCommitMs, took);
                for (const auto &[sym, t] : trades) {
                    StoredTrade &l = last_[infos[sym].name];
                    if (t.source != l.source ? t.timeMs >= l.timeMs : t.id > l.id)
                        l = {t.source, t.id, t.timeMs};
                }
            } else {
                stats_.dropped += trades.size() + records.size();
                stats_.lastError = why;
            }
            trades.clear();
            records.clear();
        }
        for (auto &f : flushes)
            f->set_value();
        flushes.clear();
        if (sealing) {
            QString why;
            bool more = false;
            int64_t sealed = 0;
            if (!w.db.begin(&why) || !sealOpenRows(w.db.handle(), kSealBlocksPerStep, &more, &why, &sealed) ||
                !w.db.commit(&why)) {
                w.db.rollback();
                qCWarning(lcStorage) << "sealing trade rows into blocks failed:" << why;
                more = false; // tried again at the next start
            }
            convertProgress(sealed, more);
            sealing = more;
        }
        if (Clock::now() >= nextRetention) {
            RetentionResult r;
            QString why;
            if (!runRetentionChunk(w.db.handle(), options_.cacheDays, options_.retentionChunkRows, r, &why)) {
                qCWarning(lcStorage) << "retention failed:" << why;
                nextRetention = Clock::now() + std::chrono::milliseconds(options_.retentionEveryMs);
            } else {
                retainedThisRun += r.trades;
                {
                    std::lock_guard lock(mutex_);
                    stats_.retained += uint64_t(r.trades);
                }
                if (!r.more) {
                    if (retainedThisRun > 0)
                        qCInfo(lcStorage) << "retention: deleted" << retainedThisRun << "trades older than"
                                          << options_.cacheDays << "days";
                    retainedThisRun = 0;
                    nextRetention = Clock::now() + std::chrono::milliseconds(options_.retentionEveryMs);
                }
            }
        }
    }
}

} // namespace co
