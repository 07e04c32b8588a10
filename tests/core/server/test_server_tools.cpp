// Every tool's values against numbers worked out by hand (ServerFixture.h), history days, REST =
// MCP, and every bad-argument path of every tool.
#include "ServerFixture.h"

class TestServerTools : public ServerTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServer(); }
    void cleanupTestCase() { stopServer(); }

    // ---- values (hand-computed above) -------------------------------------------------------------
    void keyLevelValues()
    {
        const QJsonObject k = ok("get_key_levels", {{"symbol", "btcusdt"}});
        QCOMPARE(k["symbol"].toString(), QString("BTCUSDT"));
        QCOMPARE(k["date"].toString(), QString("2024-08-08"));
        QCOMPARE(k["sessionTZ"].toString(), QString("UTC"));
        QCOMPARE(num(k, "dPOC"), 105.0);
        QCOMPARE(num(k, "dVAL"), 101.0);
        QCOMPARE(num(k, "dVAH"), 107.0);
        QCOMPARE(num(k, "dVWAP"), 35605.0 / 340.0);
        double s2 = 0;
        for (size_t i = 0; i < kVolumes.size(); ++i)
            s2 += double(kVolumes[i]) * (100.0 + double(i)) * (100.0 + double(i));
        const double sigma = std::sqrt(s2 / 340.0 - (35605.0 / 340.0) * (35605.0 / 340.0));
        QVERIFY(std::abs(num(k["vwapBands"].toObject(), "sigma") - sigma) < 1e-9);
        QCOMPARE(num(k, "volume"), 340.0);
        QCOMPARE(num(k, "delta"), 205.0 - 135.0);
        QCOMPARE(num(k, "pdPOC"), 120.0);
        QCOMPARE(num(k, "pdVAH"), 120.0);
        QCOMPARE(num(k, "pdVAL"), 120.0);
        QCOMPARE(num(k, "pdVWAP"), 120.25);
        QCOMPARE(num(k, "pdHigh"), 121.0);
        QCOMPARE(num(k, "pdLow"), 120.0);
        QCOMPARE(num(k, "pdClose"), 120.0);
        const QJsonObject tokyo = k["sessions"].toObject()["tokyo"].toObject();
        QCOMPARE(tokyo["trades"].toInt(), 11);
        QCOMPARE(num(tokyo, "high"), 110.0);
        QCOMPARE(num(tokyo, "low"), 100.0);
        QCOMPARE(tokyo["active"].toBool(), true);
        QCOMPARE(k["sessions"].toObject()["london"].toObject()["trades"].toInt(), 0);
        QVERIFY(!k["sessions"].toObject()["london"].toObject().contains("high"));
        const QJsonArray naked = k["nakedPOCs"].toArray();
        QCOMPARE(naked.size(), 1);
        QCOMPARE(naked[0].toObject()["date"].toString(), QString("2024-08-07"));
        QCOMPARE(num(naked[0].toObject(), "price"), 120.0);
        QCOMPARE(num(naked[0].toObject(), "distance"), 10.0);
        QCOMPARE(num(naked[0].toObject(), "distancePct"), 10.0 / 110.0 * 100.0);
        QVERIFY(k["dataQuality"].toObject().contains("coverage"));

        const QJsonObject prior = ok("get_key_levels", {{"symbol", "BTCUSDT"}, {"date", "2024-08-07"}});
        QCOMPARE(prior["date"].toString(), QString("2024-08-07"));
        QCOMPARE(num(prior, "dPOC"), 120.0);
        QCOMPARE(num(prior, "dVWAP"), 120.25);
        QVERIFY(!prior.contains("pdPOC"));
        // Europe/London is UTC+1 in August: its days are not the server's.
        QVERIFY(toolError("get_key_levels", {{"symbol", "BTCUSDT"}, {"sessionTZ", "Europe/London"}}).contains("DAY_TZ=UTC"));
        // Without a date: the day of the latest trade, even when later events are past midnight.
        QCOMPARE(ok("get_key_levels", {{"symbol", "XRPUSDT"}})["date"].toString(), QString("2024-08-08"));
        // Same midnights as UTC: answered.
        QCOMPARE(ok("get_key_levels", {{"symbol", "BTCUSDT"}, {"sessionTZ", "Etc/UTC"}})["dPOC"].toDouble(), 105.0);
    }

    // With a HistoryProvider: today stays the engine's; other days and zones go to the history; its
    // errors pass through, except that the engine still answers its prior day.
    void keyLevelsFromHistory()
    {
        auto fake = std::make_shared<FakeHistory>();
        const Tools tools(registry_, {"BTCUSDT"}, fake);
        auto call = [&](const QJsonObject &args) { return tools.call("get_key_levels", args); };
        auto error = [&](const QJsonObject &args) {
            const auto r = call(args);
            const ApiError *e = std::get_if<ApiError>(&r);
            return e ? *e : ApiError{ApiErrorKind::Internal, "no error"};
        };
        const QJsonObject btc{{"symbol", "BTCUSDT"}};
        auto with = [](QJsonObject o, const QString &k, const QString &v) {
            o.insert(k, v);
            return o;
        };
        QCOMPARE(std::get<ToolOutput>(call(btc)).structured["dPOC"].toDouble(), 105.0);
        QVERIFY(fake->asked.empty());

        const ApiError old = error(with(btc, "date", "2024-08-01"));
        QCOMPARE(old.kind, ApiErrorKind::NotInMemory);
        QCOMPARE(old.message, QString("nothing stored; kept: x"));
        QCOMPARE(fake->asked.back().day, daysFromCivil({2024, 8, 1}));
        QCOMPARE(QString::fromStdString(fake->asked.back().zoneId), QString("UTC"));
        // Etc/UTC has the server's midnights: asked as DAY_TZ (its summaries), answered as given.
        error(with(with(btc, "date", "2024-08-01"), "sessionTZ", "Etc/UTC"));
        QCOMPARE(QString::fromStdString(fake->asked.back().zoneId), QString("UTC"));
        // Another zone's today: the history, in that zone.
        const ApiError tokyo = error(with(btc, "sessionTZ", "Asia/Tokyo"));
        QCOMPARE(tokyo.kind, ApiErrorKind::NotInMemory);
        QCOMPARE(QString::fromStdString(fake->asked.back().zoneId), QString("Asia/Tokyo"));
        QCOMPARE(fake->asked.back().day, daysFromCivil({2024, 8, 8}));
        // The prior day: the history's answer when it has one, else the engine's own.
        const QJsonObject prior = std::get<ToolOutput>(call(with(btc, "date", "2024-08-07"))).structured;
        QCOMPARE(num(prior, "dPOC"), 120.0);
        QVERIFY(!prior.contains("pdPOC"));
        HistoryDay stored;
        stored.stored = storedLevels("2024-08-07", 121.0);
        stored.stored->quality.warnings = {"w0"};
        stored.warnings = {"from the summary"};
        fake->answer = stored; // not complete yet: the engine's prior day wins
        QTest::qWait(Tools::kReuseMs + 20);
        QCOMPARE(num(std::get<ToolOutput>(call(with(btc, "date", "2024-08-07"))).structured, "dPOC"), 120.0);
        stored.complete = true;
        fake->answer = stored;
        QTest::qWait(Tools::kReuseMs + 20); // answers are reused that long (same snapshots)
        const QJsonObject fromSummary = std::get<ToolOutput>(call(with(btc, "date", "2024-08-07"))).structured;
        QCOMPARE(num(fromSummary, "dPOC"), 121.0);
        QCOMPARE(fromSummary["sessionTZ"].toString(), QString("UTC"));
        QCOMPARE(fromSummary["dataQuality"].toObject()["warnings"].toArray(), (QJsonArray{"w0", "from the summary"}));
        // Encoded as a live day: the bands around dVWAP (100 ± k·2), the quality's tick in price units.
        QCOMPARE(fromSummary["vwapBands"].toObject()["-3"].toDouble(), 94.0);
        QCOMPARE(fromSummary["dataQuality"].toObject()["tickSize"].toDouble(), 1.0);
        QTest::qWait(Tools::kReuseMs + 20);
        QJsonObject grouped = with(btc, "date", "2024-08-07");
        grouped.insert("ticksPerRow", 2);
        QVERIFY(std::get<ToolOutput>(call(grouped)).structured["dataQuality"].toObject()["warnings"].toArray().last().toString()
                    .startsWith("a stored day summary has exact-tick levels"));
        // A rebuilt snapshot: levels built from it as from a live engine.
        HistoryDay rebuilt;
        rebuilt.snapshot = registry_.snapshot("ETHUSDT");
        fake->answer = rebuilt;
        const QJsonObject eth = std::get<ToolOutput>(call(with(btc, "date", "2024-07-30"))).structured;
        QCOMPARE(eth["symbol"].toString(), QString("ETHUSDT"));
        // Not ready yet: "ask again" passes through as no_data.
        fake->answer = QueryError{QueryErrorKind::NoData, "being rebuilt; ask again in a few seconds"};
        QTest::qWait(Tools::kReuseMs + 20);
        QCOMPARE(error(with(btc, "date", "2024-07-30")).kind, ApiErrorKind::NoData);
        QCOMPARE(std::get<ToolOutput>(call(with(btc, "date", "2024-08-07"))).structured["date"].toString(), QString("2024-08-07"));
    }

    // A day being rebuilt parks its answer: the server thread goes on serving everyone else.
    void slowHistoryDoesNotBlockTheServer()
    {
        auto fake = std::make_shared<FakeHistory>();
        HistoryDay stored;
        stored.complete = true;
        stored.stored = storedLevels("2024-08-01", 99.0);
        fake->answer = stored;
        fake->slow = true;
        ServerOptions o;
        o.port = 0;
        HttpServer server(registry_, {"BTCUSDT"}, o, {}, fake);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const quint16 port = server.port();

        auto rest = std::async(std::launch::async, [port] { return request(port, "GET", "/api/key-levels/BTCUSDT?date=2024-08-01"); });
        QTRY_COMPARE(fake->parked(), size_t(1));
        QCOMPARE(request(port, "GET", "/healthz").status, 200);
        QCOMPARE(request(port, "GET", "/api/key-levels/BTCUSDT").status, 200); // today: never parked
        QCOMPARE(rest.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout);
        fake->fire();
        const Http r = rest.get();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["dPOC"].toDouble(), 99.0);

        // The same over MCP (a batch with two parked calls answers once both are ready).
        const Http init = request(port, "POST", "/mcp", kJson, rpcBody(1, "initialize", initParams()));
        Headers h = kJson;
        h << qMakePair(QByteArray("Mcp-Session-Id"), init.headers.value("mcp-session-id"));
        const QJsonObject call{{"name", "get_key_levels"}, {"arguments", QJsonObject{{"symbol", "BTCUSDT"}, {"date", "2024-08-01"}}}};
        const QByteArray batch = "[" + rpcBody(2, "tools/call", call) + "," + rpcBody(3, "tools/call", call) + "]";
        fake->slow = true;
        auto mcp = std::async(std::launch::async, [port, h, batch] { return request(port, "POST", "/mcp", h, batch); });
        QTRY_COMPARE(fake->parked(), size_t(2));
        QCOMPARE(request(port, "GET", "/healthz").status, 200);
        fake->fire();
        const Http m = mcp.get();
        QCOMPARE(m.status, 200);
        const QJsonArray answers = m.array();
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers[1].toObject()["result"].toObject()["structuredContent"].toObject()["dPOC"].toDouble(), 99.0);

        // A client that goes away while parked: nothing breaks when its answer is ready.
        fake->slow = true;
        {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(s.waitForConnected(3000));
            s.write("GET /api/key-levels/BTCUSDT?date=2024-08-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            QVERIFY(s.waitForBytesWritten(3000));
            QTRY_COMPARE(fake->parked(), size_t(1));
        }
        QTest::qWait(100);
        fake->fire();
        QTest::qWait(100);
        QCOMPARE(request(port, "GET", "/healthz").status, 200);
        // Stopping with an answer parked drops it.
        fake->slow = true;
        auto dropped = std::async(std::launch::async, [port] {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, port);
            s.waitForConnected(3000);
            s.write("GET /api/key-levels/BTCUSDT?date=2024-08-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            s.waitForBytesWritten(3000);
            s.waitForDisconnected(5000);
            return s.readAll();
        });
        QTRY_COMPARE(fake->parked(), size_t(1));
        server.stop();
        fake->fire();
        QVERIFY(dropped.get().isEmpty());
    }

    void footprintValues()
    {
        // Without startTime the latest bars across midnight: the prior day's three, then today's.
        QCOMPARE(ok("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}})["bars"].toArray().size(), 6);
        const QJsonObject f = ok("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}, {"startTime", qint64(kDay)}});
        const QJsonArray bars = f["bars"].toArray();
        QCOMPARE(bars.size(), 3);
        const QJsonObject b0 = bars[0].toObject(), b1 = bars[1].toObject(), b2 = bars[2].toObject();
        QCOMPARE(b0["openTime"].toInteger(), kDay);
        QCOMPARE(num(b0, "volume"), 135.0);
        QCOMPARE(num(b0, "delta"), -135.0);
        QCOMPARE(num(b0, "poc"), 102.0);
        QCOMPARE(num(b0, "cvd"), -135.0);
        QCOMPARE(b0["sellImbalanceCount"].toInt(), 4);
        QCOMPARE(b0["stacked"].toArray()[0].toArray(), (QJsonArray{100.0, 103.0, "SELL", 4}));
        QCOMPARE(num(b1, "open"), 105.0);
        QCOMPARE(num(b1, "close"), 109.0);
        QCOMPARE(num(b1, "poc"), 105.0);
        QCOMPARE(num(b1, "cvd"), 65.0);
        QCOMPARE(b1["buyImbalanceCount"].toInt(), 4);
        QCOMPARE(b1["stacked"].toArray()[0].toArray(), (QJsonArray{106.0, 109.0, "BUY", 4}));
        QCOMPARE(num(b2, "cvd"), 70.0);
        // topN 2: the two largest rows of bar 1, highest price first, as [price, sell, buy].
        const QJsonObject top = ok("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}, {"topN", 2}, {"compact", false},
                                                     {"startTime", qint64(kDay)}});
        const QJsonObject t1 = top["bars"].toArray()[1].toObject();
        QCOMPARE(t1["rows"].toArray(), (QJsonArray{QJsonArray{106.0, 0.0, 40.0}, QJsonArray{105.0, 0.0, 100.0}}));
        QCOMPARE(t1["buyImbalances"].toArray(), (QJsonArray{106.0, 107.0, 108.0, 109.0}));
        // Range and limit: startTime inclusive, endTime exclusive, newest kept.
        const QJsonObject r = ok("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "1m"}, {"startTime", qint64(kDay + kMsPerMinute)},
                                                   {"endTime", qint64(kDay + 4 * kMsPerMinute)}, {"limit", 2}});
        QCOMPARE(r["bars"].toArray().size(), 2);
        QCOMPARE(r["bars"].toArray()[0].toObject()["openTime"].toInteger(), kDay + 2 * kMsPerMinute);
        QCOMPARE(r["truncated"].toBool(), true);
        QCOMPARE(r["next"].toObject()["endTime"].toInteger(), kDay + 2 * kMsPerMinute);
        QVERIFY(QJsonDocument(f).toJson(QJsonDocument::Compact).size() < 8192);
    }

    void hardCapCutsOldestBars()
    {
        const QJsonObject r = call("get_footprint", {{"symbol", "XRPUSDT"}, {"timeframe", "1m"}, {"limit", 200}, {"topN", 50}, {"compact", false}});
        const QByteArray text = r["content"].toArray()[0].toObject()["text"].toString().toUtf8();
        QVERIFY(text.size() <= Tools::kHardCapBytes);
        const QJsonObject f = r["structuredContent"].toObject();
        QCOMPARE(f["truncated"].toBool(), true);
        QVERIFY(f["hint"].toString().contains("limit"));
        const QJsonArray bars = f["bars"].toArray();
        QVERIFY(bars.size() > 5 && bars.size() < 200);
        QCOMPARE(bars.last().toObject()["openTime"].toInteger(), kDay + 199 * kMsPerMinute); // newest kept
        QCOMPARE(f["next"].toObject()["endTime"].toInteger(), bars.first().toObject()["openTime"].toInteger());
    }

    void orderflowValues()
    {
        const QJsonObject m = ok("get_orderflow_metrics", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}});
        const QJsonObject cur = m["current"].toObject(), prev = m["previous"].toObject();
        QCOMPARE(cur["openTime"].toInteger(), kDay + 10 * kMsPerMinute);
        QCOMPARE(cur["closed"].toBool(), false);
        QCOMPARE(num(cur, "delta"), 5.0);
        QCOMPARE(num(cur, "cvd"), 70.0);
        QCOMPARE(prev["closed"].toBool(), true);
        QCOMPARE(num(prev, "buyVolume"), 200.0);
        QCOMPARE(num(prev, "sellVolume"), 0.0);
        QCOMPARE(num(prev, "buyShare"), 1.0);
        QVERIFY(!prev.contains("buySellRatio"));
        QCOMPARE(prev["buyImbalances"].toInt(), 4);
        QCOMPARE(prev["deltaDivergence"].toBool(), false);
        QCOMPARE(num(prev, "largeTradeShare"), 0.0);
        QCOMPARE(num(m["day"].toObject(), "delta"), 70.0);
        QCOMPARE(num(m["day"].toObject(), "cvd"), 70.0);
    }

    void depthDeltaValues()
    {
        const QJsonObject d = ok("get_orderbook_depth_delta", {{"symbol", "BTCUSDT"}, {"windowSec", 5}, {"lookback", 2}});
        const QJsonObject cur = d["current"].toObject();
        QCOMPARE(num(cur, "mid"), 100.0);
        QCOMPARE(num(cur, "bidDepth"), 9.0);
        QCOMPARE(num(cur, "askDepth"), 4.0);
        QCOMPARE(num(cur, "net"), 5.0);
        QCOMPARE(num(cur, "bidNotional"), 891.0);
        const QJsonArray w = d["windows"].toArray();
        QCOMPARE(w.size(), 2);
        QCOMPARE(w[0].toObject()["endMs"].toInteger(), kBook + 15'000);
        QCOMPARE(num(w[0].toObject(), "bidDepth"), 8.0);
        QCOMPARE(num(w[0].toObject(), "bidChange"), 2.0);
        QCOMPARE(num(w[0].toObject(), "netChange"), 2.0);
        QCOMPARE(w[1].toObject()["endMs"].toInteger(), kBook + 20'000);
        QCOMPARE(num(w[1].toObject(), "netChange"), 0.0);
        // ±2 %: 98 and 99 bid, 101 and 102 ask now.
        const QJsonObject two = ok("get_orderbook_depth_delta", {{"symbol", "BTCUSDT"}, {"percent", 2}});
        QCOMPARE(num(two["current"].toObject(), "bidDepth"), 12.0);
        QCOMPARE(num(two["current"].toObject(), "askDepth"), 6.0);
        // Off the 0.1 % ladder: windows at the nearest band, said in dataQuality.
        const QJsonObject odd = ok("get_orderbook_depth_delta", {{"symbol", "BTCUSDT"}, {"percent", 1.04}});
        QCOMPARE(odd["windowPercent"].toDouble(), 1.0);
        QVERIFY(QJsonDocument(odd["dataQuality"].toObject()["warnings"].toArray()).toJson().contains("nearest"));
    }

    void liquidationValues()
    {
        const QJsonObject l = ok("stream_liquidations", {{"symbol", "BTCUSDT"}, {"compact", false}});
        const QJsonArray items = l["items"].toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].toObject()["side"].toString(), QString("BUY")); // newest first
        QCOMPARE(num(items[0].toObject(), "notional"), 222.0);
        QCOMPARE(items[1].toObject()["liquidated"].toString(), QString("long"));
        QCOMPARE(num(items[1].toObject(), "notional"), 54.75);
        const QJsonObject h1 = l["totals"].toObject()["1h"].toObject();
        QCOMPARE(h1["count"].toInt(), 2);
        QCOMPARE(num(h1, "longNotional"), 54.75);
        QCOMPARE(num(h1, "shortNotional"), 222.0);
        QCOMPARE(num(h1, "longQty"), 0.5);
        QCOMPARE(l["lowerBound"].toBool(), true);
        const QJsonObject compact = ok("stream_liquidations", {{"limit", 1}});
        QCOMPARE(compact["items"].toArray().size(), 1);
        QCOMPARE(compact["items"].toArray()[0].toArray()[2].toString(), QString("BUY"));
        QCOMPARE(compact["columns"].toArray()[0].toString(), QString("timeMs"));
        QVERIFY(!compact["totals"].toObject()["1h"].toObject().contains("longQty")); // several symbols
    }

    void marketSnapshotValues()
    {
        const QJsonObject m = ok("get_market_snapshot", {{"symbol", "BTCUSDT"}});
        QCOMPARE(m["timestamp"].toInteger(), kNow);
        QCOMPARE(m["exchange"].toString(), QString("binance"));
        QCOMPARE(num(m, "price"), 110.0);
        QCOMPARE(num(m, "markPrice"), 110.5);
        QCOMPARE(num(m, "indexPrice"), 110.4);
        QCOMPARE(num(m, "fundingRate"), 0.0001);
        QCOMPARE(m["nextFundingTime"].toInteger(), kDay + 8 * kMsPerHour);
        QCOMPARE(num(m, "openInterest"), 1100.0);
        QCOMPARE(num(m, "openInterestNotional"), 1100 * 110.5);
        QCOMPARE(num(m, "bestBid"), 99.0);
        QCOMPARE(num(m, "bestAsk"), 101.0);
        QCOMPARE(num(m, "spread"), 2.0);
        QCOMPARE(m["valueAreaPosition"].toString(), QString("above"));
        QCOMPARE(num(m, "dayDelta"), 70.0);
        QVERIFY(!m.contains("high24h")); // trades only since 21:00 of the prior day
        QVERIFY(QJsonDocument(m["dataQuality"].toObject()["warnings"].toArray()).toJson().contains("24 h"));

        const QJsonObject e = ok("get_market_snapshot", {{"symbol", "ETHUSDT"}});
        QCOMPARE(num(e, "high24h"), 3100.0);
        QCOMPARE(num(e, "low24h"), 3050.0);
        QCOMPARE(num(e, "volume24h"), 3.0);
        QCOMPARE(num(e, "quoteVolume24h"), 9250.0);
        QCOMPARE(num(e, "priceChange24h"), -50.0);
        QCOMPARE(e["trades24h"].toInt(), 2);
    }

    void scanValues()
    {
        const QJsonObject s = ok("scan_market", {});
        QCOMPARE(s["timeframe"].toString(), QString("1h"));
        const QJsonArray rows = s["rows"].toArray();
        QCOMPARE(rows.size(), 3); // BTC, ETH, XRP; SOL has no data
        const QJsonObject btc = rows[0].toObject();
        QCOMPARE(btc["symbol"].toString(), QString("BTCUSDT"));
        QCOMPARE(btc["vsVWAP"].toString(), QString("above"));
        QCOMPARE(btc["vsValueArea"].toString(), QString("above"));
        QCOMPARE(num(btc["nearestNakedPOC"].toObject(), "price"), 120.0);
        QCOMPARE(btc["deltaSign"].toInt(), 1);
        QCOMPARE(num(btc, "openInterestChange"), 100.0);
        QCOMPARE(num(btc, "openInterestChangePercent"), 10.0);
        QCOMPARE(num(btc, "fundingRate"), 0.0001);
        QCOMPARE(btc["lastBar"].toObject()["stacked"].toArray().size(), 2); // 00:00 1h bar: SELL 100–103, BUY 106–110
        QCOMPARE(s["unavailable"].toArray()[0].toObject()["symbol"].toString(), QString("SOLUSDT"));
        const QJsonObject one = ok("scan_market", {{"symbols", QJsonArray{"ETHUSDT"}}, {"timeframe", "5m"}});
        QCOMPARE(one["rows"].toArray().size(), 1);
    }

    // ---- REST: the same objects -------------------------------------------------------------------
    void restMatchesMcp()
    {
        const QList<std::tuple<QByteArray, QString, QJsonObject>> cases{
            {"/api/market/BTCUSDT", "get_market_snapshot", {{"symbol", "BTCUSDT"}}},
            {"/api/key-levels/BTCUSDT?date=2024-08-07", "get_key_levels", {{"symbol", "BTCUSDT"}, {"date", "2024-08-07"}}},
            {"/api/footprint/BTCUSDT?timeframe=5m&limit=2&topN=3&compact=false", "get_footprint",
             {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}, {"limit", 2}, {"topN", 3}, {"compact", false}}},
            {"/api/orderflow/BTCUSDT?timeframe=1m", "get_orderflow_metrics", {{"symbol", "BTCUSDT"}, {"timeframe", "1m"}}},
            {"/api/depth-delta/BTCUSDT?percent=1.5&windowSec=5&lookback=3", "get_orderbook_depth_delta",
             {{"symbol", "BTCUSDT"}, {"percent", 1.5}, {"windowSec", 5}, {"lookback", 3}}},
            {"/api/liquidations/BTCUSDT?limit=1", "stream_liquidations", {{"symbol", "BTCUSDT"}, {"limit", 1}}},
            {"/api/liquidations", "stream_liquidations", {}},
            {"/api/scan?symbols=BTCUSDT,ETHUSDT&timeframe=15m", "scan_market",
             {{"symbols", QJsonArray{"BTCUSDT", "ETHUSDT"}}, {"timeframe", "15m"}}}};
        for (const auto &[path, tool, args] : cases) {
            const Http r = request(port_, "GET", path);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
            QCOMPARE(r.json(), ok(tool, args));
        }
    }

    void restErrors()
    {
        Http r = request(port_, "GET", "/api/footprint/BTCUSDT?timeframe=2m");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json()["error"].toObject()["code"].toString(), QString("bad_argument"));
        QCOMPARE(r.json()["error"].toObject()["message"].toString(), QString("Invalid timeframe '2m': use one of 1m, 5m, 15m, 30m, 1h, 4h, 1d."));
        QCOMPARE(request(port_, "GET", "/api/footprint/BTCUSDT?timeframe=5m&limit=abc").status, 400);
        QCOMPARE(request(port_, "GET", "/api/market/DOGEUSDT").status, 404);
        QCOMPARE(request(port_, "GET", "/api/market/SOLUSDT").status, 503);
        QCOMPARE(request(port_, "GET", "/api/key-levels/BTCUSDT?date=2024-08-01").status, 404);
        QCOMPARE(request(port_, "GET", "/api/key-levels/BTCUSDT?sessionTZ=Asia/Tokyo").status, 422);
        QCOMPARE(request(port_, "GET", "/api/market/BTCUSDT?foo=1").status, 400);
        QCOMPARE(request(port_, "POST", "/api/market/BTCUSDT", {{"Content-Type", "application/json"}}, "{}").status, 405);
    }

    // ---- every bad-argument path: isError naming the argument and the allowed values ------------
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
        const QJsonObject fp = with(btc, "timeframe", "5m");
        const QList<std::tuple<const char *, QString, QJsonObject, QString>> rows{
            {"missing symbol", "get_market_snapshot", {}, "Missing argument 'symbol': use a Binance USD-M perpetual such as BTCUSDT; available: BTCUSDT, ETHUSDT, SOLUSDT, XRPUSDT."},
            {"symbol pattern", "get_market_snapshot", {{"symbol", "BTC-USDT"}}, "Invalid symbol 'BTC-USDT'"},
            {"symbol type", "get_key_levels", {{"symbol", 5}}, "Invalid symbol 5"},
            {"unknown symbol", "get_market_snapshot", {{"symbol", "BTCUSD"}}, "Unknown symbol 'BTCUSD'; did you mean BTCUSDT? This server follows BTCUSDT, ETHUSDT, SOLUSDT, XRPUSDT."},
            {"no data yet", "get_market_snapshot", {{"symbol", "SOLUSDT"}}, "no data for SOLUSDT since start-up; retry in a minute"},
            {"unknown argument", "get_market_snapshot", with(btc, "interval", "1m"), "Unknown argument 'interval': get_market_snapshot accepts symbol."},
            {"date format", "get_key_levels", with(btc, "date", "2024/08/08"), "Invalid date '2024/08/08': use a day as YYYY-MM-DD"},
            {"date invalid", "get_key_levels", with(btc, "date", "2024-02-30"), "Invalid date '2024-02-30': use a calendar day as YYYY-MM-DD."},
            {"date not kept", "get_key_levels", with(btc, "date", "2024-08-01"), "2024-08-01 is not in memory; cached days: 2024-08-07, 2024-08-08"},
            {"sessionTZ unknown", "get_key_levels", with(btc, "sessionTZ", "Mars/Olympus"), "Invalid sessionTZ 'Mars/Olympus': use an IANA time zone"},
            {"sessionTZ other days", "get_key_levels", with(btc, "sessionTZ", "Asia/Tokyo"), "the server computes days in DAY_TZ=UTC"},
            {"timeframe empty", "get_footprint", with(btc, "timeframe", ""), "Invalid timeframe '': use one of 1m, 5m, 15m, 30m, 1h, 4h, 1d."},
            {"timeframe bad", "get_footprint", with(btc, "timeframe", "2m"), "Invalid timeframe '2m': use one of 1m, 5m, 15m, 30m, 1h, 4h, 1d."},
            {"limit high", "get_footprint", with(fp, "limit", 500), "Invalid limit 500: use an integer from 1 to 200 (default 12)."},
            {"limit zero", "get_footprint", with(fp, "limit", 0), "Invalid limit 0: use an integer from 1 to 200 (default 12)."},
            {"limit fraction", "get_footprint", with(fp, "limit", 2.5), "Invalid limit 2.5: use an integer"},
            {"limit string", "get_footprint", with(fp, "limit", "5"), "Invalid limit '5': use an integer"},
            {"topN", "get_footprint", with(fp, "topN", 51), "Invalid topN 51: use an integer from 1 to 50 (default 5)."},
            {"compact", "get_footprint", with(fp, "compact", "yes"), "Invalid compact 'yes': use true or false (default true)."},
            {"startTime", "get_footprint", with(fp, "startTime", -5), "Invalid startTime -5"},
            {"bars not kept", "get_footprint", with(fp, "endTime", qint64(kDay - 2 * kMsPerDay)), "bars before 2024-08-07T00:00:00.000Z are not in memory"},
            {"endTime order", "get_footprint", with(with(fp, "startTime", 2000), "endTime", 1000), "Invalid endTime 1000: it must be later than startTime."},
            {"metrics timeframe", "get_orderflow_metrics", with(btc, "timeframe", "4h"), "Invalid timeframe '4h': use one of 1m, 5m, 15m, 30m, 1h."},
            {"percent high", "get_orderbook_depth_delta", with(btc, "percent", 11), "Invalid percent 11: use a number from 0.01 to 10 (default 1)."},
            {"percent zero", "get_orderbook_depth_delta", with(btc, "percent", 0), "Invalid percent 0: use a number from 0.01 to 10 (default 1)."},
            {"percent step", "get_orderbook_depth_delta", with(btc, "percent", 0.015), "Invalid percent 0.015: use a number from 0.01 to 10 in steps of 0.01"},
            {"windowSec", "get_orderbook_depth_delta", with(btc, "windowSec", 4), "Invalid windowSec 4: use 0 (the raw per-second samples) or an integer from 5 to 3600 (default 60)."},
            {"lookback", "get_orderbook_depth_delta", with(btc, "lookback", 3601), "Invalid lookback 3601: use an integer from 1 to 3600 (default 5)."},
            {"liquidations limit", "stream_liquidations", {{"limit", 201}}, "Invalid limit 201: use an integer from 1 to 200 (default 50)."},
            {"liquidations symbol", "stream_liquidations", {{"symbol", "NOPEUSDT"}}, "Unknown symbol 'NOPEUSDT'"},
            {"scan symbols type", "scan_market", {{"symbols", "BTCUSDT"}}, "Invalid symbols 'BTCUSDT': use an array of symbols"},
            {"scan symbols empty", "scan_market", {{"symbols", QJsonArray{}}}, "Invalid symbols []"},
            {"scan symbols entry", "scan_market", {{"symbols", QJsonArray{"BTCUSDT", "ETH"}}}, "Unknown symbol 'ETH'; did you mean ETHUSDT?"},
            {"scan only no-data", "scan_market", {{"symbols", QJsonArray{"SOLUSDT"}}}, "no trades yet for SOLUSDT"},
            {"scan timeframe", "scan_market", {{"timeframe", "1d"}}, "Invalid timeframe '1d': use one of 1m, 5m, 15m, 30m, 1h."},
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

    void largestStackedZones()
    {
        std::vector<StackedResult> zones;
        for (int i = 0; i < 7; ++i) // counts 3,4,5,3,6,3,4 at prices 10·i
            zones.push_back({10.0 * i, 10.0 * i + 1, "BUY", std::vector<int>{3, 4, 5, 3, 6, 3, 4}[size_t(i)], true});
        const auto kept = largestStacked(zones, 5);
        QCOMPARE(kept.size(), size_t(5));
        QList<double> lows;
        for (const StackedResult &z : kept)
            lows << z.low;
        // Counts 6 (40), 5 (20), 4 (60, 10), then of the three 3s the highest price (50); in price order.
        QCOMPARE(lows, (QList<double>{10, 20, 40, 50, 60}));
    }
};

QTEST_GUILESS_MAIN(TestServerTools)
#include "test_server_tools.moc"
