// Row size (analysis.md A1) through get_key_levels and get_footprint, worked by hand on the
// fixture's BTCUSDT day (worked example A of indicators.md §2 at one trade per minute, tick 1).
#include "ServerFixture.h"

#include "engine/RowSize.h"

class TestServerRowSize : public ServerTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServer(); }
    void cleanupTestCase() { stopServer(); }

    void autoPick()
    {
        using R = std::pair<int64_t, int64_t>;
        const std::vector<R> narrow{{100, 139}};
        QCOMPARE(co::autoTicksPerRow(narrow), int64_t(1)); // 40 rows
        const std::vector<R> wide{{100, 140}};
        QCOMPARE(co::autoTicksPerRow(wide), int64_t(2)); // 41 rows at 1; rows 50..70 at 2
        const std::vector<R> two{{0, 10}, {1000, 1500}}; // the widest bar decides: 501 rows → 25 (21 rows)
        QCOMPARE(co::autoTicksPerRow(two), int64_t(25));
        QCOMPARE(co::mergedRowCount(-3, 3, 2), int64_t(4)); // floor: -2, -1, 0, 1
        QCOMPARE(co::ticksForBinSize(50'000'000, 10'000'000), std::optional<int64_t>(5));
        QCOMPARE(co::ticksForBinSize(15'000'000, 10'000'000), std::nullopt);
        QCOMPARE(co::ticksForBinSize(0, 10'000'000), std::nullopt);
    }

    // Profile 100..110 = [5, 15, 60, 10, 45, 100, 40, 20, 30, 10, 5], total 340, target 238.
    // k = 2: rows 100|102|104|106|108|110 = 20, 70, 145, 60, 40, 5; POC 104 (145); above 60+40 = 100
    // vs below 70+20 = 90 → above (245 ≥ 238): VAL 104, VAH 108.
    // k = 5: rows 100|105|110 = 135, 200, 5; POC 105; above 5 vs below 135 → below (335): VA 100..105.
    void keyLevelsMerged()
    {
        const QJsonObject k2 = ok("get_key_levels", {{"symbol", "BTCUSDT"}, {"ticksPerRow", 2}});
        QCOMPARE(num(k2, "dPOC"), 104.0);
        QCOMPARE(num(k2, "dVAL"), 104.0);
        QCOMPARE(num(k2, "dVAH"), 108.0);
        QCOMPARE(k2["ticksPerRow"].toInt(), 2);
        QCOMPARE(num(k2, "binSize"), 2.0);
        QCOMPARE(num(k2, "pdPOC"), 120.0); // prior day 120×3, 121×1 → row 120 at k = 2
        const QJsonObject b2 = ok("get_key_levels", {{"symbol", "BTCUSDT"}, {"binSize", 2}});
        QCOMPARE(num(b2, "dPOC"), 104.0);
        QCOMPARE(num(b2, "dVAH"), 108.0);
        const QJsonObject k5 = ok("get_key_levels", {{"symbol", "BTCUSDT"}, {"ticksPerRow", "5"}});
        QCOMPARE(num(k5, "dPOC"), 105.0);
        QCOMPARE(num(k5, "dVAL"), 100.0);
        QCOMPARE(num(k5, "dVAH"), 105.0);
        // 11 rows fit in 40: auto keeps exact ticks and says so.
        const QJsonObject a = ok("get_key_levels", {{"symbol", "BTCUSDT"}, {"ticksPerRow", "auto"}});
        QCOMPARE(a["ticksPerRow"].toInt(), 1);
        QCOMPARE(a["autoTicksPerRow"].toBool(), true);
        QCOMPARE(num(a, "dPOC"), 105.0);
        // Without either argument: as before, no row-size fields.
        QVERIFY(!ok("get_key_levels", {{"symbol", "BTCUSDT"}}).contains("ticksPerRow"));
    }

    // 5m bar 00:05 has buys 105..109 = 100, 40, 20, 30, 10 and no sells. At k = 1: BUY imbalances
    // 106..109 (against 0 sells one row below, inside the bar), stacked [106, 109, BUY, 4]. At k = 2:
    // rows 104 (100), 106 (60), 108 (40): imbalances 106, 108, no stack of 3; POC 104.
    void footprintMerged()
    {
        const QJsonObject base{{"symbol", "BTCUSDT"}, {"timeframe", "5m"}, {"compact", false}, {"topN", 50}};
        auto bar = [&](const QJsonObject &extra) {
            QJsonObject args = base;
            for (auto it = extra.begin(); it != extra.end(); ++it)
                args.insert(it.key(), it.value());
            const QJsonObject r = ok("get_footprint", args);
            for (const QJsonValue &b : r["bars"].toArray())
                if (b.toObject()["openTime"].toInteger() == kDay + 5 * kMsPerMinute)
                    return std::make_pair(r, b.toObject());
            qFatal("bar 00:05 missing");
        };
        const auto [r1, b1] = bar({});
        QCOMPARE(b1["buyImbalances"].toArray(), (QJsonArray{106.0, 107.0, 108.0, 109.0}));
        QCOMPARE(b1["stacked"].toArray()[0].toArray(), (QJsonArray{106.0, 109.0, "BUY", 4}));
        const auto [r2, b2] = bar({{"ticksPerRow", 2}});
        QCOMPARE(b2["buyImbalances"].toArray(), (QJsonArray{106.0, 108.0}));
        QVERIFY(b2["stacked"].toArray().isEmpty());
        QCOMPARE(num(b2, "poc"), 104.0);
        QCOMPARE(b2["rows"].toArray().size(), 3);
        QCOMPARE(b2["rows"].toArray()[0].toArray(), (QJsonArray{108.0, 0.0, 40.0}));
        QCOMPARE(r2["ticksPerRow"].toInt(), 2);
        const auto [rb, bb] = bar({{"binSize", 2.0}});
        QCOMPARE(bb, b2);
        const auto [ra, ba] = bar({{"ticksPerRow", "auto"}});
        QCOMPARE(ra["ticksPerRow"].toInt(), 1);
        QCOMPARE(ba, b1);
        // REST: the same object as MCP.
        const Http rest = request(port_, "GET", "/api/footprint/BTCUSDT?timeframe=5m&ticksPerRow=2&compact=false&topN=50");
        QCOMPARE(rest.status, 200);
        QJsonObject mcp = base;
        mcp.insert("ticksPerRow", 2);
        QCOMPARE(rest.json()["bars"], ok("get_footprint", mcp)["bars"]);
    }

    // A2/A3 by hand. Bar 00:00 sells 100..104 = 5, 15, 60, 10, 45: running delta −5 … −135; at k = 2 rows
    // 100|102|104 = 20, 70, 45, target 94.5: POC 102, above 45 vs below 20 → VA 102..104.
    // Bar 00:05 buys 105..109 = 100, 40, 20, 30, 10: deltaMax 200, Σp·q 21210; target 140: POC 105,
    // above 106+107 = 60 → VA 105..107; top row 109 has no sells: finished.
    void barStatistics()
    {
        auto barAt = [](const QJsonObject &r, int64_t t) {
            for (const QJsonValue &b : r["bars"].toArray())
                if (b.toObject()["openTime"].toInteger() == t)
                    return b.toObject();
            qFatal("bar missing");
        };
        const QJsonObject args{{"symbol", "BTCUSDT"}, {"timeframe", "5m"}, {"compact", false}};
        const QJsonObject f = ok("get_footprint", args);
        const QJsonObject b0 = barAt(f, kDay), b5 = barAt(f, kDay + 5 * kMsPerMinute);
        QCOMPARE(num(b0, "deltaMin"), -135.0);
        QCOMPARE(num(b0, "deltaMax"), 0.0);
        QCOMPARE(num(b5, "deltaMax"), 200.0);
        QCOMPARE(num(b5, "deltaMin"), 0.0);
        QCOMPARE(num(b5, "quoteVolume"), 21210.0);
        QCOMPARE(num(b5, "val"), 105.0);
        QCOMPARE(num(b5, "vah"), 107.0);
        QCOMPARE(b5["unfinishedHigh"].toBool(), false);
        QCOMPARE(b5["unfinishedLow"].toBool(), false);
        QCOMPARE(b5["zeroPrints"].toArray(), QJsonArray());
        const QJsonObject s = ok("get_footprint_statistics", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}, {"ticksPerRow", 2}});
        const QJsonObject s0 = barAt(s, kDay);
        QCOMPARE(num(s0, "poc"), 102.0);
        QCOMPARE(num(s0, "val"), 102.0);
        QCOMPARE(num(s0, "vah"), 104.0);
        QCOMPARE(num(s0, "deltaMin"), -135.0);
        QCOMPARE(num(s0, "quoteVolume"), 100.0 * 5 + 101.0 * 15 + 102.0 * 60 + 103.0 * 10 + 104.0 * 45);
        QCOMPARE(s["ticksPerRow"].toInt(), 2);
        QVERIFY(!s0.contains("rows"));
        const Http rest = request(port_, "GET", "/api/footprint-statistics/BTCUSDT?timeframe=5m&ticksPerRow=2");
        QCOMPARE(rest.status, 200);
        QCOMPARE(rest.json()["bars"], s["bars"]);
    }

    // The Python server's argument names: view, maxLevelsPerBar/priceLevelLimit, topNLevels, compress, cursor.
    void pythonServerArguments()
    {
        const QJsonObject base{{"symbol", "BTCUSDT"}, {"timeframe", "5m"}};
        auto with = [](QJsonObject o, const QString &k, const QJsonValue &v) {
            o.insert(k, v);
            return o;
        };
        const QJsonObject st = ok("get_footprint", with(base, "view", "statistics"));
        for (const QJsonValue &b : st["bars"].toArray())
            QVERIFY(!b.toObject().contains("rows"));
        auto rowsOf00 = [](const QJsonObject &r) {
            for (const QJsonValue &b : r["bars"].toArray())
                if (b.toObject()["openTime"].toInteger() == kDay)
                    return b.toObject()["rows"].toArray();
            return QJsonArray();
        };
        QCOMPARE(rowsOf00(ok("get_footprint", with(base, "view", "levels"))).size(), 5); // all (default 200)
        const QJsonArray two = rowsOf00(ok("get_footprint", with(with(base, "view", "levels"), "maxLevelsPerBar", 2)));
        QCOMPARE(two, (QJsonArray{QJsonArray{104.0, 45.0, 0.0}, QJsonArray{102.0, 60.0, 0.0}}));
        QCOMPARE(rowsOf00(ok("get_footprint", with(with(base, "view", "levels"), "priceLevelLimit", 2))), two);
        QCOMPARE(rowsOf00(ok("get_footprint", with(base, "topNLevels", 2))), two);
        QVERIFY(ok("get_footprint", with(base, "compress", true))["bars"].toArray()[0].toObject().contains("buyImbalanceCount"));
        const QJsonObject page = ok("get_footprint", with(with(base, "limit", 1), "cursor", qint64(kDay + 10 * kMsPerMinute)));
        QCOMPARE(page["bars"].toArray().size(), 1);
        QCOMPARE(page["bars"].toArray()[0].toObject()["openTime"].toInteger(), kDay + 5 * kMsPerMinute);
        QCOMPARE(page["nextCursor"].toInteger(), kDay + 5 * kMsPerMinute);
        QVERIFY(toolError("get_footprint", with(base, "view", "all")).startsWith("Invalid view 'all': use one of statistics, levels"));
    }

    // Minutes 00:00..00:04 sell 5, 15, 60, 10, 45: CVD −5, −20, −80, −90, −135.
    void pythonFlowArguments()
    {
        const QJsonObject m = ok("get_orderflow_metrics", {{"symbol", "BTCUSDT"}, {"timeframe", "1m"}, {"startTime", qint64(kDay)},
                                                           {"endTime", qint64(kDay + 5 * kMsPerMinute)}});
        const QJsonArray seq = m["cvdSequence"].toArray();
        QCOMPARE(seq.size(), 5);
        QCOMPARE(seq[0].toArray(), (QJsonArray{qint64(kDay), -5.0, -5.0}));
        QCOMPARE(seq[2].toArray()[2].toDouble(), -80.0);
        QCOMPARE(num(m, "currentCVD"), -135.0);
        QCOMPARE(num(m["window"].toObject(), "delta"), -135.0);
        QVERIFY(toolError("get_orderflow_metrics", {{"symbol", "BTCUSDT"}, {"timeframe", "1m"}, {"startTime", 5}, {"endTime", 5}})
                    .startsWith("Invalid endTime 5"));
        // The Python server's README example, and its other names.
        const QJsonObject readme = ok("get_orderbook_depth_delta", {{"symbol", "BTCUSDT"}, {"percent", 1.0}, {"windowSec", 5}, {"lookback", 100}});
        QCOMPARE(readme["lookback"].toInt(), 100);
        QCOMPARE(ok("get_orderbook_depth_delta", {{"symbol", "BTCUSDT"}, {"windowSec", 0}})["windowSec"].toInt(), 0);
        QCOMPARE(ok("get_orderbook_depth_delta", {{"symbol", "BTCUSDT"}, {"windowSec", 5}, {"lookbackSec", 60}})["lookback"].toInt(), 12);
        QCOMPARE(ok("get_orderbook_depth_delta", {{"symbol", "BTCUSDT"}, {"lookbackSec", 3600}, {"maxPoints", 30}})["lookback"].toInt(), 30);
    }

    void badRowSize()
    {
        const QJsonObject fp{{"symbol", "BTCUSDT"}, {"timeframe", "5m"}};
        auto with = [](QJsonObject o, const QString &k, const QJsonValue &v) {
            o.insert(k, v);
            return o;
        };
        QCOMPARE(toolError("get_footprint", with(fp, "binSize", 1.5)),
                 QString("Invalid binSize 1.5: use a positive multiple of the tick size 1 up to 100000, such as 1, 10 or "
                         "100 (binSize = ticksPerRow × tick)."));
        QVERIFY(toolError("get_footprint", with(fp, "binSize", 0)).startsWith("Invalid binSize 0: use a positive multiple"));
        QCOMPARE(toolError("get_footprint", with(fp, "ticksPerRow", 0)),
                 QString("Invalid ticksPerRow 0: use an integer from 1 to 100000 or \"auto\" (default 1)."));
        QVERIFY(toolError("get_footprint", with(fp, "ticksPerRow", "big")).startsWith("Invalid ticksPerRow 'big'"));
        QVERIFY(toolError("get_key_levels", {{"symbol", "BTCUSDT"}, {"ticksPerRow", 2.5}}).startsWith("Invalid ticksPerRow 2.5"));
        QVERIFY(toolError("get_footprint", with(with(fp, "ticksPerRow", 2), "binSize", 3))
                    .startsWith("Invalid binSize 3: it disagrees with ticksPerRow"));
        const Http rest = request(port_, "GET", "/api/key-levels/BTCUSDT?binSize=0.5");
        QCOMPARE(rest.status, 400);
        QVERIFY(rest.body.contains("binSize"));
    }
};

QTEST_MAIN(TestServerRowSize)
#include "test_server_rowsize.moc"
