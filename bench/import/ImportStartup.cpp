// bench_import part 2: the real program started on 2 symbols x N days stored.
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

} // namespace co::bench
