// The arguments added to the footprint and profile tools, worked by hand on the fixture's BTCUSDT
// day (minute i of 0..10 trades kVolumes[i] at 100 + i, sells before minute 5, buys after; the prior
// day 120×2 buy at 21:00, 121×1 sell at 22:00, 120×1 buy at 23:00): 4h and 1d bars,
// valueAreaPercent, the session profile's interval and the TPO's singlePrintsMode.
#include "ServerFixture.h"
#include "server/ProfileArgs.h"

class TestServerProfileArgs : public ServerTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServer(); }
    void cleanupTestCase() { stopServer(); }

    // UTC-aligned: the prior day's three trades fall in the 20:00 4h bar and the 2024-08-07 1d bar.
    void longTimeframes()
    {
        for (const char *tf : {"4h", "1d"}) {
            const QJsonObject r = ok("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", tf}});
            QCOMPARE(r["timeframe"].toString(), QString(tf));
            const QJsonArray bars = r["bars"].toArray();
            QCOMPARE(bars.size(), 2);
            const qint64 span = QString(tf) == "4h" ? 4 * kMsPerHour : kMsPerDay;
            QCOMPARE(bars[0].toObject()["openTime"].toInteger(), kDay - span);
            QCOMPARE(num(bars[0].toObject(), "volume"), 4.0);
            QCOMPARE(num(bars[0].toObject(), "delta"), 2.0); // 2 + 1 − 1
            QCOMPARE(bars[1].toObject()["openTime"].toInteger(), kDay);
            QCOMPARE(num(bars[1].toObject(), "volume"), 340.0);
            QCOMPARE(num(bars[1].toObject(), "poc"), 105.0);
            const QJsonObject st = ok("get_footprint_statistics", {{"symbol", "BTCUSDT"}, {"timeframe", tf}});
            QCOMPARE(st["bars"].toArray().size(), 2);
            QCOMPARE(num(st["bars"].toArray()[1].toObject(), "vah"), 107.0);
        }
        const QString e = toolError("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "2h"}});
        QVERIFY2(e.startsWith("Invalid timeframe '2h'") && e.contains("4h") && e.contains("1d"), qPrintable(e));
        const Http rest = request(port_, "GET", "/api/footprint-statistics/BTCUSDT?timeframe=1d");
        QCOMPARE(rest.status, 200);
        QCOMPARE(rest.json()["bars"].toArray().size(), 2);
    }

    // Example A at 50 %: target 170; POC 105 (100), above 106+107 (60) → 160, below 104+103 (55)
    // → 215 ≥ 170: VA 103..107 (at 70 % it went on to 101).
    void valueAreaPercent()
    {
        const QJsonObject s = ok("get_session_profile", {{"symbol", "BTCUSDT"}, {"session", "tokyo"}, {"valueAreaPercent", 50}});
        const QJsonObject tokyo = s["sessions"].toArray()[0].toObject();
        QCOMPARE(num(tokyo, "poc"), 105.0);
        QCOMPARE(num(tokyo, "val"), 103.0);
        QCOMPARE(num(tokyo, "vah"), 107.0);
        QCOMPARE(num(s, "valueAreaPercent"), 50.0);
        const QJsonObject k = ok("get_key_levels", {{"symbol", "BTCUSDT"}, {"valueAreaPercent", 50}});
        QCOMPARE(num(k, "dVAL"), 103.0);
        QCOMPARE(num(k, "dVAH"), 107.0);
        const QJsonObject bar = ok("get_footprint_statistics", {{"symbol", "BTCUSDT"}, {"timeframe", "1h"}, {"valueAreaPercent", 50}});
        QCOMPARE(num(bar["bars"].toArray().last().toObject(), "val"), 103.0);
        const QJsonObject fp = ok("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "1h"}, {"valueAreaPercent", 50}});
        QCOMPARE(num(fp["bars"].toArray().last().toObject(), "val"), 103.0);
        // TPO volume VA with 50 %: the same rows.
        const QJsonObject t = ok("get_tpo_profile", {{"symbol", "BTCUSDT"}, {"valueAreaPercent", 50}});
        QCOMPARE(num(t["volume"].toObject(), "val"), 103.0);
        // The default (70 %) is untouched by a call that asked for 50.
        QCOMPARE(num(ok("get_key_levels", {{"symbol", "BTCUSDT"}}), "dVAL"), 101.0);
        for (const char *tool : {"get_footprint", "get_footprint_statistics", "get_session_profile", "get_tpo_profile", "get_key_levels"}) {
            for (const double bad : {0.0, 100.5}) {
                const QString e = toolError(tool, argsFor(tool, bad));
                QVERIFY2(e.startsWith("Invalid valueAreaPercent") && e.contains("1") && e.contains("100"), qPrintable(e));
            }
        }
    }

    // interval 5m over Tokyo's minutes 0..10: [00:00, 135 sold], [00:05, 200 bought], [00:10, 5 bought].
    void sessionInterval()
    {
        const QJsonObject s = ok("get_session_profile", {{"symbol", "BTCUSDT"}, {"session", "tokyo"}, {"interval", "5m"}});
        QCOMPARE(s["interval"].toString(), QString("5m"));
        const QJsonArray iv = s["sessions"].toArray()[0].toObject()["intervals"].toArray();
        QCOMPARE(iv, (QJsonArray{QJsonArray{qint64(kDay), 135.0, -135.0}, QJsonArray{qint64(kDay + 5 * kMsPerMinute), 200.0, 200.0},
                                 QJsonArray{qint64(kDay + 10 * kMsPerMinute), 5.0, 5.0}}));
        QVERIFY(!ok("get_session_profile", {{"symbol", "BTCUSDT"}})["sessions"].toArray()[0].toObject().contains("intervals"));
        const QString e = toolError("get_session_profile", {{"symbol", "BTCUSDT"}, {"interval", "4h"}});
        QVERIFY2(e.startsWith("Invalid interval '4h'") && e.contains("15m"), qPrintable(e));
    }

    // periodMinutes 5: every row 100..110 has one letter: one single-print run of 11 rows.
    void singlePrintsMode()
    {
        const QJsonObject c = ok("get_tpo_profile", {{"symbol", "BTCUSDT"}, {"periodMinutes", 5}});
        QVERIFY(!c.contains("singlePrintLevels"));
        const QJsonObject f = ok("get_tpo_profile", {{"symbol", "BTCUSDT"}, {"periodMinutes", 5}, {"singlePrintsMode", "full"}});
        QJsonArray want;
        for (int p = 100; p <= 110; ++p)
            want.append(double(p));
        QCOMPARE(f["singlePrintLevels"].toArray(), want);
        QCOMPARE(f["singlePrints"].toArray(), c["singlePrints"].toArray());
        const QString e = toolError("get_tpo_profile", {{"symbol", "BTCUSDT"}, {"singlePrintsMode", "all"}});
        QVERIFY2(e.startsWith("Invalid singlePrintsMode 'all'") && e.contains("compact") && e.contains("full"), qPrintable(e));
    }

    // Stacked-zone formation in the 00:00 1h bar, minute by minute: sells at 100, 101, 102 stand
    // imbalanced once minute 2 (102) has a row above it, i.e. after minute 3 (103): SELL 100..102 at
    // 00:03; buys from 106 up (105's 100 < 3 × 45) make BUY 106..108 once 108 printed (00:08).
    // No trade reaches LARGE_TRADE_NOTIONAL: bigTradeCount 0, bigTrades [].
    void barLists()
    {
        const QJsonObject compact = ok("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "1h"}});
        const QJsonObject last = compact["bars"].toArray().last().toObject();
        QCOMPARE(last["bigTradeCount"].toInt(), 0);
        QVERIFY(!last.contains("bigTrades") && !last.contains("events"));
        const QJsonObject full = ok("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "1h"}, {"compact", false}});
        const QJsonObject b = full["bars"].toArray().last().toObject();
        QCOMPARE(b["bigTrades"].toArray(), QJsonArray());
        const QJsonArray ev = b["events"].toArray();
        QCOMPARE(ev.size(), 2);
        QCOMPARE(ev[0].toObject(), (QJsonObject{{"type", "stackedZoneFormed"}, {"time", qint64(kDay + 3 * kMsPerMinute)},
                                                {"side", "SELL"}, {"low", 100.0}, {"high", 102.0}, {"rows", 3}}));
        QCOMPARE(ev[1].toObject()["time"].toInteger(), kDay + 8 * kMsPerMinute);
        QCOMPARE(ev[1].toObject()["side"].toString(), QString("BUY"));
        QCOMPARE(num(ev[1].toObject(), "low"), 106.0);
        QCOMPARE(num(ev[1].toObject(), "high"), 108.0);
        const QJsonObject asked = ok("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "1h"}, {"includeEvents", true}});
        QCOMPARE(asked["bars"].toArray().last().toObject()["events"].toArray(), ev);
        QVERIFY(!asked["bars"].toArray().last().toObject().contains("bigTrades"));
    }

    // compact keeps the 10 longest single-print ranges, in price order: twelve ranges at 1, 3 … 23
    // of 12, 2, 3 … 11, 1 rows: the one of 1 row (at 23) and the one of 2 (at 3) are left out.
    void compactSinglePrintRanges()
    {
        TpoProfile t;
        const int rows[12] = {12, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1};
        for (int i = 0; i < 12; ++i)
            t.singlePrints.push_back({double(1 + 2 * i), double(1 + 2 * i), rows[i]});
        const QJsonArray c = compactSinglePrints(t);
        QCOMPARE(c.size(), 10);
        QCOMPARE(num(c.first().toObject(), "low"), 1.0);  // 12 rows
        QCOMPARE(num(c.last().toObject(), "low"), 21.0);  // 11 rows; 23 (1 row) and 3 (2 rows) dropped
        QCOMPARE(num(c[1].toObject(), "low"), 5.0);
    }

private:
    static QJsonObject argsFor(const char *tool, double va)
    {
        QJsonObject o{{"symbol", "BTCUSDT"}, {"valueAreaPercent", va}};
        if (QString(tool).startsWith("get_footprint"))
            o.insert("timeframe", "5m");
        return o;
    }
};

QTEST_MAIN(TestServerProfileArgs)
#include "test_server_profile_args.moc"
