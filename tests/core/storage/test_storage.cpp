// core/storage: the batched TradeWriter (dedupe, flush,
// back-pressure against a locked database), exact round trips of prices and quantities, the
// restore scan, retention, and the record codecs (depth blob, stored key levels) with the
// migration of day summaries stored as the API's JSON. Expected values are the hand-made inputs.
#include "storage/CacheReader.h"
#include "storage/Database.h"
#include "storage/DepthBlob.h"
#include "storage/Sqlite.h"
#include "storage/StoredLevels.h"
#include "storage/TradeWriter.h"

#include "support/Fixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
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

// A file as schema 2 left it (migrations 0001 and 0002 only), then `sql`.
bool schema2File(const QString &path, const QByteArray &sql, QString *error)
{
    sqlite3 *raw = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &raw) != SQLITE_OK)
        return false;
    QByteArray script;
    for (const char *m : {":/migrations/0001_initial.sql", ":/migrations/0002_day_delta.sql"}) {
        QFile f(m);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        script += f.readAll() + "\n";
    }
    script += "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL);"
              "INSERT INTO schema_version VALUES (1, '0001_initial.sql', 0), (2, '0002_day_delta.sql', 0);" +
              sql;
    const bool ok = execScript(raw, script, error);
    sqlite3_close(raw);
    return ok;
}

// Every optional present (and values a 15-digit rendering would change), or none.
StoredLevels storedLevels(bool full)
{
    StoredLevels l;
    l.symbol = "BTCUSDT";
    l.date = "2024-07-18";
    l.tickSize = 0.1;
    l.trades = 4567;
    l.volume = 353.5;
    l.buyVolume = 0.1 + 0.2;
    l.sellVolume = 183.25;
    l.delta = -12.345678901234567;
    l.cvd = 1e-300;
    if (!full)
        return l;
    l.open = 67000;
    l.high = 67300;
    l.low = 66900.5;
    l.close = 67125.1;
    l.vwap = 67123.45678901234;
    l.vwapSigma = 12.345678901234567;
    l.poc = 67100.2;
    l.vah = 67200.3;
    l.val = 67000.1;
    l.priorVwap = 66777.77777777778;
    l.priorPoc = 66800;
    l.priorVah = 67000;
    l.priorVal = 66500;
    l.priorHigh = 67500;
    l.priorLow = 66000;
    l.priorClose = 66999.9;
    StoredSession london{"london", "07:00", "16:30", 3, 67050, 66950, 66990, 67010, 2.75, 1.5, 1.25, 0.25,
                         67001.33333333333, true};
    l.sessions = {{"tokyo", "00:00", "09:00", 0, {}, {}, {}, {}, {}, {}, {}, {}, {}, false}, london};
    l.nakedPocs = {{"2024-07-17", 67100, -25.1, -0.037}, {"2024-07-15", 65000, -2125.1, -3.166}};
    StoredQuality &q = l.quality;
    q.live = true;
    q.source = "cache";
    q.ageMs = 12345;
    q.fromMs = 1'721'260'800'000;
    q.toMs = 1'721'347'200'000;
    q.coverage = 0.9876543210987654;
    q.tradeSource = TradeSource::Trade;
    q.tickSize = 10'000'000;
    q.tickSource = TickSource::ExchangeInfo;
    q.gaps = {{1'721'260'900'000, 1'721'260'901'000, 9'007'199'254'740'993, 9'007'199'254'740'995, "id_gap"},
              {5, 6, 0, 0, "ws_reconnect"}};
    q.gapsOmitted = 7;
    q.excluded = {{"ADL", 3}, {"INSURANCE_FUND", 4}};
    q.duplicates = 2;
    q.offGridTrades = 1;
    q.warnings = {"w1", "w\u00e92"};
    return l;
}
} // namespace

class TestStorage : public QObject {
    Q_OBJECT
private Q_SLOTS:
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

    // A depth sample's bytes decode to the same sample; bytes it did not write do not decode.
    void depthBlobRoundTrip()
    {
        DepthSample s;
        s.timeMs = kDay0 + 1000;
        for (size_t i = 0; i < size_t(kDepthLadderBands); ++i) {
            s.bidQty[i] = int64_t(i) * 100'000'000 + 1;
            s.askQty[i] = INT64_MAX - int64_t(i);
            s.bidNotional[i] = 0.1 * double(i) + 1e-9;
            s.askNotional[i] = -double(i) / 3;
        }
        const QByteArray blob = encodeDepthBlob(s);
        const auto back = decodeDepthBlob(blob, s.timeMs);
        QVERIFY(back);
        QCOMPARE(back->timeMs, s.timeMs);
        QVERIFY(back->bidQty == s.bidQty && back->askQty == s.askQty);
        QVERIFY(back->bidNotional == s.bidNotional && back->askNotional == s.askNotional);
        QVERIFY(!decodeDepthBlob(QByteArray("not a blob"), 0));
        QByteArray raw = qUncompress(blob);
        raw[0] = 2; // another version
        QVERIFY(!decodeDepthBlob(qCompress(raw), 0));
        QVERIFY(!decodeDepthBlob(qCompress(raw.left(raw.size() - 1)), 0));
    }

    void storedLevelsRoundTrip_data()
    {
        QTest::addColumn<bool>("full");
        QTest::newRow("every optional") << true;
        QTest::newRow("no optional") << false;
    }
    void storedLevelsRoundTrip()
    {
        QFETCH(bool, full);
        const StoredLevels l = storedLevels(full);
        const QByteArray text = encodeStoredLevels(l);
        const auto back = decodeStoredLevels(text);
        QVERIFY(back);
        QVERIFY(*back == l);
        QCOMPARE(back->vwap.has_value(), full);
        QCOMPARE(back->quality.tradeSource.has_value(), full);
        // Storage's own keys and version, not the API's.
        const QJsonObject o = QJsonDocument::fromJson(text).object();
        QCOMPARE(o["v"].toInt(), 1);
        QVERIFY(o.contains("buy_volume") && !o.contains("buyVolume") && !o.contains("dataQuality"));
        QVERIFY(!decodeStoredLevels(QByteArray(text).replace("\"v\":1", "\"v\":2")));
        QVERIFY(!decodeStoredLevels("{\"symbol\":\"BTCUSDT\"}")); // no version: the API's JSON
        QVERIFY(!decodeStoredLevels("garbage"));
    }

    // Schema 3 turns day summaries stored as the API's JSON (schema 2) into records: every value
    // kept exactly (17 significant digits), absent ones stay absent, the quality's tick back in
    // 1e-8 units, band centre = dVWAP. A row that is not JSON stays as it was and reads as nullopt.
    void migrationConvertsStoredAnswers()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        // Written as toJson(KeyLevels) wrote it (keys sorted), with the fields only the API has.
        const QByteArray full =
            R"({"buyVolume":0.30000000000000004,"close":67125.1,"cvd":1e-300,"dPOC":67100.2,"dVAH":67200.3,)"
            R"("dVAL":67000.1,"dVWAP":67123.45678901234,"dataQuality":{"ageMs":12345,"coverage":0.9876543210987654,)"
            R"("duplicates":2,"excluded":{"ADL":3,"INSURANCE_FUND":4},"fromIso":"2024-07-18T00:00:00.000Z",)"
            R"("fromMs":1721260800000,"gaps":[{"fromId":9007199254740993,"fromMs":1721260900000,"reason":"id_gap",)"
            R"("toId":9007199254740995,"toMs":1721260901000},{"fromMs":5,"reason":"ws_reconnect","toMs":6}],)"
            R"("gapsOmitted":7,"live":true,"offGridTrades":1,"source":"cache","tickSize":0.1,)"
            R"("tickSource":"exchangeInfo","toIso":"2024-07-19T00:00:00.000Z","toMs":1721347200000,)"
            R"("tradeSource":"trade","warnings":["w1","w\u00e92"]},"date":"2024-07-18",)"
            R"("delta":-12.345678901234567,"high":67300,"low":66900.5,"nakedPOCs":[{"date":"2024-07-17",)"
            R"("distance":-25.1,"distancePct":-0.037,"price":67100},{"date":"2024-07-15","distance":-2125.1,)"
            R"("distancePct":-3.166,"price":65000}],"open":67000,"pdClose":66999.9,"pdHigh":67500,"pdLow":66000,)"
            R"("pdPOC":66800,"pdVAH":67000,"pdVAL":66500,"pdVWAP":66777.77777777778,"sellVolume":183.25,)"
            R"("sessions":{"london":{"active":true,"buyVolume":1.5,"close":67010,"delta":0.25,"end":"16:30",)"
            R"("high":67050,"low":66950,"open":66990,"sellVolume":1.25,"start":"07:00","trades":3,"volume":2.75,)"
            R"("vwap":67001.33333333333},"tokyo":{"active":false,"end":"09:00","start":"00:00","trades":0}},)"
            R"("symbol":"BTCUSDT","tickSize":0.1,"trades":4567,"volume":353.5,"vwapBands":{"+1":67135.80246791357,)"
            R"("+2":67148.1481,"+3":67160.49,"-1":67111.1,"-2":67098.7,"-3":67086.4,"sigma":12.345678901234567}})";
        const QByteArray bare = R"({"buyVolume":0.30000000000000004,"cvd":1e-300,"dataQuality":{"ageMs":0,)"
                                R"("coverage":0,"duplicates":0,"excluded":{},"gaps":[],"live":false,"offGridTrades":0,)"
                                R"("source":"","tickSource":"inferred","warnings":[]},"date":"2024-07-18",)"
                                R"("delta":-12.345678901234567,"nakedPOCs":[],"sellVolume":183.25,"sessions":{},)"
                                R"("symbol":"BTCUSDT","tickSize":0.1,"trades":4567,"volume":353.5})";
        QString error;
        QVERIFY2(schema2File(path,
                             "INSERT INTO symbols(id, name, price_unit, qty_unit) VALUES (1, 'BTCUSDT', 10000000, 100000);"
                             "INSERT INTO day_summaries VALUES (1, 'UTC', 19922, 0, 1, 1, 1, 1, 1, 1, '" + full + "', 0, 5);"
                             "INSERT INTO day_summaries VALUES (1, 'UTC', 19923, 0, 1, 1, 1, 1, 1, 1, '" + bare + "', 0, 6);"
                             "INSERT INTO day_summaries VALUES (1, 'UTC', 19924, 0, 1, 1, 1, 1, 1, 1, 'not json', 0, 7);",
                             &error),
                 qPrintable(error));
        {
            Database db;
            QVERIFY2(db.open(path, &error), qPrintable(error));
            QCOMPARE(db.schemaVersion(), Database::knownSchemaVersion());
        }
        CacheReader r;
        QVERIFY2(r.open(path, &error), qPrintable(error));
        const auto days = r.daySummaries("BTCUSDT", "UTC", 0, false, &error);
        QCOMPARE(days.size(), size_t(3));
        QVERIFY(days[0].levels && days[1].levels);
        StoredLevels expected = storedLevels(true);
        // The API keeps sessions by name (sorted) and the tick source of the quality by name.
        QCOMPARE(days[0].levels->sessions.size(), size_t(2));
        QCOMPARE(QString::fromStdString(days[0].levels->sessions[0].name), QString("london"));
        std::swap(expected.sessions[0], expected.sessions[1]);
        QVERIFY(*days[0].levels == expected);
        QVERIFY(*days[1].levels == storedLevels(false));
        QVERIFY(!days[2].levels);
        QCOMPARE(days[1].delta, 6); // the row's other columns are untouched
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
