// REST decoders (binance.md §2) on documented and observed shapes: unknown fields ignored,
// missing required fields named, numbers or strings where Binance sends both; and the proxy
// choice from HTTPS_PROXY / NO_PROXY.
#include "binance/ProxyConfig.h"
#include "binance/RestDecoders.h"

#include <QtTest>

using namespace co;

class TestRestDecoders : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void aggTradesPage()
    {
        // The documented row plus fields added later (nq) and unknown ones.
        const std::string json = R"([{"a":26129,"p":"0.01633102","q":"4.70443515","nq":"4.70443515","f":27781,"l":27781,"T":1498793709153,"m":true},
            {"a":26130,"p":"63943.9","q":"0.010","f":27782,"l":27790,"T":1498793709160,"m":false,"st":1,"zz":{"x":[1]}}])";
        std::vector<Trade> rows;
        std::string err;
        QVERIFY2(decodeAggTradesPage(json, rows, &err), err.c_str());
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows[0].id, 26129);
        QCOMPARE(rows[0].price, 1'633'102);
        QCOMPARE(rows[0].qty, 470'443'515);
        QCOMPARE(rows[0].timeMs, 1498793709153);
        QVERIFY(rows[0].buyerMaker);
        QCOMPARE(rows[1].price, 6'394'390'000'000);
        QCOMPARE(rows[1].qty, 1'000'000);
        QVERIFY(!rows[1].buyerMaker);
        QVERIFY(rows[1].source == TradeSource::AggTrade);

        QVERIFY(decodeAggTradesPage("[]", rows, &err));
        QVERIFY(rows.empty());
        QVERIFY(!decodeAggTradesPage(R"([{"p":"1","q":"1","T":1,"m":true}])", rows, &err));
        QCOMPARE(err, std::string("aggTrades: missing required field 'a'"));
        QVERIFY(!decodeAggTradesPage(R"([{"a":1,"p":"1.2.3","q":"1","T":1,"m":true}])", rows, &err));
        QCOMPARE(err, std::string("aggTrades: bad value for field 'p'"));
        QVERIFY(!decodeAggTradesPage(R"({"code":-1121,"msg":"Invalid symbol."})", rows, &err));
        QVERIFY(!decodeAggTradesPage("[{\"a\":1", rows, &err));
        QVERIFY(err.rfind("malformed JSON", 0) == 0);
    }

    void openInterest()
    {
        OpenInterest oi;
        QVERIFY(decodeOpenInterest(R"({"openInterest":"10659.509","symbol":"BTCUSDT","time":1589437530011})", oi));
        QCOMPARE(oi.openInterest, 1'065'950'900'000);
        QCOMPARE(oi.timeMs, 1589437530011);
        std::vector<OpenInterest> hist;
        std::string err;
        // Docs quote the timestamp; live answers send a number: both accepted.
        QVERIFY2(decodeOpenInterestHist(R"([{"symbol":"BTCUSDT","sumOpenInterest":"20403.63700000","sumOpenInterestValue":"150570784.07809979","CMCCirculatingSupply":"165880.538","timestamp":"1583127900000"},
                                             {"symbol":"BTCUSDT","sumOpenInterest":"20401.36700000","sumOpenInterestValue":"149940752.14464448","timestamp":1583128200000}])",
                                        hist, &err),
                 err.c_str());
        QCOMPARE(hist.size(), size_t(2));
        QCOMPARE(hist[0].timeMs, 1583127900000);
        QCOMPARE(hist[1].timeMs, 1583128200000);
        QCOMPARE(hist[0].openInterest, 2'040'363'700'000);
        QCOMPARE(hist[0].valueUsdt, 15'057'078'407'809'979);
        QVERIFY(decodeOpenInterestHist("[]", hist));
        QVERIFY(!decodeOpenInterestHist(R"([{"sumOpenInterest":"1","sumOpenInterestValue":"2"}])", hist, &err));
        QCOMPARE(err, std::string("openInterestHist: missing required field 'timestamp'"));
    }

    // Settled rates (the docs' example, and "" mark prices of old records) and funding intervals;
    // broken or incomplete answers fail with the field named, nothing half-decoded kept.
    void fundingRatesAndInfo()
    {
        std::vector<FundingSettlement> rows;
        std::string err;
        QVERIFY2(decodeFundingRates(R"([{"symbol":"BTCUSDT","fundingRate":"-0.03750000","fundingTime":1570608000000,"markPrice":"34287.54619963"},
                                        {"symbol":"BTCUSDT","fundingRate":"0.00010000","fundingTime":1570636800000,"markPrice":""}])",
                                    rows, &err),
                 err.c_str());
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows[0].fundingRate, -3'750'000);
        QCOMPARE(rows[0].fundingTimeMs, 1570608000000);
        QCOMPARE(rows[0].markPrice, 3'428'754'619'963);
        QCOMPARE(rows[0].intervalHours, 8);
        QCOMPARE(rows[1].fundingRate, 10'000);
        QCOMPARE(rows[1].markPrice, 0);
        QVERIFY(!decodeFundingRates(R"([{"symbol":"BTCUSDT","fundingTime":1570608000000}])", rows, &err));
        QCOMPARE(err, std::string("fundingRate: missing required field 'fundingRate'"));
        QVERIFY(!decodeFundingRates(R"([{"fundingRate":"x","fundingTime":1}])", rows, &err));
        QCOMPARE(err, std::string("fundingRate: bad value for field 'fundingRate'"));
        QVERIFY(!decodeFundingRates(R"([{"fundingRate":"0.1","fundingTime":1,"markPrice":"1e5"}])", rows, &err));
        QCOMPARE(err, std::string("fundingRate: bad value for field 'markPrice'"));
        QVERIFY(!decodeFundingRates(R"({"code":-1121})", rows, &err));
        QCOMPARE(err, std::string("fundingRate: not a JSON array"));
        QVERIFY(!decodeFundingRates(R"([{"symbol":"BTCUSDT","fundingRate":)", rows, &err));
        QVERIFY(err.rfind("malformed JSON", 0) == 0);

        std::map<std::string, int> hours;
        QVERIFY(decodeFundingInfo(R"([{"symbol":"BLZUSDT","adjustedFundingRateCap":"0.02500000","adjustedFundingRateFloor":"-0.02500000","fundingIntervalHours":4,"disclaimer":false},
                                     {"symbol":"XYZUSDT","fundingIntervalHours":1}])",
                                  hours, &err));
        QCOMPARE(hours.size(), size_t(2));
        QCOMPARE(hours["BLZUSDT"], 4);
        QCOMPARE(hours["XYZUSDT"], 1);
        QVERIFY(decodeFundingInfo("[]", hours));
        QVERIFY(hours.empty());
        QVERIFY(!decodeFundingInfo(R"([{"symbol":"BLZUSDT","fundingIntervalHours":0}])", hours, &err));
        QCOMPARE(err, std::string("fundingInfo: bad value for field 'fundingIntervalHours'"));
        QVERIFY(!decodeFundingInfo(R"([{"fundingIntervalHours":4}])", hours, &err));
        QCOMPARE(err, std::string("fundingInfo: missing required field 'symbol'"));
    }

    void premiumIndexAndTicker()
    {
        MarkPrice m;
        QVERIFY(decodePremiumIndex(R"({"symbol":"BTCUSDT","markPrice":"11793.63104562","indexPrice":"11781.80495970",
            "estimatedSettlePrice":"11781.16138815","lastFundingRate":"0.00038246","interestRate":"0.00010000",
            "nextFundingTime":1597392000000,"time":1597370495002})", m));
        QCOMPARE(m.markPrice, 1'179'363'104'562);
        QCOMPARE(m.fundingRate, 38'246);
        QCOMPARE(m.nextFundingMs, 1597392000000);
        QCOMPARE(m.eventMs, 1597370495002);
        Ticker24h t;
        std::string err;
        QVERIFY2(decodeTicker24h(R"({"symbol":"BTCUSDT","priceChange":"-94.99999800","priceChangePercent":"-95.960","weightedAvgPrice":"0.29628482",
            "lastPrice":"4.00000200","lastQty":"200.00000000","openPrice":"99.00000000","highPrice":"100.00000000","lowPrice":"0.10000000",
            "volume":"8913.30000000","quoteVolume":"15.30000000","openTime":1499783499040,"closeTime":1499869899040,"firstId":28385,"lastId":28460,"count":76})",
                                 t, &err),
                 err.c_str());
        QCOMPARE(t.lastPrice, 400'000'200);
        QCOMPARE(t.priceChangePercent, -9'596'000'000);
        QCOMPARE(t.count, 76);
        const auto e = decodeApiError(R"({"code":-4166,"msg":"Search window is restricted to recent 2 days only."})");
        QVERIFY(e);
        QCOMPARE(e->code, -4166);
        QVERIFY(!decodeApiError("[]"));
    }

    void proxyFromEnvironment()
    {
        QMap<QString, QString> env{{"HTTPS_PROXY", "http://user:p%40ss@proxy.example:3128"},
                                   {"http_proxy", "socks5://10.0.0.1"},
                                   {"NO_PROXY", "localhost,.internal.example,127.0.0.1:8080"}};
        EnvProxyFactory f([&env](const char *n) { return env.value(n); });
        QNetworkProxy p = f.proxyFor(QUrl("wss://stream.example.com/market/stream"));
        QCOMPARE(p.type(), QNetworkProxy::HttpProxy);
        QCOMPARE(p.hostName(), QString("proxy.example"));
        QCOMPARE(p.port(), quint16(3128));
        QCOMPARE(p.user(), QString("user"));
        QCOMPARE(p.password(), QString("p@ss"));
        QCOMPARE(f.proxyFor(QUrl("https://rest.example.com/fapi/v1/time")).hostName(), QString("proxy.example"));
        p = f.proxyFor(QUrl("http://rest.example.com/fapi/v1/time")); // plain http: http_proxy
        QCOMPARE(p.type(), QNetworkProxy::Socks5Proxy);
        QCOMPARE(p.port(), quint16(1080));
        QCOMPARE(f.proxyFor(QUrl("ws://127.0.0.1:9000/public")).type(), QNetworkProxy::NoProxy);
        QCOMPARE(f.proxyFor(QUrl("https://api.internal.example/x")).type(), QNetworkProxy::NoProxy);
        QCOMPARE(f.proxyFor(QUrl("https://localhost/x")).type(), QNetworkProxy::NoProxy);
        QCOMPARE(EnvProxyFactory::parse("proxy:8080").hostName(), QString("proxy"));
        QCOMPARE(EnvProxyFactory::parse("").type(), QNetworkProxy::NoProxy);
        // Nothing set: the system configuration decides (no proxy on a bare test machine).
        EnvProxyFactory none([](const char *) { return QString(); });
        QVERIFY(none.queryProxy(QNetworkProxyQuery(QUrl("https://x.example/"))).size() == 1);
    }
};

QTEST_APPLESS_MAIN(TestRestDecoders)
#include "test_restdecoders.moc"
