// bench_import part 1: a day of CSV imported, against wc -l and the program's own commands.
#include "ImportData.h"

#include "archive/AggTradeFile.h"
#include "cache/ArchiveImporter.h"
#include "cache/DayRebuild.h"
#include "cache/RebuiltDayRecord.h"
#include "engine/MarketEngine.h"
#include "model/Time.h"
#include "storage/CacheReader.h"
#include "storage/Database.h"
#include "storage/RebuiltDayStore.h"
#include "storage/RecordInserter.h"
#include "storage/Sqlite.h"
#include "storage/SymbolTable.h"
#include "storage/TradeInserter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>


#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <variant>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <vector>

#ifndef CO_BENCH_DEFAULT_DATA_DIR
#define CO_BENCH_DEFAULT_DATA_DIR "../shared/data/binance"
#endif


namespace co::bench {

// ---------------------------------------------------------------------------------------------

// The program's own commands on the same file, in the same round: `import` against
// `report --replay` (parse + every indicator), the issue 16 target import <= 1.0x report.
double commandSeconds(const QString &app, const QStringList &args)
{
    QElapsedTimer w;
    w.start();
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.setStandardOutputFile(QProcess::nullDevice());
    p.start(app, args);
    if (!p.waitForFinished(-1) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "bench_import: %s %s failed\n", qPrintable(app), qPrintable(args.join(' ')));
        std::exit(1);
    }
    return double(w.nsecsElapsed()) / 1e9;
}

int benchImport(const std::vector<Src> &clip, int64_t rows, int rounds, const QTemporaryDir &tmp, const QString &app)
{
    const QString csv = tmp.filePath("BTCUSDT-aggTrades-2024-08-09.csv");
    CsvFacts facts;
    QElapsedTimer gen;
    gen.start();
    if (!writeCsv(csv, DayGen(clip, rows, kDay0, 2'300'000'000), facts)) {
        std::fprintf(stderr, "bench_import: cannot write %s\n", qPrintable(csv));
        return 1;
    }
    std::printf("== import: one day of aggTrades CSV ==\n%lld rows, %.1f MB (%s), generated in %.1f s\n",
                static_cast<long long>(facts.rows), double(facts.bytes) / 1e6, qPrintable(csv),
                double(gen.elapsed()) / 1000);
    EngineConfig engine;
    Timing wc, imp, parse, indicators, sqlite, reportCmd, importCmd, rebuild, blockScan, kept;
    for (int r = 0; r < rounds; ++r) {
        wc.add(wcSeconds(csv), 0);
        reportCmd.add(commandSeconds(app, {"report", "--replay", csv, "--symbol", "BTCUSDT"}), 0);
        const QString cmdDb = tmp.filePath(QStringLiteral("command-%1.sqlite").arg(r));
        importCmd.add(commandSeconds(app, {"import", "--file", csv, "--cache-db-path", cmdDb}), 0);
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(cmdDb + suffix);
        // The import as the command runs it, into a fresh cache.
        const QString db = tmp.filePath(QStringLiteral("import-%1.sqlite").arg(r));
        ImportResult res;
        timeIt(imp, [&] {
            ArchiveImporter::Options o;
            o.dbPath = db;
            o.engine = engine;
            o.cacheDays = 7;
            ArchiveImporter importer(o);
            QString error;
            if (!importer.open(&error)) {
                std::fprintf(stderr, "bench_import: %s\n", qPrintable(error));
                std::exit(1);
            }
            ImportFile f;
            f.path = csv;
            f.name = QFileInfo(csv).fileName();
            f.origin = csv;
            f.symbol = "BTCUSDT";
            res = importer.import(f);
            importer.finish(&error);
        });
        if (res.status != ImportResult::Status::Imported) {
            std::fprintf(stderr, "bench_import: import failed: %s\n", qPrintable(res.message));
            return 1;
        }
        // Read back as every reader does (blocks, then open rows).
        int64_t stored = 0, qty = 0;
        {
            CacheReader reader;
            QString why;
            if (!reader.open(db, &why) ||
                !reader.scanTrades("BTCUSDT", TradeSource::AggTrade, 0,
                                   [&](std::span<const Trade> ts) {
                                       for (const Trade &t : ts)
                                           qty += t.qty;
                                       stored += int64_t(ts.size());
                                       return true;
                                   },
                                   &why))
                std::fprintf(stderr, "bench_import: %s\n", qPrintable(why));
        }
        if (r == 0)
            std::printf("cache after import: %.1f MB (%.2f bytes per trade)\n",
                        double(QFileInfo(db).size() + QFileInfo(db + "-wal").size()) / 1e6,
                        double(QFileInfo(db).size() + QFileInfo(db + "-wal").size()) / double(std::max<int64_t>(1, stored)));
        if (stored != facts.rows || qty != facts.qty) {
            std::fprintf(stderr, "bench_import: WRONG: stored %lld rows / qty %lld, generated %lld / %lld\n",
                         static_cast<long long>(stored), static_cast<long long>(qty),
                         static_cast<long long>(facts.rows), static_cast<long long>(facts.qty));
            return 1;
        }
        // The stored day's first answer: key levels rebuilt from the blocks (DayRebuild, as
        // get_key_levels does for a day the engines do not hold), and the block scan alone.
        {
            CacheReader reader;
            QString why;
            reader.open(db, &why);
            std::atomic<bool> cancel{false};
            bool rebuilt = false;
            std::optional<HistoryDay> first;
            timeIt(rebuild, [&] {
                const auto day = rebuildDay(reader, engine, HistoryRequest{"BTCUSDT", kDay0 / kDayMs, "UTC"}, cancel);
                const auto *d = std::get_if<HistoryDay>(&day);
                rebuilt = d && d->snapshot;
                if (rebuilt)
                    first = *d;
            });
            if (!rebuilt)
                std::fprintf(stderr, "bench_import: the stored day was not rebuilt\n");
            // Later answers (after a restart too): the day's record kept in rebuilt_days, read back.
            RebuiltDayStore store;
            const RebuiltDayKey key{"BTCUSDT", "UTC", kDay0 / kDayMs, rebuildSettingsKey(engine)};
            if (first && store.open(db, &why) && store.save(key, kDay0, kDay0 + kDayMs, rebuiltDayRecord(*first), &why)) {
                size_t bars = 0;
                timeIt(kept, [&] {
                    const auto r = store.load(key);
                    bars = r ? historyDayOf(*r, engine).snapshot->today->minuteBars.size() : 0;
                });
                if (bars != first->snapshot->today->minuteBars.size())
                    std::fprintf(stderr, "bench_import: the kept record read back wrong\n");
            }
            int64_t scanned = 0;
            timeIt(blockScan, [&] {
                reader.scanTrades("BTCUSDT", TradeSource::AggTrade, 0,
                                  [&](std::span<const Trade> ts) {
                                      scanned += int64_t(ts.size());
                                      return true;
                                  },
                                  &why, 16384);
            });
        }
        QFile::remove(db);
        QFile::remove(db + "-wal");
        QFile::remove(db + "-shm");

        // The parts alone.
        std::vector<Trade> all;
        all.reserve(size_t(rows));
        timeIt(parse, [&] {
            AggTradeFile in;
            in.open(csv, nullptr);
            while (in.read(all, 65'536)) {
            }
        });
        timeIt(indicators, [&] {
            SymbolInfo info;
            info.name = "BTCUSDT";
            info.tickSize = 10'000'000;
            info.tickSource = TickSource::ExchangeInfo;
            MarketEngine e(info, engine);
            for (const Trade &t : all)
                e.onTrade(t);
            if (e.tradesApplied() != uint64_t(rows))
                std::exit(1);
        });
        const QString db2 = tmp.filePath(QStringLiteral("inserts-%1.sqlite").arg(r));
        timeIt(sqlite, [&] {
            Database d;
            Database::Options o;
            o.cacheKiB = 64 * 1024;
            d.open(db2, o, nullptr);
            SymbolTable symbols(d.handle());
            SymbolInfo info;
            info.name = "BTCUSDT";
            info.tickSize = 10'000'000;
            info.stepSize = 100'000;
            d.begin(nullptr);
            const StoredSymbol *s = symbols.ensure(info, 0, 0, nullptr);
            {
                TradeInserter ins(d.handle());
                ins.add(*s, std::span<const Trade>(all));
                ins.finishTransaction();
            }
            d.commit(nullptr);
        });
        QFile::remove(db2);
        QFile::remove(db2 + "-wal");
        QFile::remove(db2 + "-shm");
    }
    const double rps = double(rows) / imp.best();
    const double vsWc = imp.best() / wc.best();
    std::printf("\n%-46s %9s %9s %12s %9s\n", "loop (best of rounds)", "best s", "median s", "rows/s", "cpu s");
    auto line = [&](const char *name, const Timing &t, bool withCpu) {
        std::printf("%-46s %9.3f %9.3f %12s %9s\n", name, t.best(), t.median(), qPrintable(mps(double(rows), t.best())),
                    withCpu ? qPrintable(QString::number(t.bestCpu(), 'f', 2)) : "");
    };
    line("wc -l", wc, false);
    line("import: parse + indicators + SQLite (+sha256)", imp, true);
    line("  parse only (AggTradeFile)", parse, true);
    line("  indicators only (MarketEngine)", indicators, true);
    line("  SQLite inserts only (one transaction)", sqlite, true);
    line("crypto-orderflow report --replay (baseline)", reportCmd, false);
    line("crypto-orderflow import --file", importCmd, false);
    line("stored day rebuilt from blocks (DayRebuild)", rebuild, true);
    line("  block scan alone (CacheReader::scanTrades)", blockScan, true);
    if (!kept.wall.empty())
        line("stored day read back (rebuilt_days record)", kept, true);
    const double vsReport = importCmd.best() / reportCmd.best();
    const double rebuildVsReport = rebuild.best() / reportCmd.best();
    std::printf("\ntargets:\n  >= 2 M rows/s                : %s  %s\n  <= 3x wc -l                  : %.1fx  %s\n",
                qPrintable(mps(double(rows), imp.best())), rps >= kTargetRowsPerSec ? "PASS" : "MISS", vsWc,
                vsWc <= kTargetVsWc ? "PASS" : "MISS");
    std::printf("  import <= 1.0x report --replay : %.2fx  %s\n", vsReport, vsReport <= 1.0 ? "PASS" : "MISS");
    std::printf("  stored day <= 0.3x report       : %.2fx  %s (rebuild in process; report includes process start)\n",
                rebuildVsReport, rebuildVsReport <= 0.3 ? "PASS" : "MISS");
    if (!kept.wall.empty())
        std::printf("  stored day kept (later answers): %.3fx report\n", kept.best() / reportCmd.best());
    std::printf("  (import cpu %.2f s over %.2f s wall: %.2f cores busy)\n", imp.bestCpu(), imp.best(),
                imp.bestCpu() / imp.best());
    return 0;
}

} // namespace co::bench
