// StreamClient and LiveSession against a fake Binance that misbehaves (binance.md §4):
// malformed frames are counted and skipped on a connection that stays up; server pings,
// server-initiated closes (the 24 h rule on a short timer) and SUBSCRIBE batches; the watchdog
// and the proactive rotation; an HTTP proxy from the environment. Trades stay continuous.
#include "support/LiveHarness.h"
#include "model/Time.h"
#include "support/FakeProxy.h"

#include <QtTest>

using namespace co;
using namespace co::test;

namespace {
FakeSymbolData market(size_t trades)
{
    FakeSymbolData d;
    d.symbol = "BTCUSDT";
    const int64_t start = daysFromCivil({2026, 3, 2}) * kMsPerDay + 12 * kMsPerHour;
    d.trades = syntheticTrades(21, trades, 7'000'000, start, 20);
    syntheticDepth(22, trades / 5, start, 100, d);
    return d;
}

void expectAllTrades(LiveHarness &h, const FakeSymbolData &d)
{
    QTRY_COMPARE_WITH_TIMEOUT(h.log.count(), d.trades.size(), 30'000);
    const std::vector<Trade> got = h.log.trades();
    for (size_t i = 0; i < got.size(); ++i)
        QCOMPARE(got[i].id, d.trades.front().id + int64_t(i));
}

DecodeStats decodeStats(LiveHarness &h)
{
    DecodeStats s;
    h.live.inspect([&s](LiveSession &session) { s = session.decodeStats(); });
    return s;
}

StreamStatus marketStream(const LiveHarness &h) { return h.binance().marketStream.value_or(StreamStatus{}); }
} // namespace

class TestLiveStreams : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules("co.binance.info=false\nco.binance.warning=false"); }

    void malformedFramesAreCountedAndSkipped()
    {
        const FakeSymbolData d = market(4000);
        FakeBinance fake;
        QVERIFY(fake.listen());
        fake.addSymbol(d);
        fake.faults().malformedEvery = 37;
        LiveHarness h(fastOptions(fake, {"BTCUSDT"}), SystemClock::instance(), d);
        h.live.setResumeFrom("BTCUSDT", d.trades.front().id - 1, d.trades.front().timeMs);
        h.live.start();
        QTRY_COMPARE_WITH_TIMEOUT(h.state(), BinanceStatus::State::Live, 10'000);
        fake.play(40, 2);
        QTRY_VERIFY_WITH_TIMEOUT(fake.finished(), 30'000);
        expectAllTrades(h, d);
        QVERIFY(fake.malformedSent() > 50);
        QTRY_COMPARE(fake.framesSent() + fake.malformedSent(), int(decodeStats(h).frames));
        const DecodeStats s = decodeStats(h);
        QCOMPARE(int(s.malformed + s.missingField + s.unknownType), fake.malformedSent());
        QVERIFY(s.malformed > 0 && s.missingField > 0);
        QCOMPARE(fake.connectionsAccepted(), 2); // one /market, one /public: never dropped
        QCOMPARE(marketStream(h).reconnects, 0u);
        QCOMPARE(h.symbolStatus("BTCUSDT").gapsFilled, 0u); // nothing was lost
        QTRY_VERIFY(h.binance().decode.malformed > 0);
    }

    void pingsServerClosesAndSubscribe()
    {
        const FakeSymbolData d = market(4000);
        FakeBinance fake;
        QVERIFY(fake.listen());
        fake.addSymbol(d);
        fake.faults().pingEveryMs = 40;
        fake.faults().connectionLifetimeMs = 500; // "24 h" later the server closes
        LiveSession::Options o = fastOptions(fake, {"BTCUSDT"});
        o.stream.maxUrlStreams = 1; // the other streams go in a SUBSCRIBE
        LiveHarness h(o, SystemClock::instance(), d);
        h.live.setResumeFrom("BTCUSDT", d.trades.front().id - 1, d.trades.front().timeMs);
        h.live.start();
        QTRY_COMPARE_WITH_TIMEOUT(h.state(), BinanceStatus::State::Live, 10'000);
        fake.play(20, 2);
        QTRY_VERIFY_WITH_TIMEOUT(fake.finished(), 30'000);
        expectAllTrades(h, d);
        QVERIFY(fake.pongs() > 10);        // QWebSocket answers pings by itself
        QVERIFY(fake.serverCloses() >= 2);
        QVERIFY(fake.connectionsAccepted() > 2);
        QVERIFY(fake.subscribeAcks() >= 1); // markPrice@1s and forceOrder came by SUBSCRIBE
        h.engines.flush();
        const SnapshotPtr s = h.registry.snapshot("BTCUSDT");
        QVERIFY(s && s->funding && s->funding->mark()); // mark prices arrived on a subscribed stream
        QVERIFY(h.symbolStatus("BTCUSDT").depthSnapshots >= 2); // a resync per new connection
    }

    void watchdogAndRotation()
    {
        const FakeSymbolData d = market(6000);
        FakeBinance fake;
        QVERIFY(fake.listen());
        fake.addSymbol(d);
        LiveSession::Options o = fastOptions(fake, {"BTCUSDT"});
        o.stream.watchdogMs = 300;
        o.stream.rotateAfterMs = 400;
        LiveHarness h(o, SystemClock::instance(), d);
        h.live.setResumeFrom("BTCUSDT", d.trades.front().id - 1, d.trades.front().timeMs);
        h.live.start();
        QTRY_COMPARE_WITH_TIMEOUT(h.state(), BinanceStatus::State::Live, 10'000);
        fake.play(5, 2);
        QTRY_VERIFY_WITH_TIMEOUT(marketStream(h).rotations >= 1, 10'000);
        const int accepted = fake.connectionsAccepted();
        fake.faults().stall = true; // connections stay open, nothing arrives
        QTRY_VERIFY_WITH_TIMEOUT(marketStream(h).watchdogTrips >= 1, 5'000);
        QTRY_VERIFY(fake.connectionsAccepted() > accepted);
        fake.faults().stall = false;
        fake.play(100, 2); // the rest quickly
        QTRY_VERIFY_WITH_TIMEOUT(fake.finished(), 60'000);
        expectAllTrades(h, d);
        QVERIFY(h.symbolStatus("BTCUSDT").gapsFilled >= 1); // the stall's trades came by REST
    }

    void proxyFromTheEnvironment()
    {
        const FakeSymbolData d = market(1000);
        FakeBinance fake;
        QVERIFY(fake.listen());
        fake.addSymbol(d);
        FakeProxy proxy;
        QVERIFY(proxy.listen());
        qputenv("HTTP_PROXY", QByteArray("http://127.0.0.1:") + QByteArray::number(proxy.port()));
        qunsetenv("NO_PROXY");
        qunsetenv("no_proxy");
        LiveHarness h(fastOptions(fake, {"BTCUSDT"}), SystemClock::instance(), d);
        h.live.setResumeFrom("BTCUSDT", d.trades.front().id - 1, d.trades.front().timeMs);
        h.live.start();
        QTRY_COMPARE_WITH_TIMEOUT(h.state(), BinanceStatus::State::Live, 10'000);
        qunsetenv("HTTP_PROXY");
        fake.play(20, 2);
        expectAllTrades(h, d);
        const QString ws = QUrl(fake.wsUrl()).authority(), rest = fake.restUrl();
        QVERIFY2(proxy.requestLines().contains("CONNECT " + ws + " HTTP/1.1"), qPrintable(proxy.requestLines().join('\n')));
        bool restViaProxy = false;
        for (const QString &l : proxy.requestLines())
            restViaProxy = restViaProxy || l.startsWith("GET " + rest + "/fapi/v1/exchangeInfo");
        QVERIFY2(restViaProxy, qPrintable(proxy.requestLines().join('\n')));
    }
};

QTEST_MAIN(TestLiveStreams)
#include "test_live_streams.moc"
