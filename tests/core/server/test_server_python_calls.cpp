// The Python server's argument names and spellings, worked by hand on the fixture's BTCUSDT day
// (minute i of 0..10 trades kVolumes[i] at 100 + i, sells before minute 5, buys after; the prior
// day 120×2 buy at 21:00, 121×1 sell at 22:00, 120×1 buy at 23:00; tick 1).
#include "ServerFixture.h"

class TestServerPythonCalls : public ServerTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServer(); }
    void cleanupTestCase() { stopServer(); }

    // windowStartMs/windowEndMs: minutes 0..4 sell 5, 15, 60, 10, 45 at 100..104: volume 135, POC 102
    // (60); VA 70 % of 135 = 94.5: above 103+104 = 55 beats below 101+100 = 20 → 115: VA 102..104.
    void sessionWindow()
    {
        const QJsonObject r = ok("get_session_profile", {{"symbol", "BTCUSDT"}, {"windowStartMs", qint64(kDay)},
                                                         {"windowEndMs", qint64(kDay + 5 * kMsPerMinute)}, {"mode", "raw"}, {"normalizeSeconds", 3}});
        const QJsonArray s = r["sessions"].toArray();
        QCOMPARE(s.size(), 1);
        const QJsonObject w = s[0].toObject();
        QCOMPARE(w["name"].toString(), QString("window"));
        QCOMPARE(w["startTime"].toInteger(), kDay);
        QCOMPARE(w["endTime"].toInteger(), kDay + 5 * kMsPerMinute);
        QCOMPARE(w["volume"].toDouble(), 135.0);
        QCOMPARE(w["delta"].toDouble(), -135.0);
        QCOMPARE(w["trades"].toInteger(), 5);
        QCOMPARE(w["poc"].toDouble(), 102.0);
        QCOMPARE(w["vah"].toDouble(), 104.0);
        QCOMPARE(w["val"].toDouble(), 102.0);
        QVERIFY(!r.contains("warnings"));
        // Across midnight: the prior day's 2 + 1 + 1 and minute 0's 5 sold: volume 9, delta 2 − 1 + 1 − 5.
        const QJsonObject x = ok("get_session_profile", {{"symbol", "BTCUSDT"}, {"windowStartMs", qint64(kDay - 3 * kMsPerHour)},
                                                         {"windowEndMs", qint64(kDay + kMsPerMinute)}})["sessions"].toArray()[0].toObject();
        QCOMPARE(x["volume"].toDouble(), 9.0);
        QCOMPARE(x["delta"].toDouble(), -3.0);
        QCOMPARE(x["high"].toDouble(), 121.0);
        QCOMPARE(x["low"].toDouble(), 100.0);
        QCOMPARE(toolError("get_session_profile", {{"symbol", "BTCUSDT"}, {"windowStartMs", qint64(kDay)}}),
                 QString("Invalid windowStartMs %1: give both windowStartMs and windowEndMs (ms since epoch UTC).").arg(kDay));
        QCOMPARE(toolError("get_session_profile", {{"symbol", "BTCUSDT"}, {"windowStartMs", qint64(kDay)}, {"windowEndMs", qint64(kDay)}}),
                 QString("Invalid windowEndMs %1: it must be later than windowStartMs.").arg(kDay));
    }

    // mode synthetic is answered from the trades, with a warning; other spellings are refused.
    void mode()
    {
        const QJsonObject s = ok("get_session_profile", {{"symbol", "BTCUSDT"}, {"mode", "synthetic"}});
        QVERIFY(s["warnings"].toArray().first().toString().contains("synthetic"));
        const QJsonObject k = ok("get_key_levels", {{"symbol", "BTCUSDT"}, {"mode", "synthetic"}, {"normalizeSeconds", 3}});
        QVERIFY(k["dataQuality"].toObject()["warnings"].toVariant().toStringList().join(' ').contains("synthetic"));
        QCOMPARE(k["dPOC"].toDouble(), 105.0);
        QCOMPARE(toolError("get_key_levels", {{"symbol", "BTCUSDT"}, {"mode", "normalized"}}),
                 QString("Invalid mode 'normalized': use one of raw, synthetic."));
        QCOMPARE(toolError("get_key_levels", {{"symbol", "BTCUSDT"}, {"normalizeSeconds", 0}}),
                 QString("Invalid normalizeSeconds 0: use an integer from 1 to 60 (default 3)."));
    }

    // "ny" and any case name the configured sessions; the default ones are tokyo, london, newyork.
    void sessionNames()
    {
        for (const char *name : {"ny", "NY", "NewYork"})
            QCOMPARE(ok("get_session_profile", {{"symbol", "BTCUSDT"}, {"session", name}})["sessions"].toArray()[0].toObject()["name"].toString(),
                     QString("newyork"));
        QCOMPARE(ok("get_tpo_profile", {{"symbol", "BTCUSDT"}, {"session", "TOKYO"}, {"periodMinutes", 5}})["tpo"],
                 ok("get_tpo_profile", {{"symbol", "BTCUSDT"}, {"session", "tokyo"}, {"periodMinutes", 5}})["tpo"]);
        QVERIFY(toolError("get_session_profile", {{"symbol", "BTCUSDT"}, {"session", "A"}})
                    .startsWith("Invalid session 'A': use all or one of the configured SESSIONS: tokyo, london, newyork"));
    }

    // tickSize is the row size (binSize wins when both are given); includeSinglePrints false drops them.
    void tpoArguments()
    {
        const QJsonObject base{{"symbol", "BTCUSDT"}, {"periodMinutes", 5}};
        auto with = [](QJsonObject o, const QString &k, const QJsonValue &v) {
            o.insert(k, v);
            return o;
        };
        const QJsonObject t = ok("get_tpo_profile", with(base, "tickSize", 2));
        QCOMPARE(t["ticksPerRow"].toInteger(), 2);
        QCOMPARE(t["tpo"], ok("get_tpo_profile", with(base, "ticksPerRow", 2))["tpo"]);
        QCOMPARE(ok("get_tpo_profile", with(with(base, "tickSize", 2), "binSize", 5))["ticksPerRow"].toInteger(), 5);
        QVERIFY(toolError("get_tpo_profile", with(base, "tickSize", 0.5)).startsWith("Invalid tickSize 0.5: use a positive multiple of the tick size 1"));
        QCOMPARE(toolError("get_tpo_profile", with(base, "includePeriodProfiles", "yes")),
                 QString("Invalid includePeriodProfiles 'yes': use true or false (default true)."));
        const QJsonObject n = ok("get_tpo_profile", with(with(base, "includeSinglePrints", false), "includePeriodProfiles", true));
        QVERIFY(!n.contains("singlePrints"));
        QVERIFY(ok("get_tpo_profile", base).contains("singlePrints"));
    }

    // get_footprint without timeframe: 30m bars, 21:00, 22:00, 23:00 of the prior day and 00:00;
    // cursor 0 is the first page; tickSize 2 is ticksPerRow 2.
    void footprintDefaults()
    {
        const QJsonObject f = ok("get_footprint", {{"symbol", "BTCUSDT"}});
        QCOMPARE(f["timeframe"].toString(), QString("30m"));
        QJsonArray times;
        for (const QJsonValue &b : f["bars"].toArray())
            times.append(b.toObject()["openTime"].toInteger());
        QCOMPARE(times, (QJsonArray{qint64(kDay - 3 * kMsPerHour), qint64(kDay - 2 * kMsPerHour), qint64(kDay - kMsPerHour), qint64(kDay)}));
        QCOMPARE(ok("get_footprint", {{"symbol", "BTCUSDT"}, {"cursor", 0}})["bars"], f["bars"]);
        QCOMPARE(ok("get_footprint", {{"symbol", "BTCUSDT"}, {"tickSize", 2}})["ticksPerRow"].toInteger(), 2);
    }

    // maxPoints caps the swings when maxSwings is absent; swing maxLevels goes to 200 (150 there).
    void structureCaps()
    {
        const QJsonObject one{{"symbol", "BTCUSDT"}, {"interval", "1m"}, {"pivotLeft", 1}, {"pivotRight", 1}};
        auto with = [](QJsonObject o, const QString &k, const QJsonValue &v) {
            o.insert(k, v);
            return o;
        };
        QVERIFY(ok("get_market_structure", with(one, "maxPoints", 2))["swings"].toArray().size() <= 2);
        QCOMPARE(toolError("get_market_structure", with(one, "maxPoints", 0)),
                 QString("Invalid maxPoints 0: use an integer from 1 to 1000, the Python server's cap on swings and ZigZag "
                         "points listed (up to 100; maxSwings wins)."));
        ok("get_swing_liquidity", with(with(one, "maxLevels", 150), "lookbackBars", 1500));
    }
};

QTEST_MAIN(TestServerPythonCalls)
#include "test_server_python_calls.moc"
