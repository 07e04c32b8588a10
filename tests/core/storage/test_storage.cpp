// core/storage: schema migrations and the version guard, the batched TradeWriter (dedupe, flush,
// back-pressure against a locked database), exact round trips of prices and quantities, the
// restore scan, and retention. Expected values are the hand-made inputs themselves.
#include "storage/CacheReader.h"
#include "storage/Database.h"
#include "storage/Sqlite.h"
#include "storage/TradeWriter.h"

#include "support/Fixtures.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <atomic>
#include <thread>

using namespace co;

namespace {
constexpr int64_t kDayMs = 86'400'000;
constexpr int64_t kDay0 = 19'943LL * kDayMs; // 2024-08-08 00:00 UTC

SymbolInfo btc() { return co::test::btcusdt(); }

Trade trade(int64_t id, int64_t t, int64_t price, int64_t qty, bool buyerMaker)
{
    Trade x;
    x.id = id;
    x.timeMs = t;
    x.price = price;
    x.qty = qty;
    x.buyerMaker = buyerMaker;
    return x;
}

int64_t scalar(const Database &db, const char *sql)
{
    Statement q(db.handle(), sql);
    return q.step() ? q.int64(0) : -1;
}
} // namespace

class TestStorage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void migratesAFreshFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("sub/cache.sqlite"); // the folder is created
        Database db;
        QString error;
        QVERIFY2(db.open(path, &error), qPrintable(error));
        QVERIFY(Database::knownSchemaVersion() >= 1);
        QCOMPARE(db.schemaVersion(), Database::knownSchemaVersion());
        QSqlQuery q(db.sql());
        QVERIFY(q.exec("PRAGMA journal_mode") && q.next());
        QCOMPARE(q.value(0).toString(), QString("wal"));
        QCOMPARE(scalar(db, "SELECT count(*) FROM schema_version"), int64_t(Database::knownSchemaVersion()));
        db.close();
        // Opening again applies nothing.
        QVERIFY2(db.open(path, &error), qPrintable(error));
        QCOMPARE(scalar(db, "SELECT count(*) FROM schema_version"), int64_t(Database::knownSchemaVersion()));
    }

    void refusesANewerSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        {
            Database db;
            QString error;
            QVERIFY2(db.open(path, &error), qPrintable(error));
            QVERIFY(execScript(db.handle(), "INSERT INTO schema_version VALUES (999, '0999_future.sql', 0)", &error));
        }
        for (Database::Mode mode : {Database::Mode::ReadWrite, Database::Mode::ReadOnly}) {
            Database db;
            QString error;
            Database::Options o;
            o.mode = mode;
            QVERIFY(!db.open(path, o, &error));
            QVERIFY2(error.contains("schema version 999 is newer"), qPrintable(error));
            QVERIFY(error.contains(path));
        }
        // Nothing was downgraded or dropped.
        sqlite3 *raw = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &raw), SQLITE_OK);
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(raw, "SELECT max(version) FROM schema_version", -1, &st, nullptr);
        QCOMPARE(sqlite3_step(st), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int64(st, 0), 999);
        sqlite3_finalize(st);
        sqlite3_close(raw);
    }

    // Schema 2 adds each day's delta; days stored under schema 1 get it from their profile rows.
    void migrationBackfillsTheDayDelta()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        {
            sqlite3 *raw = nullptr;
            QCOMPARE(sqlite3_open(path.toUtf8().constData(), &raw), SQLITE_OK);
            QFile f(":/migrations/0001_initial.sql");
            QVERIFY(f.open(QIODevice::ReadOnly));
            QString error;
            QVERIFY2(execScript(raw, f.readAll() + R"(
                CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL);
                INSERT INTO schema_version VALUES (1, '0001_initial.sql', 0);
                INSERT INTO symbols(id, name, price_unit, qty_unit) VALUES (1, 'BTCUSDT', 10000000, 100000);
                INSERT INTO day_summaries VALUES (1, 'UTC', 19943, 0, 1, 3, 2, 1, 1, 1, '{}', 0);
                INSERT INTO day_summaries VALUES (1, 'UTC', 19944, 1, 2, 0, 2, 1, 1, 1, '{}', 0);
                INSERT INTO day_profiles VALUES (1, 'UTC', 19943, 100, 500, 200, 2);
                INSERT INTO day_profiles VALUES (1, 'UTC', 19943, 110, 7, 900, 1);
                INSERT INTO day_profiles VALUES (1, 'UTC', 19944, 100, 1, 0, 1);)",
                                 &error),
                     qPrintable(error));
            sqlite3_close(raw);
        }
        Database db;
        QString error;
        QVERIFY2(db.open(path, &error), qPrintable(error));
        QCOMPARE(db.schemaVersion(), Database::knownSchemaVersion());
        QCOMPARE(scalar(db, "SELECT delta FROM day_summaries WHERE day = 19943"), 500 + 7 - 200 - 900);
        QCOMPARE(scalar(db, "SELECT delta FROM day_summaries WHERE day = 19944"), 1);
    }

    // What a restart seeds an engine with: the last days before the restored span, oldest first,
    // and the delta of every stored day before it (not only the returned ones).
    void dayHistoryBeforeADay()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        TradeWriter w(path);
        QString error;
        QVERIFY2(w.start(&error), qPrintable(error));
        const uint32_t sym = w.symbol(btc());
        for (int day = 0; day < 6; ++day) {
            DaySummaryRecord d;
            d.day = 19'943 + day;
            d.startMs = kDay0 + day * kDayMs;
            d.endMs = d.startMs + kDayMs;
            d.trades = 10 + day;
            d.high = 6'100'000'000'000 + day;
            d.low = 5'900'000'000'000 - day;
            d.poc = 6'000'000'000'000 + day * 10'000'000;
            d.tickSize = 10'000'000;
            d.delta = (day % 2 ? -1 : 1) * 1000 * (day + 1);
            d.levels = StoredLevels{};
            w.addDaySummary(sym, d);
            d.zone = "Europe/London"; // another zone's days are not summed
            w.addDaySummary(sym, d);
        }
        QVERIFY(w.flush(10'000));
        w.stop();
        CacheReader r;
        QVERIFY2(r.open(path, &error), qPrintable(error));
        const auto h = r.dayHistory("BTCUSDT", "UTC", 19'943 + 5, 3, &error);
        QVERIFY2(h, qPrintable(error));
        QCOMPARE(h->days.size(), size_t(3));
        QCOMPARE(h->days.front().day, 19'943 + 2);
        QCOMPARE(h->days.back().day, 19'943 + 4);
        QCOMPARE(h->days.back().poc, 6'000'000'000'000 + 40'000'000);
        QCOMPARE(h->days.back().high, 6'100'000'000'004);
        QCOMPARE(h->days.back().low, 5'899'999'999'996);
        QCOMPARE(h->days.back().trades, 14);
        QCOMPARE(h->days.back().startMs, kDay0 + 4 * kDayMs);
        QCOMPARE(h->cvdBefore, 1000 - 2000 + 3000 - 4000 + 5000);
        const auto none = r.dayHistory("BTCUSDT", "UTC", 19'943, 3, &error);
        QVERIFY(none && none->days.empty() && none->cvdBefore == 0);
        const auto other = r.dayHistory("ETHUSDT", "UTC", 19'950, 3, &error);
        QVERIFY(other && other->days.empty());
    }

    void readOnlyNeedsAnExistingFile()
    {
        QTemporaryDir dir;
        Database db;
        QString error;
        Database::Options o;
        o.mode = Database::Mode::ReadOnly;
        QVERIFY(!db.open(dir.filePath("missing.sqlite"), o, &error));
        QVERIFY2(error.contains("does not exist"), qPrintable(error));
    }

    void writesTradesOnceAndExactly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        TradeWriter::Options o;
        TradeWriter w(path, o);
        QString error;
        QVERIFY2(w.start(&error), qPrintable(error));
        const uint32_t sym = w.symbol(btc());
        std::vector<Trade> sent;
        for (int i = 0; i < 1000; ++i)
            sent.push_back(trade(5'000'000'000 + i, kDay0 + i * 10, 6'159'030'000'000 + (i % 7) * 10'000'000,
                                 500'000 + i * 100'000, i % 3 == 0));
        // Off the stored grid (tick 0.1, step 0.001): kept exactly through the remainders.
        sent.push_back(trade(5'000'001'000, kDay0 + 20'000, 6'159'030'000'001, 123, false));
        for (const Trade &t : sent)
            w.addTrade(sym, t);
        for (int i = 0; i < 300; ++i) // replayed: never doubled
            w.addTrade(sym, sent[size_t(i)]);
        QVERIFY(w.flush(10'000));
        const TradeWriter::Stats st = w.stats();
        QCOMPARE(st.dropped, uint64_t(0));
        QVERIFY(st.batches >= 1);
        const auto last = w.lastCommitted("BTCUSDT");
        QVERIFY(last);
        QCOMPARE(last->id, 5'000'001'000);
        w.stop();

        CacheReader r;
        QVERIFY2(r.open(path, &error), qPrintable(error));
        std::vector<Trade> back;
        QVERIFY(r.scanTrades("BTCUSDT", TradeSource::AggTrade, 0,
                             [&](std::span<const Trade> c) {
                                 back.insert(back.end(), c.begin(), c.end());
                                 return true;
                             },
                             &error, 64));
        QCOMPARE(back.size(), sent.size());
        for (size_t i = 0; i < sent.size(); ++i) {
            QCOMPARE(back[i].id, sent[i].id);
            QCOMPARE(back[i].timeMs, sent[i].timeMs);
            QCOMPARE(back[i].price, sent[i].price);
            QCOMPARE(back[i].qty, sent[i].qty);
            QCOMPARE(back[i].buyerMaker, sent[i].buyerMaker);
        }
        const auto lt = r.lastTrade("BTCUSDT");
        QVERIFY(lt);
        QCOMPARE(lt->id, 5'000'001'000);
        QCOMPARE(lt->timeMs, kDay0 + 20'000);
        // The grid is kept for restarts without network.
        const auto syms = r.symbols();
        QCOMPARE(syms.size(), size_t(1));
        QCOMPARE(syms[0].tickSize, 10'000'000);
        QCOMPARE(syms[0].stepSize, 100'000);
        QCOMPARE(syms[0].tickSource, TickSource::ExchangeInfo);
    }

    void scanStartsAtTheRequestedTime()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        TradeWriter w(path);
        QString error;
        QVERIFY2(w.start(&error), qPrintable(error));
        const uint32_t sym = w.symbol(btc());
        // Three days, one trade per hour; ids grow with time.
        for (int h = 0; h < 72; ++h)
            w.addTrade(sym, trade(100 + h, kDay0 + h * 3'600'000, 6'000'000'000'000, 100'000, false));
        QVERIFY(w.flush(10'000));
        w.stop();
        CacheReader r;
        QVERIFY2(r.open(path, &error), qPrintable(error));
        std::vector<int64_t> ids;
        QVERIFY(r.scanTrades("BTCUSDT", TradeSource::AggTrade, kDay0 + kDayMs + 30 * 60'000,
                             [&](std::span<const Trade> c) {
                                 for (const Trade &t : c)
                                     ids.push_back(t.id);
                                 return true;
                             },
                             &error));
        QCOMPARE(ids.size(), size_t(47)); // 01:00 of day 2 to 23:00 of day 3
        QCOMPARE(ids.front(), 125);
        QCOMPARE(ids.back(), 171);
        QCOMPARE(r.tradeCountFrom("BTCUSDT", TradeSource::AggTrade, kDay0 + kDayMs), 48);
        QVERIFY(!r.lastTrade("ETHUSDT"));
    }

    void backPressureWhileTheDiskIsLocked()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        TradeWriter::Options o;
        o.batchRows = 50;
        o.batchMs = 5;
        o.maxPendingRows = 200;
        TradeWriter w(path, o);
        QString error;
        QVERIFY2(w.start(&error), qPrintable(error));
        const uint32_t sym = w.symbol(btc());
        // Another connection holds the write lock for a while: the writer's commits wait.
        Database blocker;
        QVERIFY2(blocker.open(path, &error), qPrintable(error));
        QVERIFY(blocker.begin(&error));
        std::atomic<size_t> maxPending{0};
        std::atomic<bool> done{false};
        std::thread producer([&] {
            for (int i = 0; i < 2000; ++i)
                w.addTrade(sym, trade(1 + i, kDay0 + i, 6'000'000'000'000, 100'000, false));
            done = true;
        });
        for (int i = 0; i < 40; ++i) {
            QTest::qSleep(10);
            maxPending = std::max(maxPending.load(), w.stats().pending);
        }
        QVERIFY(!done); // blocked, not buffering without bound
        QVERIFY(blocker.commit(&error));
        producer.join();
        QVERIFY(w.flush(10'000));
        const TradeWriter::Stats st = w.stats();
        QVERIFY2(maxPending <= 200, qPrintable(QString::number(maxPending)));
        QVERIFY(st.blockedMs > 0);
        QCOMPARE(st.trades, uint64_t(2000));
        QCOMPARE(st.dropped, uint64_t(0));
        w.stop();
        QCOMPARE(scalar(blocker, "SELECT count(*) FROM trades"), 2000);
    }

    void retentionKeepsTheNewestDays()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        TradeWriter::Options o;
        o.cacheDays = 3;
        o.retentionEveryMs = 100;
        o.retentionChunkRows = 7; // several chunks
        TradeWriter w(path, o);
        QString error;
        QVERIFY2(w.start(&error), qPrintable(error));
        const uint32_t sym = w.symbol(btc());
        int64_t id = 1;
        for (int day = 0; day < 10; ++day) {
            for (int i = 0; i < 10; ++i)
                w.addTrade(sym, trade(id++, kDay0 + day * kDayMs + i * 1000, 6'000'000'000'000, 100'000, false));
            MarkPrice m;
            m.eventMs = kDay0 + day * kDayMs;
            w.addMark(sym, m);
            DaySummaryRecord d;
            d.day = 19'943 + day;
            d.levels = StoredLevels{};
            w.addDaySummary(sym, d);
        }
        QVERIFY(w.flush(10'000));
        QTRY_COMPARE_WITH_TIMEOUT(w.stats().retained, uint64_t(70), 10'000);
        w.stop();
        Database db;
        QVERIFY2(db.open(path, &error), qPrintable(error));
        QCOMPARE(scalar(db, "SELECT count(*) FROM trades"), 30);
        QCOMPARE(scalar(db, "SELECT min(id) FROM trades"), 71);
        QCOMPARE(scalar(db, "SELECT min(day) FROM trade_days"), 19'950);
        QCOMPARE(scalar(db, "SELECT count(*) FROM marks"), 3);
        QCOMPARE(scalar(db, "SELECT count(*) FROM day_summaries"), 10); // kept long
    }
};

QTEST_GUILESS_MAIN(TestStorage)
#include "test_storage.moc"
