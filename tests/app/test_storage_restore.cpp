// Restore on start: replay a recorded day into the running program (Application with its cache),
// stop, start again without the replay: once the storage reports "ready", the key levels of the
// restored engine (levels, sessions, naked POCs, footprint bars with rows of every timeframe)
// equal those before the restart. Only dataQuality differs (source and tick source now "cache").
// Days older than the prior day come back from their summaries: the completed-day history
// (naked POCs) and the cumulative delta (CVD_RESET=none) equal an uninterrupted run's, also
// after a restart between every recorded day.
#include "app/Application.h"
#include "cache/CacheRecorder.h"
#include "storage/DepthBlob.h"
#include "cache/StorageService.h"
#include "storage/CacheReader.h"
#include "engine/KeyLevels.h"
#include "server/JsonEncoders.h"
#include "support/ConfigFor.h"
#include "support/SharedData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace co;

namespace {
using co::test::configFor;

// Everything of the levels, the completed-day history and the cumulative delta (with a gap in
// the recorded days both sides have no prior day: the calendar day before has no trades).
QJsonObject levelsOf(const EngineSnapshot &s)
{
    KeyLevelsOptions o;
    o.timeframes = {Timeframe::M1, Timeframe::M5, Timeframe::M15, Timeframe::M30, Timeframe::H1};
    o.rows = true;
    o.nowMs = s.lastTradeMs; // the same age before and after
    QJsonObject j = toJson(buildKeyLevels(s, o));
    j.remove("dataQuality");
    // What the engine keeps of older days: the completed-day history and the cumulative delta.
    QJsonArray history;
    for (const DaySummary &d : s.history)
        history.append(QJsonArray{qint64(d.day), qint64(d.startMs), qint64(d.endMs), d.hasTrades, qint64(d.pocRow),
                                  qint64(d.high), qint64(d.low)});
    j.insert("history", history);
    j.insert("cvdAll", qint64(s.cvdAll));
    j.insert("cvdBefore", qint64(s.today ? s.today->cvdBefore : 0));
    return j;
}

void warnDiff(const QJsonObject &before, const QJsonObject &after)
{
    for (const QString &k : before.keys())
        if (before.value(k) != after.value(k)) {
            qWarning("%s before: %s", qPrintable(k),
                     QJsonDocument(QJsonObject{{k, before.value(k)}}).toJson(QJsonDocument::Compact).left(1500).constData());
            qWarning("%s after:  %s", qPrintable(k),
                     QJsonDocument(QJsonObject{{k, after.value(k)}}).toJson(QJsonDocument::Compact).left(1500).constData());
        }
}

StorageStatus::State storageState(Application &app)
{
    const auto s = app.status().storage();
    return s ? s->state : StorageStatus::State::Starting;
}

// Runs the program once over the cache: replays `files` (after the restore), or only restores;
// returns the levels of BTCUSDT at the end.
QJsonObject runOnce(const QStringList &common, const QStringList &files)
{
    QJsonObject out;
    const bool replay = !files.isEmpty();
    Application app(configFor(common + (replay ? QStringList{"--replay"} + files + QStringList{"--exit-when-done"}
                                               : QStringList{})));
    QSignalSpy done(&app, &Application::replayDone);
    QString error;
    if (!app.start(&error))
        qFatal("start: %s", qPrintable(error));
    if (replay) {
        if (!done.wait(60'000) || !done.at(0).at(0).toBool())
            qFatal("replay failed");
    } else {
        if (!QTest::qWaitFor([&] { return app.storage()->isRestored(); }, 30'000) ||
            storageState(app) != StorageStatus::State::Ready)
            qFatal("restore failed");
    }
    if (const SnapshotPtr s = app.registry().snapshot("BTCUSDT"); s && s->hasTrade)
        out = levelsOf(*s);
    app.stop();
    return out;
}
} // namespace

class TestStorageRestore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void restoresKeyLevels_data()
    {
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("one day") << QStringList{"hftbacktest/btcusdt_20240808.gz"} << QStringList{};
        QTest::newRow("day rollover") << QStringList{"hftbacktest/btcusdt_20240718.gz", "hftbacktest/btcusdt_20240719.gz"}
                                      << QStringList{};
        // The July days are older than the prior day of 2024-08-08: they come from their summaries
        // (their trades are even past TRADE_CACHE_DAYS and deleted).
        QTest::newRow("older days, CVD_RESET=none")
            << QStringList{"hftbacktest/btcusdt_20240718.gz", "hftbacktest/btcusdt_20240719.gz",
                           "hftbacktest/btcusdt_20240808.gz"}
            << QStringList{"--cvd-reset", "none"};
    }
    void restoresKeyLevels()
    {
        QFETCH(QStringList, files);
        QFETCH(QStringList, args);
        const bool calendarGap = files.size() > 2;
        QStringList paths;
        for (const QString &f : files) {
            CO_REQUIRE_SHARED_FILE(p, f);
            paths << p;
        }
        QTemporaryDir dir;
        const QStringList common = QStringList{"--headless", "--offline", "--port", "0", "--symbols", "BTCUSDT",
                                               "--cache-db-path", dir.filePath("cache.sqlite")} +
                                   args;
        QJsonObject before;
        int64_t tradesBefore = 0;
        {
            Application app(configFor(common + QStringList{"--replay"} + paths + QStringList{"--exit-when-done"}));
            QSignalSpy done(&app, &Application::replayDone);
            QString error;
            QVERIFY2(app.start(&error), qPrintable(error));
            QVERIFY(done.wait(60'000));
            QVERIFY(done.at(0).at(0).toBool());
            const SnapshotPtr s = app.registry().snapshot("BTCUSDT");
            QVERIFY(s && s->hasTrade);
            before = levelsOf(*s);
            // The restore replays the calendar's prior day and today.
            tradesBefore = s->today->totals.trades +
                           (s->prior && s->prior->day == s->today->day - 1 ? s->prior->totals.trades : 0);
            app.stop();
        }
        {
            Application app(configFor(common));
            QString error;
            QVERIFY2(app.start(&error), qPrintable(error));
            QVERIFY(app.storage());
            QTRY_VERIFY_WITH_TIMEOUT(app.storage()->isRestored(), 30'000);
            const StorageStatus storage = app.status().storage().value_or(StorageStatus{});
            QCOMPARE(storage.state, StorageStatus::State::Ready);
            QCOMPARE(storage.restoredTrades, tradesBefore);
            const SnapshotPtr s = app.registry().snapshot("BTCUSDT");
            QVERIFY(s && s->hasTrade);
            QCOMPARE(s->symbol.tickSource, TickSource::Cache);
            const QJsonObject after = levelsOf(*s);
            if (after != before)
                warnDiff(before, after);
            QVERIFY(after == before);
            QCOMPARE(storage.seededDays, int64_t(calendarGap ? 2 : 0));
            if (calendarGap) { // the test means something: older days are kept, one POC is naked
                QCOMPARE(s->history.size(), size_t(2));
                QCOMPARE(after.value("nakedPOCs").toArray().size(), 1);
                QVERIFY(s->cvdAll != s->today->totals.delta());
            }
            app.stop();
        }
    }

    // A restart between every recorded day (each run restores, then replays the next file) ends
    // with the naked POCs, history and CVD of one run through all of them.
    void restartsBetweenDays()
    {
        const QStringList files{"hftbacktest/btcusdt_20240718.gz", "hftbacktest/btcusdt_20240719.gz",
                                "hftbacktest/btcusdt_20240808.gz"};
        QStringList paths;
        for (const QString &f : files) {
            CO_REQUIRE_SHARED_FILE(p, f);
            paths << p;
        }
        QTemporaryDir dir;
        auto common = [&](const QString &db) {
            return QStringList{"--headless", "--offline", "--port", "0", "--symbols", "BTCUSDT",
                               "--cvd-reset", "none", "--cache-db-path", dir.filePath(db)};
        };
        const QJsonObject uninterrupted = runOnce(common("one.sqlite"), paths);
        QVERIFY(!uninterrupted.isEmpty());
        QJsonObject last;
        for (const QString &p : paths)
            last = runOnce(common("restarts.sqlite"), {p});
        if (last != uninterrupted)
            warnDiff(uninterrupted, last);
        QVERIFY(last == uninterrupted);
        const QJsonObject restored = runOnce(common("restarts.sqlite"), {});
        if (restored != uninterrupted)
            warnDiff(uninterrupted, restored);
        QVERIFY(restored == uninterrupted);
    }

    // A symbol outside SYMBOLS followed on demand after a restart (StorageService::restoreSymbol,
    // asked by the follower before the feed follows it) comes back from the cache as SYMBOLS do at
    // start; the live feed then continues after the trade it gives.
    void restoresOnDemand()
    {
        CO_REQUIRE_SHARED_FILE(path, "hftbacktest/btcusdt_20240808.gz");
        QTemporaryDir dir;
        auto common = [&](const QString &symbols) {
            return QStringList{"--headless", "--offline",       "--port", "0", "--symbols", symbols,
                               "--cache-db-path", dir.filePath("cache.sqlite")};
        };
        const QJsonObject before = runOnce(common("BTCUSDT"), {path});
        QVERIFY(!before.isEmpty());
        Application app(configFor(common("ETHUSDT")));
        QString error;
        QVERIFY2(app.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(app.storage()->isRestored(), 30'000);
        QVERIFY(!app.registry().snapshot("BTCUSDT")); // not in SYMBOLS: not restored at start
        std::optional<StoredTrade> resume;
        int answers = 0;
        auto ask = [&](const std::string &symbol) {
            app.storage()->restoreSymbol(symbol, [&](std::optional<StoredTrade> t) {
                resume = t;
                ++answers;
            });
        };
        ask("BTCUSDT");
        QTRY_COMPARE_WITH_TIMEOUT(answers, 1, 30'000);
        QVERIFY(resume);
        const SnapshotPtr s = app.registry().snapshot("BTCUSDT");
        QVERIFY(s && s->hasTrade);
        QCOMPARE(resume->id, s->lastTradeId);
        QCOMPARE(s->symbol.tickSource, TickSource::Cache);
        const QJsonObject after = levelsOf(*s);
        if (after != before)
            warnDiff(before, after);
        QVERIFY(after == before);
        ask("BTCUSDT"); // its engine holds it now: the same point, nothing restored twice
        QTRY_COMPARE_WITH_TIMEOUT(answers, 2, 10'000);
        QCOMPARE(resume->id, s->lastTradeId);
        QCOMPARE(app.registry().snapshot("BTCUSDT")->today->totals.trades, s->today->totals.trades);
        ask("SOLUSDT"); // nothing stored: today is backfilled instead
        QTRY_COMPARE_WITH_TIMEOUT(answers, 3, 10'000);
        QVERIFY(!resume);
        app.stop();
    }

    // The observer side: marks and depth samples one per minute, liquidations and OI all, trades
    // the cache already had are not written again; the depth ladder survives its blob exactly.
    void recorderKeepsWhatItShould()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        TradeWriter writer(path);
        QString error;
        QVERIFY2(writer.start(&error), qPrintable(error));
        CacheRecorder rec(writer);
        rec.skipStoredUpTo("BTCUSDT", TradeSource::AggTrade, 100);
        SymbolInfo btc;
        btc.name = "BTCUSDT";
        btc.tickSize = 10'000'000;
        btc.tickSource = TickSource::ExchangeInfo;
        const int64_t t0 = 1'723'075'200'000; // 2024-08-08 00:00 UTC
        for (int64_t id = 99; id <= 102; ++id) {
            Trade t;
            t.id = id;
            t.timeMs = t0 + id;
            t.price = 6'000'000'000'000;
            t.qty = 100'000;
            rec.tradeAccepted(btc, t);
        }
        DepthSample first;
        for (int sec = 0; sec < 180; ++sec) { // 3 minutes, one update a second
            MarkPrice m;
            m.eventMs = t0 + sec * 1000;
            m.markPrice = 6'000'000'000'000 + sec;
            rec.mark(btc, m);
            DepthSample d;
            d.timeMs = t0 + sec * 1000;
            for (size_t i = 0; i < d.bidQty.size(); ++i) {
                d.bidQty[i] = int64_t(i) * 1000 + sec;
                d.askQty[i] = int64_t(i) * 2000 + sec;
                d.bidNotional[i] = double(i) * 0.5 + sec;
                d.askNotional[i] = double(i) * 0.25 + sec;
            }
            if (sec == 0)
                first = d;
            rec.depthSample(btc, d);
        }
        Liquidation l;
        l.eventMs = t0 + 5;
        l.tradeMs = t0 + 4;
        l.price = 5'990'000'000'000;
        l.filledQty = 300'000;
        rec.liquidation(btc, l);
        rec.liquidation(btc, l); // the same event again: once
        rec.openInterest(btc, {t0, 8'000'000'000'000, 0});
        QVERIFY(writer.flush(10'000));
        writer.stop();

        CacheReader r;
        QVERIFY2(r.open(path, &error), qPrintable(error));
        std::vector<int64_t> ids;
        r.scanTrades("BTCUSDT", TradeSource::AggTrade, 0, [&](std::span<const Trade> c) {
            for (const Trade &t : c)
                ids.push_back(t.id);
            return true;
        }, &error);
        QCOMPARE(ids, (std::vector<int64_t>{101, 102}));
        const auto mark = r.lastMark("BTCUSDT");
        QVERIFY(mark);
        QCOMPARE(mark->eventMs, t0 + 120'000); // the first of the third minute
        const auto depth = r.depth("BTCUSDT", 0, INT64_MAX);
        QCOMPARE(depth.size(), size_t(3));
        const auto back = decodeDepthBlob(depth[0].ladder, depth[0].timeMs);
        QVERIFY(back);
        QCOMPARE(back->timeMs, first.timeMs);
        QVERIFY(back->bidQty == first.bidQty && back->askQty == first.askQty);
        QVERIFY(back->bidNotional == first.bidNotional && back->askNotional == first.askNotional);
        QCOMPARE(r.liquidations("BTCUSDT", 0).size(), size_t(1));
        QCOMPARE(r.openInterest("BTCUSDT", 0).size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestStorageRestore)
#include "test_storage_restore.moc"
