// get_swing_liquidity, get_market_structure, get_open_interest and stream_liquidations' ranges over the hand-made data of
// ServerFixture.h: values worked out by hand, REST = MCP, bad arguments named.
#include "ServerFixture.h"

class TestServerStructure : public ServerTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServer(); }
    void cleanupTestCase() { stopServer(); }

    // 1m klines: prior day 120 (-3 h), 121 (-2 h), 120 (-1 h); today 100, 101, …, 110 one a minute.
    // left = right = 1: pivot high 121 (> 120, ≥ 120), pivot low 100 at 00:00 (< 120, ≤ 101); the
    // rising minutes make no other pivot and never trade above 121 or below 100: both active.
    void swingLiquidityValues()
    {
        const QJsonObject r = ok("get_swing_liquidity", {{"symbol", "BTCUSDT"}, {"interval", "1m"}, {"pivotLeft", 1}, {"pivotRight", 1}});
        QCOMPARE(r["bars"].toInt(), 14);
        QCOMPARE(r["lastPrice"].toDouble(), 110.0);
        const QJsonArray buy = r["buySide"].toArray(), sell = r["sellSide"].toArray();
        QCOMPARE(buy.size(), 1);
        QCOMPARE(buy[0].toObject()["price"].toDouble(), 121.0);
        QCOMPARE(buy[0].toObject()["time"].toInteger(), kDay - 2 * kMsPerHour);
        QCOMPARE(buy[0].toObject()["swept"].toBool(), false);
        QCOMPARE(buy[0].toObject()["distancePercent"].toDouble(), 10.0); // (121 − 110) / 110
        QCOMPARE(sell.size(), 1);
        QCOMPARE(sell[0].toObject()["price"].toDouble(), 100.0);
        QCOMPARE(sell[0].toObject()["time"].toInteger(), kDay);
        QCOMPARE(sell[0].toObject()["distancePercent"].toDouble(), -9.0909); // −10 / 110, 4 decimals
        QCOMPARE(r["counts"].toObject()["buySide"].toObject()["active"].toInt(), 1);
        QVERIFY(r["dataQuality"].toObject().contains("coverage"));
        // 5m: 120, 121, 120 alone in their intervals, today 100…104 and 105…109 and 110 → 6 klines;
        // pivot high 121, pivot low at 00:00 (low 100), both active.
        const QJsonObject five = ok("get_swing_liquidity", {{"symbol", "BTCUSDT"}, {"interval", "5m"}, {"pivotLeft", 1}, {"pivotRight", 1}});
        QCOMPARE(five["bars"].toInt(), 6);
        QCOMPARE(five["buySide"].toArray()[0].toObject()["price"].toDouble(), 121.0);
    }

    void marketStructureValues()
    {
        // Swings H121 (−2 h), L100 (00:00); one high and one low: range; no close above 121 or below
        // 100 after they are known: no event.
        const QJsonObject m = ok("get_market_structure", {{"symbol", "BTCUSDT"}, {"interval", "1m"}, {"pivotLeft", 1}, {"pivotRight", 1}});
        QCOMPARE(m["trend"].toString(), QString("range"));
        QCOMPARE(m["swings"].toArray().size(), 2);
        QCOMPARE(m["lastSwingHigh"].toObject()["price"].toDouble(), 121.0);
        QCOMPARE(m["lastSwingLow"].toObject()["price"].toDouble(), 100.0);
        QCOMPARE(m["lastSwingLow"].toObject()["time"].toInteger(), kDay);
        QCOMPARE(m["events"].toArray().size(), 0);
        // As of 00:05: minutes 00:00…00:04 only, the last close 104.
        const QJsonObject asOf = ok("get_market_structure", {{"symbol", "BTCUSDT"}, {"interval", "1m"}, {"pivotLeft", 1},
                                                             {"pivotRight", 1}, {"endTime", qint64(kDay + 5 * kMsPerMinute)}});
        QCOMPARE(asOf["bars"].toInt(), 8);
        QCOMPARE(asOf["lastPrice"].toDouble(), 104.0);
        QCOMPARE(asOf["endTime"].toInteger(), kDay + 5 * kMsPerMinute);
        // ZigZag 10 %: from the low 100 the highs never reach 110 before the last bar (110 ≥ 110).
        const QJsonObject zz = ok("get_market_structure", {{"symbol", "BTCUSDT"}, {"interval", "1m"}, {"zigzagLegMinPercent", 10}});
        QVERIFY(zz.contains("zigzag"));
    }

    // Polls at 00:09:50 − 1 h (1000) and 00:09:50 (1100): the 1 h change is taken from the value at
    // exactly the window's start: +100, +10 %; nothing is 4 h or 24 h old. Hourly history: 23:00, 00:00.
    void openInterestValues()
    {
        const QJsonObject o = ok("get_open_interest", {{"symbol", "BTCUSDT"}});
        QCOMPARE(o["openInterest"].toDouble(), 1100.0);
        QCOMPARE(o["time"].toInteger(), kNow - 10'000);
        const QJsonObject h1 = o["changes"].toObject()["1h"].toObject();
        QCOMPARE(h1["change"].toDouble(), 100.0);
        QCOMPARE(h1["changePercent"].toDouble(), 10.0);
        QCOMPARE(h1["fromTime"].toInteger(), kNow - 10'000 - kMsPerHour);
        QVERIFY(!o["changes"].toObject().contains("4h"));
        const QJsonArray rows = o["history"].toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].toArray()[0].toInteger(), kDay - kMsPerHour);
        QCOMPARE(rows[0].toArray()[1].toDouble(), 1000.0);
        QCOMPARE(rows[1].toArray()[0].toInteger(), kDay);
        QCOMPARE(o["dataQuality"].toObject()["coverage"].toDouble(), 1.0);
        const QJsonObject one = ok("get_open_interest", {{"symbol", "BTCUSDT"}, {"period", "1d"}});
        QCOMPARE(one["history"].toArray().size(), 2); // 2024-08-07 and 2024-08-08
        QCOMPARE(ok("get_open_interest", {{"symbol", "BTCUSDT"}, {"limit", 1}})["history"].toArray().size(), 1);
    }

    // Liquidations at kNow − 5 s (long, 0.5 × 109.5 = 54.75) and kNow − 4 s (short, 2 × 111 = 222).
    void liquidationRange()
    {
        const QJsonObject r = ok("stream_liquidations", {{"symbol", "BTCUSDT"}, {"startTime", qint64(kNow - 5000)},
                                                         {"endTime", qint64(kNow - 4000)}, {"compact", false}});
        QCOMPARE(r["items"].toArray().size(), 1); // end exclusive
        QCOMPARE(r["items"].toArray()[0].toObject()["side"].toString(), QString("SELL"));
        const QJsonObject range = r["totals"].toObject()["range"].toObject();
        QCOMPARE(range["count"].toInt(), 1);
        QCOMPARE(range["longNotional"].toDouble(), 54.75);
        QCOMPARE(range["shortNotional"].toDouble(), 0.0);
        QCOMPARE(range["longQty"].toDouble(), 0.5);
        QVERIFY(r["totals"].toObject().contains("1h")); // the windows stay
        const QJsonObject both = ok("stream_liquidations", {{"startTime", qint64(kNow - 5000)}});
        QCOMPARE(both["totals"].toObject()["range"].toObject()["count"].toInt(), 2);
        QCOMPARE(both["totals"].toObject()["range"].toObject()["shortNotional"].toDouble(), 222.0);
        QVERIFY(!ok("stream_liquidations", {})["totals"].toObject().contains("range"));
        QCOMPARE(toolError("stream_liquidations", {{"startTime", 2000}, {"endTime", 1000}}),
                 QString("Invalid endTime 1000: it must be later than startTime."));
    }

    void restMatchesMcp()
    {
        const QList<std::tuple<QByteArray, QString, QJsonObject>> cases{
            {"/api/swing-liquidity/BTCUSDT?interval=1m&pivotLeft=1&pivotRight=1&activeOnly=false", "get_swing_liquidity",
             {{"symbol", "BTCUSDT"}, {"interval", "1m"}, {"pivotLeft", 1}, {"pivotRight", 1}, {"activeOnly", false}}},
            {"/api/market-structure/BTCUSDT?interval=5m&zigzagLegMinPercent=1.5", "get_market_structure",
             {{"symbol", "BTCUSDT"}, {"interval", "5m"}, {"zigzagLegMinPercent", 1.5}}},
            {"/api/open-interest/BTCUSDT?period=5m", "get_open_interest", {{"symbol", "BTCUSDT"}, {"period", "5m"}}},
            {"/api/liquidations/BTCUSDT?startTime=0", "stream_liquidations", {{"symbol", "BTCUSDT"}, {"startTime", 0}}}};
        for (const auto &[path, tool, args] : cases) {
            const Http r = request(port_, "GET", path);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json(), ok(tool, args));
        }
    }

    void badArguments_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QJsonObject>("args");
        QTest::addColumn<QString>("expected");
        const QJsonObject btc{{"symbol", "BTCUSDT"}};
        auto with = [](QJsonObject o, const QString &k, const QJsonValue &v) {
            o.insert(k, v);
            return o;
        };
        const QList<std::tuple<const char *, QString, QJsonObject, QString>> rows{
            {"interval", "get_swing_liquidity", with(btc, "interval", "1d"), "Invalid interval '1d': use one of 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h"},
            {"lookbackBars", "get_swing_liquidity", with(btc, "lookbackBars", 5), "Invalid lookbackBars 5: use an integer from 20 to 1500 (default 200)."},
            {"pivotLeft", "get_swing_liquidity", with(btc, "pivotLeft", 0), "Invalid pivotLeft 0: use an integer from 1 to 20 (default 3)."},
            {"maxLevels", "get_swing_liquidity", with(btc, "maxLevels", 201), "Invalid maxLevels 201: use an integer from 1 to 200 (default 10)."},
            {"activeOnly", "get_swing_liquidity", with(btc, "activeOnly", "no"), "Invalid activeOnly 'no': use true or false (default true)."},
            {"pivotRight", "get_market_structure", with(btc, "pivotRight", 21), "Invalid pivotRight 21: use an integer from 1 to 20 (default 3)."},
            {"zigzag", "get_market_structure", with(btc, "zigzagLegMinPercent", 60), "Invalid zigzagLegMinPercent 60: use a number from 0 to 50 (default 0)."},
            {"endTime", "get_market_structure", with(btc, "endTime", -1), "Invalid endTime -1"},
            {"before data", "get_market_structure", with(btc, "endTime", 1000), "no trades for BTCUSDT before endTime"},
            {"period", "get_open_interest", with(btc, "period", "3m"), "Invalid period '3m': use one of 5m, 15m, 30m, 1h, 2h, 4h, 6h, 12h, 1d"},
            {"oi limit", "get_open_interest", with(btc, "limit", 0), "Invalid limit 0: use an integer from 1 to 500 (default 24)."},
            {"oi none", "get_open_interest", {{"symbol", "ETHUSDT"}}, "no open interest for ETHUSDT yet"},
        };
        for (const auto &[name, tool, args, expected] : rows)
            QTest::newRow(name) << tool << args << expected;
    }

    void badArguments()
    {
        QFETCH(QString, tool);
        QFETCH(QJsonObject, args);
        QFETCH(QString, expected);
        const QString text = toolError(tool, args);
        QVERIFY2(text.startsWith(expected) || text.contains(expected), qPrintable(text));
    }
};

QTEST_MAIN(TestServerStructure)
#include "test_server_structure.moc"
