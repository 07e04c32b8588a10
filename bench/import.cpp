// bench_import: the SQLite cache under load, in two parts.
//
// 1. Import: one day of Binance aggTrades CSV (default 2.5 M rows, a busy BTCUSDT day) through
//    the real import path (co::ArchiveImporter: AggTradeFile parsing → MarketEngine indicators
//    and day summary → SQLite in one transaction, sha256 for the ledger), next to `wc -l` on the
//    same file in the same run. Targets: >= 2 M rows/s and <= 3x the wc -l time. The parts are
//    timed alone too (parse only, parse + indicators, SQLite inserts only) to show where it goes.
//    The CSV is generated from the recorded trades of hftbacktest/btcusdt_20240808.gz (21 313
//    trades, prices and quantities as recorded), repeated with consecutive ids and times spread
//    over the UTC day 2024-08-09.
//    In the same rounds (issue 16): the program's `import --file` against its `report --replay`
//    on the same CSV (target import <= 1.0x report), and the stored day's key levels and
//    footprint rebuilt from the trade blocks (DayRebuild) against that report (target <= 0.3x).
// 2. Start-up with 2 symbols x 7 days stored (BTCUSDT 2 M and ETHUSDT 1 M trades a day by
//    default): the real program (crypto-orderflow --headless --offline) is started on that
//    cache; measured are the times to "restore started", to the first /healthz answer and to
//    "restored", and the resident memory (peak and after the restore). Targets: /healthz <= 1 s,
//    RSS <= 150 MB.
//
// A benchmark, not a test: exit 0 whatever the speed (PASS/MISS per target), 0 with SKIP when
// the data file is absent, non-zero when a result is wrong (rows or volume differ from the
// generator's) or on bad arguments.
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

#include <zlib.h>

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

using namespace co;

namespace {

constexpr double kTargetRowsPerSec = 2.0e6;
constexpr double kTargetVsWc = 3.0;
constexpr qint64 kTargetHealthzMs = 1000;
constexpr qint64 kTargetRssKb = 150 * 1024;
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kDay0 = 19'944LL * kDayMs; // 2024-08-09 00:00 UTC

struct Src {
    int64_t time = 0, qtyUnits = 0;
    std::string price, qty;
    bool buyerMaker = false;
};

// "0.006" → 600000 (1e-8 units), independently of the code under test.
int64_t units(const std::string &s)
{
    const size_t dot = s.find('.');
    std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
    frac.resize(8, '0');
    return std::stoll(s.substr(0, dot)) * 100'000'000 + std::stoll(frac);
}

std::vector<Src> loadRecorded(const QString &path)
{
    std::vector<Src> out;
    gzFile f = gzopen(path.toLocal8Bit().constData(), "rb");
    if (!f)
        return out;
    QByteArray all;
    char buf[1 << 16];
    for (int n; (n = gzread(f, buf, sizeof buf)) > 0;)
        all.append(buf, n);
    gzclose(f);
    for (const QByteArray &line : all.split('\n')) {
        const int sp = line.indexOf(' ');
        if (sp < 0 || !line.contains("\"e\":\"trade\""))
            continue;
        const QJsonObject d = QJsonDocument::fromJson(line.mid(sp + 1)).object().value("data").toObject();
        Src s;
        s.time = int64_t(d.value("T").toDouble());
        s.price = d.value("p").toString().toStdString();
        s.qty = d.value("q").toString().toStdString();
        s.qtyUnits = units(s.qty);
        s.buyerMaker = d.value("m").toBool();
        out.push_back(std::move(s));
    }
    return out;
}

// Row k of a day made of the clip repeated: consecutive ids, times spread over the day.
struct DayGen {
    const std::vector<Src> &clip;
    int64_t rows, dayStart, firstId;
    int64_t span = 0, reps = 0;
    DayGen(const std::vector<Src> &c, int64_t n, int64_t day, int64_t id) : clip(c), rows(n), dayStart(day), firstId(id)
    {
        span = clip.back().time - clip.front().time + 1;
        reps = (rows + int64_t(clip.size()) - 1) / int64_t(clip.size());
    }
    const Src &src(int64_t k) const { return clip[size_t(k % int64_t(clip.size()))]; }
    int64_t time(int64_t k) const
    {
        const int64_t rep = k / int64_t(clip.size());
        return dayStart + (rep * span + src(k).time - clip.front().time) * kDayMs / (reps * span);
    }
};

struct CsvFacts {
    int64_t rows = 0, qty = 0;
    qint64 bytes = 0;
};

bool writeCsv(const QString &path, const DayGen &g, CsvFacts &facts)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    std::string out = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n";
    char num[24];
    auto put = [&](int64_t v) {
        const auto r = std::to_chars(num, num + sizeof num, v);
        out.append(num, r.ptr);
    };
    for (int64_t k = 0; k < g.rows; ++k) {
        const Src &s = g.src(k);
        put(g.firstId + k);
        out += ',';
        out += s.price;
        out += ',';
        out += s.qty;
        out += ',';
        put(5'000'000'000 + 3 * k);
        out += ',';
        put(5'000'000'000 + 3 * k + 2);
        out += ',';
        put(g.time(k));
        out += s.buyerMaker ? ",true\n" : ",false\n";
        facts.qty += s.qtyUnits;
        if (out.size() > (8 << 20)) {
            f.write(out.data(), qint64(out.size()));
            out.clear();
        }
    }
    f.write(out.data(), qint64(out.size()));
    facts.rows = g.rows;
    facts.bytes = f.size();
    return f.error() == QFile::NoError;
}

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Timing {
    std::vector<double> wall, cpu;
    void add(double w, double c)
    {
        wall.push_back(w);
        cpu.push_back(c);
    }
    double best() const { return *std::min_element(wall.begin(), wall.end()); }
    double median() const
    {
        std::vector<double> v = wall;
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    }
    double bestCpu() const { return *std::min_element(cpu.begin(), cpu.end()); }
};

template <class Fn> void timeIt(Timing &t, Fn &&fn)
{
    QElapsedTimer w;
    const double c0 = cpuSeconds();
    w.start();
    fn();
    t.add(double(w.nsecsElapsed()) / 1e9, cpuSeconds() - c0);
}

double wcSeconds(const QString &path)
{
    QElapsedTimer w;
    w.start();
    QProcess p;
    p.start("wc", {"-l", path});
    p.waitForFinished(-1);
    return double(w.nsecsElapsed()) / 1e9;
}

QString mps(double rows, double s) { return QString::number(rows / s / 1e6, 'f', 2) + " M/s"; }

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

// ---------------------------------------------------------------------------------------------

bool buildStartupCache(const QString &path, const std::vector<Src> &clip, const std::vector<std::pair<std::string, int64_t>> &symbols,
                       int days, int64_t lastDay)
{
    Database d;
    QString error;
    if (!d.open(path, &error)) {
        std::fprintf(stderr, "bench_import: %s\n", qPrintable(error));
        return false;
    }
    SymbolTable table(d.handle());
    table.load(nullptr);
    TradeInserter ins(d.handle());
    for (const auto &[name, perDay] : symbols) {
        SymbolInfo info;
        info.name = name;
        info.tickSize = 10'000'000;
        info.stepSize = 100'000;
        info.tickSource = TickSource::ExchangeInfo;
        d.begin(nullptr);
        const StoredSymbol *s = table.ensure(info, 0, 0, &error);
        d.commit(nullptr);
        int64_t id = 1'000'000'000;
        for (int day = 0; day < days; ++day) {
            const DayGen g(clip, perDay, (lastDay - days + 1 + day) * kDayMs, id);
            std::vector<Trade> v(static_cast<size_t>(perDay));
            for (int64_t k = 0; k < perDay; ++k) {
                const Src &src = g.src(k);
                Trade &t = v[size_t(k)];
                t.id = id++;
                t.timeMs = g.time(k);
                t.price = units(src.price);
                t.qty = src.qtyUnits;
                t.buyerMaker = src.buyerMaker;
            }
            // The day's summary, as the program writes it at the day's close (the restore seeds
            // the engines with the days before the prior day from these).
            DaySummaryRecord sum;
            sum.symbol = name;
            sum.day = lastDay - days + 1 + day;
            sum.startMs = sum.day * kDayMs;
            sum.endMs = sum.startMs + kDayMs;
            sum.trades = perDay;
            sum.tickSize = info.tickSize;
            sum.high = INT64_MIN;
            sum.low = INT64_MAX;
            for (const Trade &t : v) {
                sum.high = std::max(sum.high, t.price);
                sum.low = std::min(sum.low, t.price);
                sum.delta += t.buyerMaker ? -t.qty : t.qty;
            }
            sum.poc = (sum.high + sum.low) / 2 / info.tickSize * info.tickSize;
            sum.levels = StoredLevels{}; // start-up reads only the totals
            RecordInserter rec(d.handle());
            if (!d.begin(&error) || !ins.add(*s, std::span<const Trade>(v)) || !ins.finishTransaction() ||
                !rec.daySummary(s->id, sum) || !d.commit(&error)) {
                std::fprintf(stderr, "bench_import: %s %s %s\n", qPrintable(error), qPrintable(ins.error()),
                             qPrintable(rec.error()));
                return false;
            }
        }
    }
    return true;
}

struct ProcStatus {
    qint64 rssKb = 0, hwmKb = 0;
};

ProcStatus procStatus(qint64 pid)
{
    ProcStatus s;
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return s;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            s.rssKb = line.mid(6).trimmed().split(' ').value(0).toLongLong();
        else if (line.startsWith("VmHWM:"))
            s.hwmKb = line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return s;
}

int benchStartup(const std::vector<Src> &clip, int64_t btcPerDay, int64_t ethPerDay, int days, const QString &app,
                 QString db)
{
    const int64_t lastDay = kDay0 / kDayMs;
    std::printf("\n== start-up with 2 symbols x %d days stored ==\n", days);
    QElapsedTimer gen;
    gen.start();
    if (QFile::exists(db))
        std::printf("reusing %s (built with the same --days/--*-per-day?)\n", qPrintable(db));
    else if (!buildStartupCache(db, clip, {{"BTCUSDT", btcPerDay}, {"ETHUSDT", ethPerDay}}, days, lastDay))
        return 1;
    const qint64 dbBytes = QFileInfo(db).size() + QFileInfo(db + "-wal").size();
    std::printf("cache: BTCUSDT %lld + ETHUSDT %lld trades a day, %lld trades, %.0f MB, built in %.1f s\n",
                static_cast<long long>(btcPerDay), static_cast<long long>(ethPerDay),
                static_cast<long long>((btcPerDay + ethPerDay) * days), double(dbBytes) / 1e6,
                double(gen.elapsed()) / 1000);

    // What the engines alone hold for the restored days (prior day and today of both symbols),
    // measured in this process with the same trades: the program's RSS is that plus its own.
    qint64 engineKb = 0;
    {
        const qint64 before = procStatus(QCoreApplication::applicationPid()).rssKb;
        std::vector<std::unique_ptr<MarketEngine>> engines;
        for (const auto &[name, perDay] : std::vector<std::pair<std::string, int64_t>>{{"BTCUSDT", btcPerDay}, {"ETHUSDT", ethPerDay}}) {
            SymbolInfo info;
            info.name = name;
            info.tickSize = 10'000'000;
            info.tickSource = TickSource::ExchangeInfo;
            engines.push_back(std::make_unique<MarketEngine>(info, EngineConfig{}));
            int64_t id = 1'000'000'000 + perDay * (days - 2);
            for (int day = days - 2; day < days; ++day) {
                const DayGen g(clip, perDay, (lastDay - days + 1 + day) * kDayMs, id);
                for (int64_t k = 0; k < perDay; ++k) {
                    Trade t;
                    t.id = id++;
                    t.timeMs = g.time(k);
                    t.price = units(g.src(k).price);
                    t.qty = g.src(k).qtyUnits;
                    t.buyerMaker = g.src(k).buyerMaker;
                    engines.back()->onTrade(t);
                }
            }
            engines.back()->publish();
        }
        engineKb = procStatus(QCoreApplication::applicationPid()).rssKb - before;
    }

    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("LOG_LEVEL", "info");
    p.setProcessEnvironment(env);
    QElapsedTimer clock;
    qint64 restoreStarted = -1, listening = -1, healthz = -1, ready = -1;
    qint64 restored = 0, seeded = 0;
    ProcStatus peak, afterReady;
    QNetworkAccessManager net;
    QByteArray pending;
    QString healthzBody;
    QObject::connect(&p, &QProcess::readyReadStandardError, [&] {
        pending += p.readAllStandardError();
        for (int nl; (nl = pending.indexOf('\n')) >= 0; pending.remove(0, nl + 1)) {
            const QString line = QString::fromUtf8(pending.left(nl));
            if (restoreStarted < 0 && line.contains("open; restoring"))
                restoreStarted = clock.elapsed();
            if (listening < 0 && line.startsWith("MCP listening on ")) {
                listening = clock.elapsed();
                const QString port = line.section(':', -1).trimmed();
                QNetworkReply *r = net.get(QNetworkRequest(QUrl("http://127.0.0.1:" + port + "/healthz")));
                QObject::connect(r, &QNetworkReply::finished, [&, r] {
                    healthz = clock.elapsed();
                    healthzBody = QString::fromUtf8(r->readAll().left(300));
                    r->deleteLater();
                });
            }
            if (ready < 0 && line.contains("storage: restored ")) {
                ready = clock.elapsed();
                restored = line.section("restored ", 1).section(' ', 0, 0).toLongLong();
                seeded = line.section("ms; ", 1).section(' ', 0, 0).toLongLong();
                QTimer::singleShot(1000, [&] {
                    afterReady = procStatus(p.processId());
                    ::kill(pid_t(p.processId()), SIGTERM);
                });
            }
        }
    });
    QTimer sample;
    QObject::connect(&sample, &QTimer::timeout, [&] {
        const ProcStatus s = procStatus(p.processId());
        peak.rssKb = std::max(peak.rssKb, s.rssKb);
        peak.hwmKb = std::max(peak.hwmKb, s.hwmKb);
    });
    QObject::connect(&p, &QProcess::finished, [] { QCoreApplication::quit(); });
    clock.start();
    p.start(app, {"--headless", "--offline", "--cache-db-path", db, "--port", "0", "--symbols", "BTCUSDT,ETHUSDT"});
    if (!p.waitForStarted(5000)) {
        std::fprintf(stderr, "bench_import: cannot start %s\n", qPrintable(app));
        return 1;
    }
    sample.start(20);
    QTimer::singleShot(300'000, [&] { p.kill(); });
    QCoreApplication::exec();
    if (ready < 0) {
        std::fprintf(stderr, "bench_import: the program did not report a finished restore\n%s\n",
                     p.readAllStandardError().constData());
        return 1;
    }
    const int64_t expected = 2 * (btcPerDay + ethPerDay); // prior day and today of both symbols
    std::printf("%-44s %8lld ms\n", "process start -> restore started", static_cast<long long>(restoreStarted));
    std::printf("%-44s %8lld ms\n", "process start -> server listening", static_cast<long long>(listening));
    std::printf("%-44s %8lld ms\n", "process start -> first /healthz answered", static_cast<long long>(healthz));
    std::printf("%-44s %8lld ms  (%lld trades: prior day + today of both; %lld older days from summaries)\n",
                "process start -> restored (ready)", static_cast<long long>(ready), static_cast<long long>(restored),
                static_cast<long long>(seeded));
    std::printf("%-44s %8.1f MB\n", "RSS peak (VmHWM)", double(std::max(peak.hwmKb, afterReady.hwmKb)) / 1024);
    std::printf("%-44s %8.1f MB\n", "RSS 1 s after the restore", double(afterReady.rssKb) / 1024);
    std::printf("%-44s %8.1f MB\n", "  of which the engines' indicators (measured", double(engineKb) / 1024);
    std::printf("%-44s\n", "  alone in this process with the same trades)");
    std::printf("/healthz during the restore: %s\n", qPrintable(healthzBody.left(200)));
    const qint64 hwm = std::max(peak.hwmKb, afterReady.hwmKb);
    std::printf("\ntargets:\n  /healthz <= 1 s              : %lld ms  %s\n  RSS <= 150 MB                : %.1f MB  %s\n",
                static_cast<long long>(healthz), healthz >= 0 && healthz <= kTargetHealthzMs ? "PASS" : "MISS",
                double(hwm) / 1024, hwm <= kTargetRssKb ? "PASS" : "MISS");
    if (restored != expected) {
        std::fprintf(stderr, "bench_import: WRONG: restored %lld trades, stored %lld for the prior day and today\n",
                     static_cast<long long>(restored), static_cast<long long>(expected));
        return 1;
    }
    return 0;
}

void usage(FILE *f)
{
    std::fputs("usage: bench_import [--data DIR] [--rows N] [--rounds R] [--days D] [--btc-per-day N] "
               "[--eth-per-day N]\n"
               "                    [--app PATH] [--startup-db PATH] [--skip-import] [--skip-startup]\n"
               "  --rows N         rows of the imported day (default 2500000)\n"
               "  --rounds R       import rounds (default 3; best and median shown)\n"
               "  --days D         days stored for the start-up part (default 7)\n"
               "  --btc-per-day N, --eth-per-day N  trades a day stored (default 2000000, 1000000)\n"
               "  --startup-db PATH  the start-up cache file: built when missing, kept, reused\n",
               f);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication qapp(argc, argv);
    QString dataDir = qEnvironmentVariable("CO_SHARED_DATA_DIR", CO_BENCH_DEFAULT_DATA_DIR);
    QString app = CO_APP_PATH;
    QString startupDb; // kept and reused when given
    int64_t rows = 2'500'000, btcPerDay = 2'000'000, ethPerDay = 1'000'000;
    int rounds = 3, days = 7;
    bool doImport = true, doStartup = true;
    const QStringList args = qapp.arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto number = [&](int64_t lo, int64_t hi) -> int64_t {
            bool ok = false;
            const int64_t v = i + 1 < args.size() ? args[++i].toLongLong(&ok) : 0;
            if (!ok || v < lo || v > hi) {
                std::fprintf(stderr, "bench_import: %s must be %lld..%lld\n", qPrintable(a), static_cast<long long>(lo),
                             static_cast<long long>(hi));
                std::exit(2);
            }
            return v;
        };
        if (a == "--data" && i + 1 < args.size())
            dataDir = args[++i];
        else if (a == "--app" && i + 1 < args.size())
            app = args[++i];
        else if (a == "--startup-db" && i + 1 < args.size())
            startupDb = args[++i];
        else if (a == "--rows")
            rows = number(1000, 50'000'000);
        else if (a == "--rounds")
            rounds = int(number(1, 20));
        else if (a == "--days")
            days = int(number(2, 30));
        else if (a == "--btc-per-day")
            btcPerDay = number(1000, 10'000'000);
        else if (a == "--eth-per-day")
            ethPerDay = number(1000, 10'000'000);
        else if (a == "--skip-import")
            doImport = false;
        else if (a == "--skip-startup")
            doStartup = false;
        else {
            usage(a == "--help" ? stdout : stderr);
            return a == "--help" ? 0 : 2;
        }
    }
    const QString rec = dataDir + "/hftbacktest/btcusdt_20240808.gz";
    if (!QFile::exists(rec)) {
        std::printf("SKIP: %s not found (--data DIR or CO_SHARED_DATA_DIR)\n", qPrintable(rec));
        return 0;
    }
    const std::vector<Src> clip = loadRecorded(rec);
    if (clip.size() != 21'313) {
        std::fprintf(stderr, "bench_import: expected 21313 trades in %s, got %zu\n", qPrintable(rec), clip.size());
        return 1;
    }
    QTemporaryDir tmp;
    if (doImport && benchImport(clip, rows, rounds, tmp, app) != 0)
        return 1;
    if (doStartup && benchStartup(clip, btcPerDay, ethPerDay, days, app,
                                  startupDb.isEmpty() ? tmp.filePath("startup.sqlite") : startupDb) != 0)
        return 1;
    return 0;
}
