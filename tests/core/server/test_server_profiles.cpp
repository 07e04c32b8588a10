// get_session_profile (analysis.md A4) and get_tpo_profile (A5) worked by hand on the fixture's
// BTCUSDT day: minute i (0..10) trades kVolumes[i] at 100 + i, sells before minute 5, buys after.
#include "ServerFixture.h"

class TestServerProfiles : public ServerTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServer(); }
    void cleanupTestCase() { stopServer(); }

    // Tokyo [00:00, 09:00) holds all 11 trades: worked example A (POC 105, VA 101..107).
    void sessionProfiles()
    {
        const QJsonObject r = ok("get_session_profile", {{"symbol", "BTCUSDT"}});
        QCOMPARE(r["date"].toString(), QString("2024-08-08"));
        const QJsonArray s = r["sessions"].toArray();
        QCOMPARE(s.size(), 3);
        const QJsonObject tokyo = s[0].toObject();
        QCOMPARE(tokyo["name"].toString(), QString("tokyo"));
        QCOMPARE(tokyo["trades"].toInt(), 11);
        QCOMPARE(num(tokyo, "poc"), 105.0);
        QCOMPARE(num(tokyo, "val"), 101.0);
        QCOMPARE(num(tokyo, "vah"), 107.0);
        QCOMPARE(num(tokyo, "volume"), 340.0);
        QCOMPARE(num(tokyo, "delta"), 70.0);
        QCOMPARE(num(tokyo, "high"), 110.0);
        QCOMPARE(num(tokyo, "low"), 100.0);
        QCOMPARE(num(tokyo, "vwap"), 35605.0 / 340.0);
        QCOMPARE(num(tokyo, "coverage"), 1.0);
        QCOMPARE(s[1].toObject()["trades"].toInt(), 0);
        QVERIFY(!s[1].toObject().contains("poc"));
        // k = 2 (as get_key_levels): POC 104, VA 104..108; rows highest first.
        const QJsonObject k2 = ok("get_session_profile", {{"symbol", "BTCUSDT"}, {"session", "tokyo"}, {"ticksPerRow", 2},
                                                          {"includeProfileLevels", true}});
        const QJsonObject t2 = k2["sessions"].toArray()[0].toObject();
        QCOMPARE(num(t2, "poc"), 104.0);
        QCOMPARE(num(t2, "vah"), 108.0);
        QCOMPARE(t2["levels"].toArray()[0].toArray(), (QJsonArray{110.0, 5.0, 0.0, 5.0}));
        QCOMPARE(t2["levels"].toArray().size(), 6);
        // The prior day (120×2 buy, 121×1 sell, 120×1 buy at 21:00-23:00): New York has 21:00.
        const QJsonObject prior = ok("get_session_profile", {{"symbol", "BTCUSDT"}, {"date", "2024-08-07"}, {"session", "newyork"}});
        QCOMPARE(num(prior["sessions"].toArray()[0].toObject(), "poc"), 120.0);
        QCOMPARE(prior["sessions"].toArray()[0].toObject()["trades"].toInt(), 1);
        const Http rest = request(port_, "GET", "/api/session-profile/BTCUSDT?session=tokyo&ticksPerRow=2&includeProfileLevels=true");
        QCOMPARE(rest.status, 200);
        QCOMPARE(rest.json(), k2);
    }

    // periodMinutes 5: A = minutes 0-4 (rows 100..104), B = 5-9 (105..109), C = minute 10 (110). Every
    // row one letter: TPO POC the middle row 105; VA on 11 ones (target 7.7): above 106+107 (tie →
    // above), above 108+109, then 110 (1) < 104+103 (2) → below, 102+101 → VA 101..109. IB = A+B:
    // 100..109; C extends up by 1. One run of single prints 100..110 = both tails.
    void tpoProfile()
    {
        const QJsonObject t = ok("get_tpo_profile", {{"symbol", "BTCUSDT"}, {"periodMinutes", 5}, {"includeLevels", true}});
        QCOMPARE(t["periods"].toInt(), 3);
        const QJsonObject tpo = t["tpo"].toObject();
        QCOMPARE(num(tpo, "poc"), 105.0);
        QCOMPARE(num(tpo, "val"), 101.0);
        QCOMPARE(num(tpo, "vah"), 109.0);
        QCOMPARE(num(t["volume"].toObject(), "poc"), 105.0);
        QCOMPARE(num(t["volume"].toObject(), "val"), 101.0);
        QCOMPARE(num(t["initialBalance"].toObject(), "high"), 109.0);
        QCOMPARE(num(t["initialBalance"].toObject(), "low"), 100.0);
        QCOMPARE(t["rangeExtensionUp"].toObject()["period"].toString(), QString("C"));
        QCOMPARE(t["rangeExtensionUp"].toObject()["time"].toInteger(), kDay + 10 * kMsPerMinute);
        QCOMPARE(num(t["rangeExtensionUp"].toObject(), "distance"), 1.0);
        QVERIFY(!t.contains("rangeExtensionDown"));
        QCOMPARE(t["singlePrints"].toArray().size(), 1);
        QCOMPARE(num(t["buyingTail"].toObject(), "low"), 100.0);
        QCOMPARE(t["sellingTail"].toObject()["rows"].toInt(), 11);
        QCOMPARE(t["poorHigh"].toBool(), false);
        const QJsonArray levels = t["levels"].toArray();
        QCOMPARE(levels.first().toArray(), (QJsonArray{110.0, "C", 5.0}));
        QCOMPARE(levels.last().toArray(), (QJsonArray{100.0, "A", 5.0}));
        QCOMPARE(levels[5].toArray()[1].toString(), QString("B")); // 105
        // One 30-minute period over rows of 5 ticks: 100 (135), 105 (200), 110 (5), each "A" only; with
        // useVolumeForVA the TPO POC/VA are the volume ones: 105, then 100 (135 > 5) → VA 100..105.
        const QJsonObject coarse = ok("get_tpo_profile", {{"symbol", "BTCUSDT"}, {"ticksPerRow", 5}, {"useVolumeForVA", true}});
        QCOMPARE(coarse["periods"].toInt(), 1);
        QCOMPARE(num(coarse["tpo"].toObject(), "poc"), 105.0); // volume POC with useVolumeForVA
        QCOMPARE(num(coarse["tpo"].toObject(), "val"), 100.0);
        QCOMPARE(coarse["ticksPerRow"].toInt(), 5);
        QVERIFY(!coarse.contains("rangeExtensionUp"));
        const Http rest = request(port_, "GET", "/api/tpo-profile/BTCUSDT?periodMinutes=5&includeLevels=true");
        QCOMPARE(rest.status, 200);
        QCOMPARE(rest.json(), t);
    }

    // From 00:05: 105..110 with 100, 40, 20, 30, 10, 5 → Σq 205, Σp·q 21760.
    void anchoredVwap()
    {
        const QJsonObject k = ok("get_key_levels", {{"symbol", "BTCUSDT"}, {"anchorTime", qint64(kDay + 5 * kMsPerMinute)}});
        const QJsonObject a = k["anchoredVwap"].toObject();
        QVERIFY(std::abs(num(a, "vwap") - 21760.0 / 205.0) < 1e-9);
        QCOMPARE(a["exactAnchor"].toBool(), true);
        QCOMPARE(ok("get_key_levels", {{"symbol", "BTCUSDT"}, {"anchorTime", qint64(kDay + 5 * kMsPerMinute + 1)}})["anchoredVwap"]
                     .toObject()["exactAnchor"].toBool(), false);
        QVERIFY(toolError("get_key_levels", {{"symbol", "BTCUSDT"}, {"anchorTime", 5}}).startsWith("Invalid anchorTime 5: use a time from 2024-08-07"));
    }

    void badArguments()
    {
        const QJsonObject btc{{"symbol", "BTCUSDT"}};
        auto with = [](QJsonObject o, const QString &k, const QJsonValue &v) {
            o.insert(k, v);
            return o;
        };
        QCOMPARE(toolError("get_tpo_profile", with(btc, "periodMinutes", 0)),
                 QString("Invalid periodMinutes 0: use an integer from 1 to 240 (default 30)."));
        QCOMPARE(toolError("get_session_profile", with(btc, "session", "asia")),
                 QString("Invalid session 'asia': use all or one of the configured SESSIONS: tokyo, london, newyork."));
        QCOMPARE(toolError("get_tpo_profile", with(btc, "session", "asia")),
                 QString("Invalid session 'asia': use all or one of the configured SESSIONS: tokyo, london, newyork."));
        QCOMPARE(toolError("get_session_profile", with(btc, "date", "2024-08-01")),
                 QString("Invalid date '2024-08-01': use a day the engine holds: 2024-08-07, 2024-08-08."));
        QVERIFY(toolError("get_tpo_profile", with(btc, "binSize", 0.5)).startsWith("Invalid binSize 0.5"));
    }
};

QTEST_MAIN(TestServerProfiles)
#include "test_server_profiles.moc"
