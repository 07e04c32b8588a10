// Archive import (crypto-orderflow import): zips and CSVs built here from the recorded trades of
// shared/data (as Binance aggTrades rows), with and without the header row; a re-run skips what
// is imported; a changed file, a wrong .CHECKSUM, a truncated zip, a truncated CSV and a corrupt
// row fail clearly and leave nothing of that file behind. Downloads come from a local HTTP server
// on 127.0.0.1 that plays data.binance.vision (a good day, a wrong checksum, a missing day).
#include "app/Config.h"
#include "app/ImportCommand.h"
#include "cache/ImportRun.h"
#include "storage/CacheReader.h"
#include "storage/StoredLevels.h"
#include "storage/TradeWriter.h"
#include "support/ArchiveFiles.h"
#include "support/FakeArchive.h"
#include "support/SharedData.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cstdio>
#include <thread>

using namespace co;
using namespace co::test;

namespace {
// Trades stored: open rows and those in blocks (migration 0004).
const QString kStoredCount = QStringLiteral("SELECT (SELECT count(*) FROM trades) + (SELECT ifnull(sum(n), 0) FROM trade_blocks)");

// Prices moved by `usd` (the recorded prices have at most 2 decimals: exact).
QList<Row> repriced(QList<Row> rows, int usd)
{
    for (Row &r : rows)
        r.price = QByteArray::number(r.price.toDouble() + usd, 'f', 2);
    return rows;
}

struct Run {
    int code = -1;
    QString messages;
};

Run import(const QStringList &args)
{
    ImportOptions o;
    QString error;
    Run r;
    if (!parseImportArgs(args, o, &error)) {
        r.messages = error;
        return r;
    }
    ConfigSources src;
    src.args = o.configArgs;
    const auto config = loadConfig(src, &error);
    if (!config) {
        r.messages = error;
        return r;
    }
    FILE *err = std::tmpfile();
    r.code = runImport(o, *config, err);
    std::rewind(err);
    QByteArray text;
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, err)) > 0;)
        text.append(buf, qsizetype(n));
    std::fclose(err);
    r.messages = QString::fromUtf8(text);
    return r;
}

// One query's first value on a fresh connection.
QVariant value(const QString &db, const QString &sql)
{
    QVariant v;
    {
        QSqlDatabase c = QSqlDatabase::addDatabase("QSQLITE", "check");
        c.setDatabaseName(db);
        if (c.open()) {
            QSqlQuery q(c);
            if (q.exec(sql) && q.next())
                v = q.value(0);
        }
    }
    QSqlDatabase::removeDatabase("check");
    return v;
}

} // namespace

class TestImport : public QObject {
    Q_OBJECT
    QList<Row> day_; // 2024-08-08, the recorded trades
    QTemporaryDir dir_;

    QString db(const QString &name) const { return dir_.filePath(name + ".sqlite"); }
    static Config configWith(const QString &cache)
    {
        ConfigSources src;
        src.args = QStringList{"--cache-db-path", cache};
        QString error;
        const auto c = loadConfig(src, &error);
        if (!c)
            qFatal("config: %s", qPrintable(error));
        return *c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        CO_REQUIRE_SHARED_FILE(rec, "hftbacktest/btcusdt_20240808.gz");
        day_ = recordedTrades(rec);
        QCOMPARE(day_.size(), 21'313); // INDEX.md
    }

    void importsAZipAndSkipsItOnARerun()
    {
        const QByteArray zip = zipOf("BTCUSDT-aggTrades-2024-08-08.csv", csv(day_, true));
        const QString path = dir_.filePath("BTCUSDT-aggTrades-2024-08-08.zip");
        QVERIFY(writeFile(path, zip));
        const QString cache = db("zip");
        Run r = import({"--file", path, "--cache-db-path", cache});
        QVERIFY2(r.code == 0, qPrintable(r.messages));
        QVERIFY2(r.messages.contains("21313 trades"), qPrintable(r.messages));
        qint64 qty = 0, buy = 0;
        for (const Row &x : day_) {
            qty += units(x.qty);
            if (!x.buyerMaker)
                buy += units(x.qty);
        }
        QCOMPARE(value(cache, kStoredCount).toLongLong(), qint64(day_.size()));
        QCOMPARE(value(cache, "SELECT min(x) FROM (SELECT min(id) AS x FROM trades UNION ALL SELECT min(first_id) FROM trade_blocks)").toLongLong(), day_.first().id);
        QCOMPARE(value(cache, "SELECT max(x) FROM (SELECT max(id) AS x FROM trades UNION ALL SELECT max(last_id) FROM trade_blocks)").toLongLong(), day_.last().id);
        // Quantities as readers decode them (blocks and open rows).
        qint64 storedQty = 0, storedBuy = 0;
        {
            CacheReader reader;
            QString why;
            QVERIFY2(reader.open(cache, &why), qPrintable(why));
            QVERIFY(reader.scanTrades("BTCUSDT", TradeSource::AggTrade, 0,
                                      [&](std::span<const Trade> ts) {
                                          for (const Trade &t : ts) {
                                              storedQty += t.qty;
                                              storedBuy += t.buyerMaker ? 0 : t.qty;
                                          }
                                          return true;
                                      },
                                      &why));
        }
        QCOMPARE(storedQty, qty);
        QCOMPARE(storedBuy, buy);
        QCOMPARE(value(cache, "SELECT sha256 FROM imported_files WHERE name = 'BTCUSDT-aggTrades-2024-08-08.zip'")
                     .toString(),
                 sha256(zip));
        // The day's summary: key levels (storage's record) and profile rows, with the exact totals.
        const auto levels =
            decodeStoredLevels(value(cache, "SELECT levels FROM day_summaries WHERE day = 19943").toByteArray());
        QVERIFY(levels);
        QCOMPARE(levels->trades, qint64(day_.size()));
        QCOMPARE(qint64(llround(levels->volume * 1000)), qty / 100'000);
        QVERIFY(levels->poc);
        QCOMPARE(value(cache, "SELECT sum(buy) FROM day_profiles").toLongLong(), buy);

        r = import({"--file", path, "--cache-db-path", cache});
        QVERIFY2(r.code == 0, qPrintable(r.messages));
        QVERIFY2(r.messages.contains("already imported"), qPrintable(r.messages));
        QCOMPARE(value(cache, kStoredCount).toLongLong(), qint64(day_.size()));

        // Same name, other content: reported, not re-imported.
        const QByteArray other = zipOf("BTCUSDT-aggTrades-2024-08-08.csv", csv(day_.mid(0, 100), true));
        QVERIFY(writeFile(path, other));
        r = import({"--file", path, "--cache-db-path", cache});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.messages.contains("changed since it was imported") && r.messages.contains(sha256(other)),
                 qPrintable(r.messages));
        QCOMPARE(value(cache, "SELECT sha256 FROM imported_files").toString(), sha256(zip));
    }

    void importsAHeaderlessCsv()
    {
        const QString path = dir_.filePath("BTCUSDT-aggTrades-2020-08-08.csv"); // before 2022-08-11: no header
        QVERIFY(writeFile(path, csv(shifted(day_, -730), false)));
        const QString cache = db("headerless");
        const Run r = import({"--file", path, "--cache-db-path", cache});
        QVERIFY2(r.code == 0, qPrintable(r.messages));
        QCOMPARE(value(cache, kStoredCount).toLongLong(), qint64(day_.size()));
        QCOMPARE(value(cache, "SELECT min(x) FROM (SELECT min(t) AS x FROM trades UNION ALL SELECT min(first_ms) FROM trade_blocks)").toLongLong(), day_.first().time - 730 * kDayMs);
        // A CSV's checksum is taken in the same pass as its rows: the file's sha256, and a re-run knows it.
        QCOMPARE(value(cache, "SELECT sha256 FROM imported_files").toString(), sha256(csv(shifted(day_, -730), false)));
        const Run again = import({"--file", path, "--cache-db-path", cache});
        QVERIFY2(again.code == 0 && again.messages.contains("already imported"), qPrintable(again.messages));
    }

    void damagedFilesLeaveNothing_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QByteArray good = csv(day_.mid(0, 1000), true);
        const QByteArray zip = zipOf("BTCUSDT-aggTrades-2024-08-08.csv", good);
        QTest::newRow("truncated zip") << "BTCUSDT-aggTrades-2024-08-08.zip" << zip.left(zip.size() / 2)
                                       << "BTCUSDT-aggTrades-2024-08-08.zip: not a readable zip";
        // Cut inside row 700 (line 701 after the header).
        const int cut = good.indexOf('\n', good.indexOf(QByteArray::number(day_[699].id))) - 3;
        QTest::newRow("truncated csv") << "BTCUSDT-aggTrades-2024-08-08.csv" << good.left(cut)
                                       << "BTCUSDT-aggTrades-2024-08-08.csv: line 701: not an aggTrades row";
        QByteArray corrupt = good;
        const int row500 = corrupt.indexOf(QByteArray::number(day_[499].id));
        corrupt.replace(row500 + QByteArray::number(day_[499].id).size() + 1, 3, "x.y");
        QTest::newRow("corrupt row") << "BTCUSDT-aggTrades-2024-08-08.csv" << corrupt
                                     << "BTCUSDT-aggTrades-2024-08-08.csv: line 501: not an aggTrades row";
        QTest::newRow("wrong checksum") << "BTCUSDT-aggTrades-2024-08-08.zip" << zip << "checksum mismatch";
        // Past several blocks of 4096 trades (written in the file's transaction, then rolled back).
        QByteArray late = csv(day_, true);
        const QByteArray lateId = "\n" + QByteArray::number(day_[21'000].id) + ",";
        late.replace(late.indexOf(lateId) + lateId.size(), 3, "x.y");
        QTest::newRow("corrupt row after blocks") << "BTCUSDT-aggTrades-2024-08-08.csv" << late
                                                  << "BTCUSDT-aggTrades-2024-08-08.csv: line 21002: not an aggTrades row";
    }
    void damagedFilesLeaveNothing()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir sub;
        const QString path = sub.filePath(name);
        QVERIFY(writeFile(path, bytes));
        if (expected == "checksum mismatch")
            QVERIFY(writeFile(path + ".CHECKSUM", QByteArray(64, 'a') + "  " + name.toLatin1() + "\n"));
        const QString cache = sub.filePath("cache.sqlite");
        const Run r = import({"--file", path, "--cache-db-path", cache});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.messages.contains(expected), qPrintable(r.messages));
        QCOMPARE(value(cache, kStoredCount).toLongLong(), 0);
        QCOMPARE(value(cache, "SELECT count(*) FROM imported_files").toLongLong(), 0);
        QCOMPARE(value(cache, "SELECT count(*) FROM day_summaries").toLongLong(), 0);
    }

    // Days imported in separate runs give the later days' stored levels the naked POCs and the
    // cumulative delta (CVD_RESET=none) of one run through all of them: a fresh importer engine
    // is seeded with the summaries of the days before its prior day.
    void separateRunsKeepOlderDays()
    {
        // 2024-08-05 and -06 above the 08-08 range (their POCs stay naked), 08-08 the recording.
        const QList<QPair<QString, QList<Row>>> days{
            {"BTCUSDT-aggTrades-2024-08-05.csv", repriced(shifted(day_, -3), 2000)},
            {"BTCUSDT-aggTrades-2024-08-06.csv", repriced(shifted(day_, -2), 1000)},
            {"BTCUSDT-aggTrades-2024-08-08.csv", day_}};
        QStringList paths;
        for (const auto &[name, rows] : days) {
            paths << dir_.filePath(name);
            QVERIFY(writeFile(paths.back(), csv(rows, true)));
        }
        const QStringList common{"--cvd-reset", "none"};
        const QString together = db("together"), apart = db("apart");
        Run r = import(QStringList{"--file"} + paths + QStringList{"--cache-db-path", together} + common);
        QVERIFY2(r.code == 0, qPrintable(r.messages));
        for (const QString &p : paths) {
            r = import(QStringList{"--file", p, "--cache-db-path", apart} + common);
            QVERIFY2(r.code == 0, qPrintable(r.messages));
        }
        auto levels = [&](const QString &cache) {
            return decodeStoredLevels(value(cache, "SELECT levels FROM day_summaries WHERE day = 19943").toByteArray())
                .value_or(StoredLevels{});
        };
        const StoredLevels a = levels(together), b = levels(apart);
        QCOMPARE(a.nakedPocs.size(), size_t(2));
        QVERIFY(b.nakedPocs == a.nakedPocs);
        QCOMPARE(b.cvd, a.cvd);
        QVERIFY(a.cvd != a.delta);
        // Each day's delta is stored with its summary, exactly.
        qint64 delta = 0;
        for (const Row &x : day_)
            delta += x.buyerMaker ? -units(x.qty) : units(x.qty);
        QCOMPARE(value(apart, "SELECT delta FROM day_summaries WHERE day = 19943").toLongLong(), delta);
        QCOMPARE(value(apart, "SELECT sum(delta) FROM day_summaries").toLongLong(), 3 * delta);
    }

    void downloadsFromTheArchive()
    {
        FakeArchive archive;
        const QString base = "/data/futures/um/daily/aggTrades/BTCUSDT/";
        // 2024-08-06 good, 2024-08-07 with a wrong checksum, 2024-08-08 not published.
        const QByteArray good = zipOf("BTCUSDT-aggTrades-2024-08-06.csv", csv(shifted(day_, -2), true));
        archive.files[base + "BTCUSDT-aggTrades-2024-08-06.zip"] = good;
        archive.files[base + "BTCUSDT-aggTrades-2024-08-06.zip.CHECKSUM"] =
            sha256(good).toLatin1() + "  BTCUSDT-aggTrades-2024-08-06.zip\n";
        const QByteArray second = zipOf("BTCUSDT-aggTrades-2024-08-07.csv", csv(shifted(day_, -1), true));
        archive.files[base + "BTCUSDT-aggTrades-2024-08-07.zip"] = second;
        archive.files[base + "BTCUSDT-aggTrades-2024-08-07.zip.CHECKSUM"] =
            sha256(good).toLatin1() + "  BTCUSDT-aggTrades-2024-08-07.zip\n";
        const quint16 port = archive.start();
        QVERIFY(port);
        const QString cache = db("download");
        const QStringList args{"--symbol", "BTCUSDT", "--from", "2024-08-06", "--to", "2024-08-08",
                               "--cache-db-path", cache, "--binance-archive-url",
                               QStringLiteral("http://127.0.0.1:%1").arg(port)};
        Run r = import(args);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.messages.contains("BTCUSDT-aggTrades-2024-08-06.zip: 21313 trades"), qPrintable(r.messages));
        QVERIFY2(r.messages.contains("BTCUSDT-aggTrades-2024-08-07.zip: checksum mismatch"), qPrintable(r.messages));
        QVERIFY2(r.messages.contains("BTCUSDT-aggTrades-2024-08-08.zip.CHECKSUM: not in the archive"),
                 qPrintable(r.messages));
        QCOMPARE(value(cache, kStoredCount).toLongLong(), qint64(day_.size()));
        QCOMPARE(value(cache, "SELECT count(*) FROM imported_files").toLongLong(), 1);
        QCOMPARE(value(cache, "SELECT origin FROM imported_files").toString(),
                 QStringLiteral("http://127.0.0.1:%1%2BTCUSDT-aggTrades-2024-08-06.zip").arg(port).arg(base));

        // Resumed: the imported day is skipped without downloading it again.
        r = import(args);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.messages.contains("BTCUSDT-aggTrades-2024-08-06.zip: already imported"), qPrintable(r.messages));
        QCOMPARE(archive.hits(base + "BTCUSDT-aggTrades-2024-08-06.zip"), 1);
        QCOMPARE(value(cache, kStoredCount).toLongLong(), qint64(day_.size()));
    }

    // Cancelled inside the second file (checked every 1000 rows here): the first file stays, the
    // second leaves nothing (trades, day summary, ledger row); a rerun skips the first and
    // imports the second.
    void cancelRollsBackTheFileAndResumes()
    {
        QDir().mkpath(dir_.filePath("cancel"));
        QStringList paths;
        for (int d : {-1, 0}) {
            const QString path = dir_.filePath(QStringLiteral("cancel/BTCUSDT-aggTrades-2024-08-0%1.zip").arg(8 + d));
            QVERIFY(writeFile(path, zipOf(QFileInfo(path).completeBaseName() + ".csv", csv(shifted(day_, d), true))));
            paths << path;
        }
        const QString cache = db("cancel");
        ImportOptions o;
        o.files = paths;
        const Config config = configWith(cache);
        ImportRun run(o, importSettingsFrom(config));
        run.setChunkRows(1000);
        int file = 0;
        QStringList lines;
        ImportRun::Callbacks cb;
        cb.fileStarted = [&](int index, int, const QString &) { file = index; };
        cb.progress = [&](double, const QString &, int64_t rows) {
            if (file == 2 && rows >= 5000)
                run.cancel();
        };
        cb.message = [&](const QString &line, bool) { lines << line; };
        const ImportSummary s = run.run(cb);
        QVERIFY(s.cancelled);
        QCOMPARE(s.imported, 1);
        QCOMPARE(s.problems, 0);
        QVERIFY2(lines.join('\n').contains("BTCUSDT-aggTrades-2024-08-08.zip: cancelled after 5000 trades"),
                 qPrintable(lines.join('\n')));
        QVERIFY2(s.text.startsWith("import cancelled: 1 file(s) imported"), qPrintable(s.text));
        QCOMPARE(value(cache, kStoredCount).toLongLong(), qint64(day_.size()));
        QCOMPARE(value(cache, "SELECT count(*) FROM imported_files").toLongLong(), 1);
        QCOMPARE(value(cache, "SELECT count(*) FROM day_summaries WHERE day = 19943").toLongLong(), 0);
        QCOMPARE(value(cache, "SELECT count(*) FROM day_profiles WHERE day = 19943").toLongLong(), 0);

        ImportRun again(o, importSettingsFrom(config));
        const ImportSummary t = again.run({});
        QVERIFY(!t.cancelled);
        QCOMPARE(t.already, 1);
        QCOMPARE(t.imported, 1);
        QCOMPARE(value(cache, kStoredCount).toLongLong(), qint64(2 * day_.size()));
        QCOMPARE(value(cache, "SELECT count(*) FROM imported_files").toLongLong(), 2);
        QCOMPARE(value(cache, "SELECT count(*) FROM day_summaries WHERE day = 19943").toLongLong(), 1);
    }

    // A running app's TradeWriter keeps writing to the same cache while files are imported: SQLite
    // takes one writer at a time (WAL, busy timeout), so each waits for the other's commit and
    // nothing is dropped.
    void importWhileTheLiveWriterWrites()
    {
        const QString cache = db("concurrent");
        TradeWriter writer(cache);
        QString error;
        QVERIFY2(writer.start(&error), qPrintable(error));
        SymbolInfo eth;
        eth.name = "ETHUSDT";
        eth.tickSize = 1'000'000;
        eth.stepSize = 100'000;
        const uint32_t sym = writer.symbol(eth);
        std::atomic<bool> stop{false};
        std::atomic<int64_t> written{0};
        std::thread live([&] {
            const int64_t t0 = day_.last().time + kDayMs;
            for (int64_t id = 1; !stop; ++id) {
                Trade t;
                t.id = id;
                t.timeMs = t0 + id;
                t.price = 300'000'000'000 + (id % 100) * 1'000'000;
                t.qty = 100'000 * (1 + id % 7);
                t.buyerMaker = id % 2;
                writer.addTrade(sym, t);
                written = id;
                if (id % 200 == 0)
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        });
        QStringList paths;
        QDir().mkpath(dir_.filePath("concurrent"));
        for (int d : {-3, -2, -1}) {
            const QString path = dir_.filePath(QStringLiteral("concurrent/BTCUSDT-aggTrades-2024-08-0%1.zip").arg(8 + d));
            QVERIFY(writeFile(path, zipOf(QFileInfo(path).completeBaseName() + ".csv", csv(shifted(day_, d), true))));
            paths << path;
        }
        ImportOptions o;
        o.files = paths;
        ImportRun run(o, importSettingsFrom(configWith(cache)));
        run.setChunkRows(2000);
        const ImportSummary s = run.run({});
        stop = true;
        live.join();
        QVERIFY(writer.flush(30'000));
        writer.stop();
        QCOMPARE(s.imported, 3);
        QCOMPARE(writer.stats().dropped, uint64_t(0));
        QVERIFY(written > 0);
        QCOMPARE(value(cache, "SELECT (SELECT count(*) FROM trades t JOIN symbols s ON s.id = t.sym WHERE s.name = 'BTCUSDT') + "
                           "(SELECT ifnull(sum(n), 0) FROM trade_blocks b JOIN symbols s ON s.id = b.sym WHERE s.name = 'BTCUSDT')")
                     .toLongLong(),
                 qint64(3 * day_.size()));
        QCOMPARE(value(cache, "SELECT (SELECT count(*) FROM trades t JOIN symbols s ON s.id = t.sym WHERE s.name = 'ETHUSDT') + "
                           "(SELECT ifnull(sum(n), 0) FROM trade_blocks b JOIN symbols s ON s.id = b.sym WHERE s.name = 'ETHUSDT')")
                     .toLongLong(),
                 qint64(written));
        QCOMPARE(value(cache, "PRAGMA integrity_check").toString(), QString("ok"));
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "test_import.moc"
