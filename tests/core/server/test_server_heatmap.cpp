// get_orderbook_heatmap over the book of ServerFixture.h, worked out by hand: bids 99×5, 98×3, 90×10
// and asks 101×4, 102×2, 120×7 at 00:09:00 (mid 100, ±1 % = 99…101), bid 99 → 6 at 00:09:00.5,
// → 8 at 00:09:10.5, → 9 at 00:09:20.5. A frame is the book at the end of each second in which the
// book changed, so frames are 00:09:01 (99×6, 101×4) and 00:09:11 (99×8, 101×4); the 20.5 s change
// has no later event to close its second. The data answers at its last event, 00:10:00; a frame
// stands for the book until the next one (at most 60 s): 00:09:01–11 → 6, 00:09:11–00:10:00 → 8.
#include "ServerFixture.h"

class TestServerHeatmap : public ServerTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServer(); }
    void cleanupTestCase() { stopServer(); }

    // One minute [00:09:00, 00:10:00): sampled 10 + 49 = 59 s; 99: (6·10 + 8·49) / 59 = 452/59 =
    // 7.6610, max 8; 101: 4; coverage 59/60.
    void oneMinute()
    {
        const QJsonObject r = ok("get_orderbook_heatmap", {{"symbol", "BTCUSDT"}, {"lookbackMinutes", 1}});
        QCOMPARE(r["fromTime"].toInteger(), kBook);
        QCOMPARE(r["toTime"].toInteger(), kNow);
        QCOMPARE(r["resolution"].toString(), QString("1s"));
        QCOMPARE(r["ticksPerRow"].toInt(), 1);
        QCOMPARE(r["binSize"].toDouble(), 1.0);
        QCOMPARE(r["mid"].toDouble(), 100.0);
        QCOMPARE(r["bestBid"].toDouble(), 99.0);
        QCOMPARE(r["bestAsk"].toDouble(), 101.0);
        QCOMPARE(r["bids"].toArray(), (QJsonArray{QJsonArray{99.0, 7.661, 8.0}}));
        QCOMPARE(r["asks"].toArray(), (QJsonArray{QJsonArray{101.0, 4.0, 4.0}}));
        QCOMPARE(r["sampledSeconds"].toDouble(), 59.0);
        QCOMPARE(r["samples"].toInt(), 2);
        QCOMPARE(r["coverage"].toDouble(), 0.9833);
        const QJsonObject q = r["dataQuality"].toObject();
        QCOMPARE(q["coverage"].toDouble(), 59.0 / 60.0);
        QCOMPARE(q["warnings"].toArray().size(), 1);
        QVERIFY(q["warnings"].toArray()[0].toString().contains("98 %"));
    }

    // 15 minutes: the same 59 s sampled of 900 s; two-tick bins 98 and 100; ±0.5 %: the bid bin
    // [99, 100) reaches into 99.5…100.5, the ask bin [101, 102) does not.
    void arguments()
    {
        const QJsonObject r = ok("get_orderbook_heatmap", {{"symbol", "BTCUSDT"}});
        QCOMPARE(r["lookbackMinutes"].toInt(), 15);
        QCOMPARE(r["coverage"].toDouble(), 0.0656); // 59 / 900
        QCOMPARE(r["bids"].toArray()[0].toArray()[1].toDouble(), 7.661);
        const QJsonObject two = ok("get_orderbook_heatmap", {{"symbol", "BTCUSDT"}, {"lookbackMinutes", 1}, {"ticksPerRow", 2}});
        QCOMPARE(two["binSize"].toDouble(), 2.0);
        QCOMPARE(two["bids"].toArray(), (QJsonArray{QJsonArray{98.0, 7.661, 8.0}}));
        QCOMPARE(two["asks"].toArray(), (QJsonArray{QJsonArray{100.0, 4.0, 4.0}}));
        const QJsonObject half = ok("get_orderbook_heatmap", {{"symbol", "BTCUSDT"}, {"lookbackMinutes", 1}, {"percent", 0.5}});
        QCOMPARE(half["bids"].toArray().size(), 1);
        QCOMPARE(half["asks"].toArray().size(), 0);
    }

    void restMatchesMcp()
    {
        const Http r = request(port_, "GET", "/api/orderbook-heatmap/BTCUSDT?lookbackMinutes=1&maxLevels=1");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), ok("get_orderbook_heatmap", {{"symbol", "BTCUSDT"}, {"lookbackMinutes", 1}, {"maxLevels", 1}}));
        QCOMPARE(request(port_, "GET", "/api/orderbook-heatmap/BTCUSDT?ticksPerRow=0").status, 400);
    }

    void badArguments()
    {
        const QJsonObject btc{{"symbol", "BTCUSDT"}};
        auto with = [](QJsonObject o, const QString &k, const QJsonValue &v) {
            o.insert(k, v);
            return o;
        };
        QVERIFY(toolError("get_orderbook_heatmap", with(btc, "ticksPerRow", 0)).startsWith("Invalid ticksPerRow 0"));
        QVERIFY(toolError("get_orderbook_heatmap", with(btc, "percent", 1.5)).startsWith("Invalid percent 1.5"));
        QCOMPARE(toolError("get_orderbook_heatmap", with(btc, "percent", 0.015)),
                 QString("Invalid percent 0.015: use a number from 0.01 to 1 in steps of 0.01 (default 1)."));
        QVERIFY(toolError("get_orderbook_heatmap", with(btc, "lookbackMinutes", 0)).startsWith("Invalid lookbackMinutes 0"));
        QCOMPARE(toolError("get_orderbook_heatmap", with(btc, "maxLevels", 51)),
                 QString("Invalid maxLevels 51: use an integer from 1 to 50 (default 10)."));
        QVERIFY(toolError("get_orderbook_heatmap", {{"symbol", "ETHUSDT"}}).contains("no order-book heatmap for ETHUSDT yet"));
        // Beyond the hour in memory without a cache (this server has none).
        QVERIFY(toolError("get_orderbook_heatmap", with(btc, "lookbackMinutes", 120)).contains("memory holds the last 60 minutes"));
    }
};

QTEST_MAIN(TestServerHeatmap)
#include "test_server_heatmap.moc"
