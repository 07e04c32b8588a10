#include "cache/ArchiveImporter.h"

#include "archive/AggTradeFile.h"
#include "cache/CachedReplay.h"
#include "cache/DaySummaries.h"
#include "archive/Sha256.h"
#include "model/Fixed.h"
#include "storage/CacheReader.h"

#include <algorithm>
#include <future>

namespace co {

ArchiveImporter::ArchiveImporter(Options options) : options_(std::move(options)), sink_(options_.dbPath) {}

ArchiveImporter::~ArchiveImporter() = default;

bool ArchiveImporter::open(QString *error)
{
    if (!sink_.start(error))
        return false;
    reader_ = std::make_unique<CacheReader>();
    return reader_->open(options_.dbPath, error);
}

std::optional<QString> ArchiveImporter::importedSha(const QString &name, QString *error)
{
    if (auto f = sink_.ledger(name, error))
        return f->sha256;
    return std::nullopt;
}

void ArchiveImporter::breakContinuity(const QString &symbol) { engines_.erase(symbol); }

MarketEngine &ArchiveImporter::engineFor(const QString &symbol, const std::vector<Trade> &first, TickSource *source)
{
    auto &slot = engines_[symbol];
    if (!slot) {
        // The grid: the cached one, else the greatest common step of the first rows' prices.
        SymbolInfo info = reader_->cachedGrid(symbol.toStdString()).value_or(SymbolInfo{});
        info.name = symbol.toStdString();
        if (info.tickSize <= 0) {
            int64_t g = 0;
            for (const Trade &t : first)
                g = gcd64(g, t.price);
            info.tickSize = g;
            info.tickSource = TickSource::Inferred;
        }
        slot = std::make_unique<MarketEngine>(info, options_.engine);
        slot->setLive(false, "archive");
        ImportSink *sink = &sink_;
        slot->onDayClosing = [sink](const SnapshotPtr &s) {
            if (auto r = summarizeToday(*s))
                sink->addSummary(std::move(*r));
        };
    }
    *source = slot->symbol().tickSource;
    return *slot;
}

void ArchiveImporter::preloadPriorDay(MarketEngine &engine, int64_t firstTradeMs)
{
    // A fresh engine gets the stored prior day (and this day's earlier trades), so the summary
    // has its prior-day levels even when that day was imported in an earlier run; the days before
    // come from their summaries (naked POCs, cumulative delta).
    const ZoneClock clock(options_.engine.dayZone);
    CachedReplay r;
    r.symbol = engine.symbol().name;
    r.fromMs = clock.dayStartUtc(clock.localDay(firstTradeMs) - 1);
    r.untilMs = firstTradeMs;
    r.zone = clock.id();
    r.dayZone = options_.engine.dayZone;
    r.cacheDays = engine.config().cacheDays;
    replayCached(
        *reader_, r, [&](DayHistory &&h) { seedEngine(engine, h); },
        [&](std::span<const Trade> trades) {
            for (const Trade &t : trades)
                engine.onTrade(t);
            return true;
        });
}

ImportResult ArchiveImporter::import(const ImportFile &file, const Progress &progress)
{
    ImportResult r;
    auto failed = [&](const QString &why) {
        r.status = ImportResult::Status::Failed;
        r.message = why;
        return r;
    };
    QString why;
    if (cancelled()) {
        r.status = ImportResult::Status::Cancelled;
        r.message = file.name + ": cancelled before it started";
        return r;
    }
    const std::optional<QString> stored = importedSha(file.name, &why);
    if (!why.isEmpty())
        return failed(why);
    // Checksum: given (archive), or needed now to compare with the ledger, or computed meanwhile.
    QString sha = file.sha256.toLower();
    if (sha.isEmpty() && stored) {
        sha = Sha256::ofFile(file.path, &why);
        if (sha.isEmpty())
            return failed(file.name + ": " + why);
    }
    if (stored && *stored == sha) {
        r.status = ImportResult::Status::AlreadyImported;
        r.message = file.name + ": already imported (sha256 " + sha.left(12) + "…)";
        breakContinuity(file.symbol);
        return r;
    }
    if (stored) {
        r.status = ImportResult::Status::ChecksumChanged;
        r.message = file.name + ": the file changed since it was imported (sha256 was " + *stored + ", now " + sha +
                    "); not re-imported — the stored rows stay";
        breakContinuity(file.symbol);
        return r;
    }
    AggTradeFile in;
    if (!in.open(file.path, &why))
        return failed(why);
    // The checksum when none came with the file: a CSV in the same pass as its rows, a zip
    // (read through the inflater) on a thread of its own.
    std::future<QString> hashing;
    Sha256 csvHash;
    if (sha.isEmpty() && in.isZip())
        hashing = std::async(std::launch::async, [path = file.path] { return Sha256::ofFile(path); });
    else if (sha.isEmpty())
        in.hashAsRead(&csvHash);
    std::vector<Trade> chunk;
    const size_t chunkRows = std::max<size_t>(1, options_.chunkRows);
    chunk.reserve(chunkRows);
    MarketEngine *engine = nullptr;
    int64_t lastId = 0;
    bool ok = true;
    while (ok) {
        chunk.clear();
        ok = in.read(chunk, chunkRows);
        if (chunk.empty())
            break;
        if (!engine) {
            TickSource ts;
            const bool fresh = engines_.find(file.symbol) == engines_.end();
            engine = &engineFor(file.symbol, chunk, &ts);
            if (fresh)
                preloadPriorDay(*engine, chunk.front().timeMs);
            // The stored quantity unit: the step, else the greatest common step of these rows.
            SymbolInfo info = engine->symbol();
            if (info.stepSize <= 0)
                for (const Trade &t : chunk)
                    info.stepSize = gcd64(info.stepSize, t.qty);
            sink_.beginFile(info, chunk.front().price, chunk.front().qty);
            r.firstId = chunk.front().id;
        }
        for (const Trade &t : chunk) {
            if (r.rows > 0 && t.id != lastId + 1) {
                if (t.id <= lastId)
                    ++r.outOfOrder;
                else
                    ++r.gaps;
            }
            lastId = std::max(lastId, t.id);
            ++r.rows;
            engine->onTrade(t);
        }
        sink_.addTrades(chunk);
        if (progress)
            progress(in.bytesRead(), in.bytesTotal(), r.rows);
        if (sink_.failed() || cancelled())
            break;
    }
    r.lastId = lastId;
    if (hashing.valid())
        sha = hashing.get();
    else if (sha.isEmpty() && in.atEnd())
        sha = csvHash.hex();
    if (cancelled()) {
        if (engine)
            sink_.rollbackFile();
        breakContinuity(file.symbol); // its days saw part of a file
        r.status = ImportResult::Status::Cancelled;
        r.message = QStringLiteral("%1: cancelled after %2 trades — rolled back, nothing of this file was imported")
                        .arg(file.name)
                        .arg(r.rows);
        return r;
    }
    // A storage failure stopped the reading early: the commit below refuses and names it.
    const bool storageFailed = engine && sink_.failed();
    if (!in.error().isEmpty() || (sha.isEmpty() && !storageFailed) || !engine) {
        if (engine)
            sink_.rollbackFile();
        breakContinuity(file.symbol); // its days saw part of a file
        if (!in.error().isEmpty())
            return failed(in.error() + " — nothing of this file was imported");
        return failed(file.name + (engine ? ": cannot compute its sha256" : ": no trades in the file"));
    }
    // The day so far (complete for a daily UTC file); rewritten when the day closes later.
    if (auto d = summarizeToday(*engine->publish()))
        sink_.addSummary(std::move(*d));
    ImportedFile f;
    f.name = file.name;
    f.sha256 = sha;
    f.origin = file.origin;
    f.rows = r.rows;
    f.firstId = r.firstId;
    f.lastId = r.lastId;
    why = sink_.commitFile(f);
    if (!why.isEmpty()) {
        breakContinuity(file.symbol);
        return failed(file.name + ": " + why + " — nothing of this file was imported");
    }
    r.status = ImportResult::Status::Imported;
    r.message = QStringLiteral("%1: %2 trades, ids %3–%4").arg(file.name).arg(r.rows).arg(r.firstId).arg(r.lastId);
    if (r.gaps)
        r.message += QStringLiteral(", %1 id gaps").arg(r.gaps);
    if (r.outOfOrder)
        r.message += QStringLiteral(", %1 rows out of id order (not in the indicators)").arg(r.outOfOrder);
    return r;
}

int64_t ArchiveImporter::finish(QString *error) { return sink_.retain(options_.cacheDays, error); }

} // namespace co
