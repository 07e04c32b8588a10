// Trade blocks (storage/TradeBlock, TradeBlockStore, migration 0004): the codec round trips
// random and recorded trades exactly (edge ids, negative deltas, off-grid values) and refuses a
// cut or damaged block; the store keeps every id once whatever the order, merges late trades
// into the blocks they fall in, keeps the open rows readable, and a cache written by schema 3
// is read as it is, then sealed into blocks by the writer. Retention deletes whole old blocks.
#include "storage/CacheReader.h"
#include "storage/Database.h"
#include "storage/Sqlite.h"
#include "storage/TradeBlock.h"
#include "storage/TradeBlockStore.h"
#include "storage/TradeWriter.h"

#include "support/FakeMarketData.h"
#include "support/Fixtures.h"
#include "support/SharedData.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <limits>

using namespace co;

namespace {
constexpr int64_t kDay0 = 19'943LL * 86'400'000; // 2024-08-08 00:00 UTC
constexpr TradeBlockUnits kBtcUnits{10'000'000, 100'000}; // tick 0.1, step 0.001

bool sameTrades(const std::vector<Trade> &a, const std::vector<Trade> &b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const Trade &x, const Trade &y) {
               return x.id == y.id && x.timeMs == y.timeMs && x.price == y.price && x.qty == y.qty &&
                      x.buyerMaker == y.buyerMaker && x.source == y.source;
           });
}

std::vector<Trade> roundTrip(const std::vector<Trade> &in, TradeBlockUnits u)
{
    const std::string blob = encodeTradeBlock(in, u);
    std::vector<Trade> out;
    QString error;
    if (!decodeTradeBlock(blob, u, TradeSource::AggTrade, out, &error))
        qWarning("%s", qPrintable(error));
    return out;
}

// ids firstId.. (every `gap`-th missing), on the BTC grid.
std::vector<Trade> series(int64_t firstId, int n, int gap = 0)
{
    std::vector<Trade> out;
    for (int64_t id = firstId; int(out.size()) < n; ++id) {
        if (gap && id % gap == 0)
            continue;
        Trade t;
        t.id = id;
        t.timeMs = kDay0 + (id - firstId) * 7;
        t.price = 6'000'000'000'000 + (id % 13) * 10'000'000;
        t.qty = 100'000 * (1 + id % 9);
        t.buyerMaker = id % 3 == 0;
        out.push_back(t);
    }
    return out;
}

std::vector<Trade> scanAll(const QString &path)
{
    CacheReader r;
    QString error;
    std::vector<Trade> out;
    if (!r.open(path, &error) || !r.scanTrades("BTCUSDT", TradeSource::AggTrade, 0,
                                                [&](std::span<const Trade> c) {
                                                    out.insert(out.end(), c.begin(), c.end());
                                                    return true;
                                                },
                                                &error, 1000))
        qWarning("%s", qPrintable(error));
    return out;
}

int64_t scalar(const QString &path, const char *sql)
{
    Database db;
    QString error;
    if (!db.open(path, &error))
        return -1;
    Statement q(db.handle(), sql);
    return q.step() ? q.int64(0) : -1;
}
} // namespace

class TestTradeBlocks : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void codecRandomRoundTrip()
    {
        QRandomGenerator rnd(20'240'808);
        for (int round = 0; round < 200; ++round) {
            const int n = 1 + int(rnd.bounded(5000));
            const bool offGrid = round % 5 == 0;
            std::vector<Trade> in;
            int64_t id = rnd.bounded(2) ? int64_t(rnd.generate64() >> 2) : int64_t(rnd.bounded(1000));
            int64_t t = kDay0;
            for (int i = 0; i < n; ++i) {
                Trade x;
                id += 1 + int64_t(rnd.bounded(i % 100 == 0 ? 1'000'000 : 3)); // gaps, some large
                x.id = id;
                t += int64_t(rnd.bounded(200)) - 20; // times may step back
                x.timeMs = t;
                x.price = (1 + int64_t(rnd.bounded(1'000'000))) * kBtcUnits.price + (offGrid ? rnd.bounded(7) : 0);
                x.qty = (1 + int64_t(rnd.bounded(100'000))) * kBtcUnits.qty + (offGrid ? rnd.bounded(3) : 0);
                x.buyerMaker = rnd.bounded(2);
                in.push_back(x);
            }
            QVERIFY2(sameTrades(roundTrip(in, kBtcUnits), in), qPrintable(QString::number(round)));
        }
    }

    void codecEdgeValues()
    {
        std::vector<Trade> in(5);
        const int64_t big = std::numeric_limits<int64_t>::max();
        const int64_t ids[] = {0, 1, big / 2, big - 1, big};
        for (size_t i = 0; i < in.size(); ++i) {
            in[i].id = ids[i];
            in[i].timeMs = i % 2 ? big / 4 : -5; // large negative deltas
            in[i].price = i % 2 ? 1 : std::numeric_limits<int64_t>::max() / 2;
            in[i].qty = int64_t(i);
            in[i].buyerMaker = i % 2;
        }
        QVERIFY(sameTrades(roundTrip(in, kBtcUnits), in));
        QVERIFY(sameTrades(roundTrip({in.front()}, {1, 1}), {in.front()}));
    }

    void codecRecordedTrades()
    {
        CO_REQUIRE_SHARED_FILE(aug, "hftbacktest/btcusdt_20240808.gz");
        QString error;
        const auto data = co::test::fakeDataFromRecording({aug}, &error);
        QVERIFY2(data, qPrintable(error));
        const std::vector<Trade> &all = data->trades;
        QVERIFY(all.size() > 20'000);
        size_t bytes = 0;
        for (size_t at = 0; at < all.size(); at += TradeBlockStore::kBlockTrades) {
            const std::vector<Trade> part(all.begin() + ptrdiff_t(at),
                                          all.begin() + ptrdiff_t(std::min(all.size(), at + TradeBlockStore::kBlockTrades)));
            bytes += encodeTradeBlock(part, kBtcUnits).size();
            QVERIFY(sameTrades(roundTrip(part, kBtcUnits), part));
        }
        const double perTrade = double(bytes) / double(all.size());
        qInfo("recorded BTCUSDT trades: %.2f bytes per trade in blocks (rows: ~33)", perTrade);
        QVERIFY(perTrade < 8);
    }

    void codecRefusesACutOrDamagedBlock()
    {
        const std::vector<Trade> in = series(1000, 3000);
        const std::string blob = encodeTradeBlock(in, kBtcUnits);
        std::vector<Trade> out = series(1, 2); // left as it was on failure
        QString error;
        for (size_t len : {size_t(0), size_t(3), size_t(4), size_t(10), blob.size() / 2, blob.size() - 1}) {
            QVERIFY(!decodeTradeBlock(std::string_view(blob).substr(0, len), kBtcUnits, TradeSource::AggTrade, out, &error));
            QCOMPARE(out.size(), size_t(2));
            QVERIFY(!error.isEmpty());
        }
        for (size_t at = 4; at < blob.size(); at += 97) {
            std::string bad = blob;
            bad[at] = char(bad[at] ^ 0x20);
            QVERIFY2(!decodeTradeBlock(bad, kBtcUnits, TradeSource::AggTrade, out, &error), qPrintable(QString::number(at)));
            QCOMPARE(out.size(), size_t(2));
        }
    }

    // Out of order, repeated, late trades into closed blocks: each id once, blocks never overlap.
    void writerStoresEachIdOnce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        const std::vector<Trade> all = series(5'000'000'000, 30'000);
        std::vector<Trade> first, late;
        for (size_t i = 0; i < all.size(); ++i)
            (i % 11 == 5 ? late : first).push_back(all[i]);
        {
            TradeWriter w(path);
            QString error;
            QVERIFY2(w.start(&error), qPrintable(error));
            const uint32_t sym = w.symbol(co::test::btcusdt());
            QRandomGenerator rnd(7);
            for (size_t i = 0; i < first.size(); ++i) {
                // Small local disorder and repeats, as a reconnect replays.
                const size_t j = std::min(first.size() - 1, i + rnd.bounded(3));
                w.addTrade(sym, first[j]);
                w.addTrade(sym, first[i]);
                if (i % 5000 == 0)
                    QVERIFY(w.flush(10'000));
            }
            QVERIFY(w.flush(10'000));
            QVERIFY(scalar(path, "SELECT count(*) FROM trade_blocks") >= 5);
            for (const Trade &t : late) // backfill of holes inside closed blocks
                w.addTrade(sym, t);
            for (size_t i = 0; i < 5000; ++i)
                w.addTrade(sym, all[i]);
            QVERIFY(w.flush(10'000));
            QCOMPARE(w.stats().dropped, uint64_t(0));
        }
        QVERIFY(sameTrades(scanAll(path), all));
        QCOMPARE(scalar(path, "SELECT count(*) FROM trade_blocks a JOIN trade_blocks b ON a.sym = b.sym AND "
                              "a.src = b.src AND a.first_id < b.first_id AND b.first_id <= a.last_id"),
                 0);
        QCOMPARE(scalar(path, "SELECT (SELECT sum(n) FROM trade_blocks) + (SELECT count(*) FROM trades)"),
                 int64_t(all.size()));
        QVERIFY(scalar(path, "SELECT count(*) FROM trades") < int64_t(TradeBlockStore::kBlockTrades));
    }

    // The newest trades (less than a block) are readable at once, from the open rows.
    void openRowsAreReadable()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        const std::vector<Trade> all = series(1, 4096 + 100);
        TradeWriter w(path);
        QString error;
        QVERIFY2(w.start(&error), qPrintable(error));
        const uint32_t sym = w.symbol(co::test::btcusdt());
        for (const Trade &t : all)
            w.addTrade(sym, t);
        QVERIFY(w.flush(10'000));
        QCOMPARE(scalar(path, "SELECT count(*) FROM trade_blocks"), 1);
        QCOMPARE(scalar(path, "SELECT count(*) FROM trades"), 100);
        QVERIFY(sameTrades(scanAll(path), all));
        CacheReader r;
        QVERIFY(r.open(path, &error));
        QCOMPARE(r.lastTrade("BTCUSDT")->id, all.back().id);
        // A scan from the middle of the block starts at the right trade.
        std::vector<Trade> tail;
        QVERIFY(r.scanTrades("BTCUSDT", TradeSource::AggTrade, all[3000].timeMs,
                             [&](std::span<const Trade> c) {
                                 tail.insert(tail.end(), c.begin(), c.end());
                                 return true;
                             },
                             &error));
        QCOMPARE(tail.front().id, all[3000].id);
        QCOMPARE(tail.size(), all.size() - 3000);
    }

    // A cache written by schema 3 (one row per trade): read as it is after the migration, then
    // sealed into blocks by the writer, nothing lost or doubled.
    void migratesARowCache()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        const std::vector<Trade> all = series(100, 50'000, 17);
        {
            sqlite3 *raw = nullptr;
            QCOMPARE(sqlite3_open(path.toUtf8().constData(), &raw), SQLITE_OK);
            QByteArray script = "PRAGMA page_size=16384; CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                                "name TEXT NOT NULL, applied_ms INTEGER NOT NULL);";
            for (const char *m : {":/migrations/0001_initial.sql", ":/migrations/0002_day_delta.sql",
                                  ":/migrations/0003_stored_levels.sql"}) {
                QFile f(m);
                QVERIFY(f.open(QIODevice::ReadOnly));
                script += f.readAll() + "\n";
            }
            script += "INSERT INTO schema_version VALUES (1, '0001_initial.sql', 0), (2, '0002_day_delta.sql', 0), "
                      "(3, '0003_stored_levels.sql', 0);"
                      "INSERT INTO symbols(id, name, price_unit, qty_unit, tick_size, step_size) "
                      "VALUES (1, 'BTCUSDT', 10000000, 100000, 10000000, 100000);";
            QString error;
            QVERIFY2(execScript(raw, script, &error), qPrintable(error));
            QVERIFY(execScript(raw, "BEGIN", &error));
            Statement ins(raw, "INSERT INTO trades(sym, src, id, t, p, q, s) VALUES (1, 0, ?, ?, ?, ?, ?)");
            for (const Trade &t : all) {
                ins.bind(1, t.id);
                ins.bind(2, t.timeMs);
                ins.bind(3, t.price / kBtcUnits.price);
                ins.bind(4, t.qty / kBtcUnits.qty);
                ins.bind(5, t.buyerMaker ? 1 : 0);
                QVERIFY2(ins.exec(), qPrintable(ins.error()));
            }
            ins = Statement();
            Statement day(raw, "INSERT INTO trade_days VALUES (1, 0, ?, ?, ?, ?, ?)");
            day.bind(1, kDay0 / 86'400'000);
            day.bind(2, all.front().id);
            day.bind(3, all.back().id);
            day.bind(4, all.front().timeMs);
            day.bind(5, all.back().timeMs);
            QVERIFY(day.exec());
            day = Statement();
            QVERIFY(execScript(raw, "COMMIT", &error));
            sqlite3_close(raw);
        }
        // Migrated on open; the rows read as they are.
        QVERIFY(scalar(path, "SELECT max(version) FROM schema_version") >= 4); // 0004 and any later
        QVERIFY(sameTrades(scanAll(path), all));
        // The writer seals them between batches (no new trade needed), a few blocks at a time.
        {
            TradeWriter w(path);
            QString error;
            QVERIFY2(w.start(&error), qPrintable(error));
            QTRY_VERIFY_WITH_TIMEOUT(scalar(path, "SELECT count(*) FROM trades") < 4096, 20'000);
            // Its progress (/healthz storage.conversion, the GUI's task bar): every row, all done.
            QTRY_COMPARE_WITH_TIMEOUT(w.stats().convertedRows, int64_t(all.size()), 5'000);
            QCOMPARE(w.stats().convertRows, int64_t(all.size()));
        }
        QCOMPARE(scalar(path, "SELECT count(*) FROM trade_blocks"), int64_t(all.size() / 4096));
        QVERIFY(sameTrades(scanAll(path), all));
        CacheReader r;
        QString error;
        QVERIFY(r.open(path, &error));
        QCOMPARE(r.lastTrade("BTCUSDT")->id, all.back().id);
    }

    void retentionDropsWholeOldBlocks()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        TradeWriter::Options o;
        o.cacheDays = 2;
        o.retentionEveryMs = 100;
        o.retentionChunkRows = 5000;
        TradeWriter w(path, o);
        QString error;
        QVERIFY2(w.start(&error), qPrintable(error));
        const uint32_t sym = w.symbol(co::test::btcusdt());
        std::vector<Trade> all;
        int64_t id = 1;
        for (int day = 0; day < 4; ++day)
            for (int i = 0; i < 8192; ++i) {
                Trade t = series(id, 1).front();
                t.timeMs = kDay0 + day * 86'400'000LL + i * 10;
                all.push_back(t);
                w.addTrade(sym, all.back());
                ++id;
            }
        QVERIFY(w.flush(10'000));
        QTRY_COMPARE_WITH_TIMEOUT(w.stats().retained, uint64_t(2 * 8192), 10'000);
        w.stop();
        all.erase(all.begin(), all.begin() + 2 * 8192);
        QVERIFY(sameTrades(scanAll(path), all));
    }
};

QTEST_GUILESS_MAIN(TestTradeBlocks)
#include "test_trade_blocks.moc"
