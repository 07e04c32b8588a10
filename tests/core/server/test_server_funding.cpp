// get_funding_rate over the hand-made data of ServerFixture.h plus three settlements added here:
// values worked out by hand, REST = MCP, bad arguments named.
#include "ServerFixture.h"

class TestServerFunding : public ServerTest {
    Q_OBJECT

    static FundingSettlement settled(int64_t t, double rate, double mark)
    {
        FundingSettlement f;
        f.fundingTimeMs = t;
        f.fundingRate = units(rate);
        f.markPrice = units(mark);
        return f;
    }

private Q_SLOTS:
    void initTestCase()
    {
        startServer();
        // Settled at −16 h (+0.0001, mark 119), −8 h (−0.0002, no mark), 00:00 (+0.0003, mark 100).
        MarketEngine &btc = registry_.engine(symbol("BTCUSDT", 1));
        btc.onFundingSettlement(settled(kDay - 16 * kMsPerHour, 0.0001, 119));
        btc.onFundingSettlement(settled(kDay, 0.0003, 100));
        btc.onFundingSettlement(settled(kDay - 8 * kMsPerHour, -0.0002, 0)); // out of order: sorted in
        registry_.publishAll();
    }
    void cleanupTestCase() { stopServer(); }

    // Current: the fixture's mark price (rate 0.0001 = 0.01 %, next funding 08:00, mark 110.5).
    // All three: mean (0.0001 − 0.0002 + 0.0003) / 3 = 0.0000666…, annualized × 3 a day × 365 × 100
    // = 7.3 %. limit 2: the newest two, mean 0.00005, 5.475 %.
    void values()
    {
        const QJsonObject r = ok("get_funding_rate", {{"symbol", "BTCUSDT"}});
        QCOMPARE(r["intervalHours"].toInt(), 8);
        const QJsonObject c = r["current"].toObject();
        QCOMPARE(c["fundingRate"].toDouble(), 0.0001);
        QCOMPARE(c["fundingRatePercent"].toDouble(), 0.01);
        QCOMPARE(c["markPrice"].toDouble(), 110.5);
        QCOMPARE(c["nextFundingTime"].toInteger(), kDay + 8 * kMsPerHour);
        QCOMPARE(c["time"].toInteger(), kNow - 10'000);
        const QJsonArray h = r["history"].toArray();
        QCOMPARE(h.size(), 3);
        QCOMPARE(h[0].toArray(), (QJsonArray{qint64(kDay - 16 * kMsPerHour), 0.0001, 119.0}));
        QCOMPARE(h[1].toArray(), (QJsonArray{qint64(kDay - 8 * kMsPerHour), -0.0002, QJsonValue()}));
        QCOMPARE(h[2].toArray(), (QJsonArray{qint64(kDay), 0.0003, 100.0}));
        QCOMPARE(r["meanRate"].toDouble(), 0.00006667); // 8 decimals
        QCOMPARE(r["annualizedPercent"].toDouble(), 7.3);
        const QJsonObject q = r["dataQuality"].toObject();
        QCOMPARE(q["coverage"].toDouble(), 1.0); // 3 of the 3 funding times from −16 h to 00:00
        QCOMPARE(q["warnings"].toArray().size(), 0);

        const QJsonObject two = ok("get_funding_rate", {{"symbol", "BTCUSDT"}, {"limit", 2}});
        QCOMPARE(two["history"].toArray().size(), 2);
        QCOMPARE(two["meanRate"].toDouble(), 0.00005);
        QCOMPARE(two["annualizedPercent"].toDouble(), 5.475);
        // [−8 h, 00:00): the −8 h settlement only.
        const QJsonObject range = ok("get_funding_rate", {{"symbol", "BTCUSDT"}, {"startTime", qint64(kDay - 8 * kMsPerHour)},
                                                          {"endTime", qint64(kDay)}});
        QCOMPARE(range["history"].toArray().size(), 1);
        QCOMPARE(range["meanRate"].toDouble(), -0.0002);
    }

    // ETHUSDT has trades but neither a mark price nor a settlement; XRPUSDT a mark price only.
    void withoutSettlements()
    {
        QVERIFY(toolError("get_funding_rate", {{"symbol", "ETHUSDT"}}).contains("no funding for ETHUSDT yet"));
        const QJsonObject x = ok("get_funding_rate", {{"symbol", "XRPUSDT"}});
        QVERIFY(x.contains("current"));
        QCOMPARE(x["history"].toArray().size(), 0);
        QVERIFY(!x.contains("meanRate"));
        QCOMPARE(x["dataQuality"].toObject()["coverage"].toDouble(), 0.0);
    }

    void restMatchesMcp()
    {
        const Http r = request(port_, "GET", "/api/funding-rate/BTCUSDT?limit=2");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), ok("get_funding_rate", {{"symbol", "BTCUSDT"}, {"limit", 2}}));
        const Http bad = request(port_, "GET", "/api/funding-rate/BTCUSDT?limit=0");
        QCOMPARE(bad.status, 400);
        QVERIFY2(bad.body.contains("Invalid limit 0"), bad.body.constData());
    }

    void badArguments()
    {
        const QJsonObject btc{{"symbol", "BTCUSDT"}};
        auto with = [](QJsonObject o, const QString &k, const QJsonValue &v) {
            o.insert(k, v);
            return o;
        };
        QCOMPARE(toolError("get_funding_rate", with(btc, "limit", 1001)),
                 QString("Invalid limit 1001: use an integer from 1 to 1000 (default 30)."));
        QCOMPARE(toolError("get_funding_rate", with(with(btc, "startTime", 2000), "endTime", 1000)),
                 QString("Invalid endTime 1000: it must be later than startTime."));
        QVERIFY(toolError("get_funding_rate", with(btc, "startTime", -5)).startsWith("Invalid startTime -5"));
        QVERIFY(toolError("get_funding_rate", with(btc, "period", "1h")).contains("period"));
        QVERIFY(toolError("get_funding_rate", {}).contains("symbol"));
    }
};

QTEST_MAIN(TestServerFunding)
#include "test_server_funding.moc"
