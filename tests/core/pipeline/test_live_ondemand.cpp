// Any USD-M perpetual on demand, against the fake Binance: a REST call for a listed symbol not
// followed answers 503 + Retry-After while today's backfill runs, then 200; the MCP tool answers
// isError with the progress, then normally; the new streams come by SUBSCRIBE on the open
// connections (no reconnect); beyond MAX_SYMBOLS the least recently asked on-demand symbol is
// dropped (streams unsubscribed, engine gone); an unknown symbol is a 404 naming close matches; a
// full connection (stream limit) makes the group open another one.
#include "OnDemandServer.h"
#include "support/LiveHarness.h"
#include "support/ServerSupport.h"
#include "model/Time.h"
#include "pipeline/SymbolFollower.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QtTest>

using namespace co;
using namespace co::test;
using co::testing::get;
using co::testing::Http;
using co::testing::rawRequest;

namespace {

const QStringList kNames{"BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"};

// Four listed symbols, 20 min of history before `now` and 20 min to stream, one trade a second.
void addSymbols(FakeBinance &fake, int64_t start)
{
    for (int i = 0; i < kNames.size(); ++i) {
        FakeSymbolData d;
        d.symbol = kNames[i].toStdString();
        d.trades = syntheticTrades(uint32_t(i + 1), 2400, 1'000'000 * (i + 1), start + i * 7, 1000);
        fake.addSymbol(d);
    }
    fake.skipFor(20 * kMsPerMinute);
}

LiveSession::Options options(const FakeBinance &fake, int64_t start)
{
    LiveSession::Options o = fastOptions(fake, {"BTCUSDT"});
    o.backfillToday = true;
    o.dayStart = [start](int64_t) { return start - kMsPerMinute; }; // "today" holds the history
    return o;
}

QString errorMessage(const Http &r) { return r.json().value("error").toObject().value("message").toString(); }

} // namespace

class TestLiveOnDemand : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules("co.binance.info=false"); }

    void followOnDemand()
    {
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        const int64_t start = now - 20 * kMsPerMinute;
        ScaledClock clock(now, 1.0);
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        addSymbols(fake, start);
        LiveHarness h(options(fake, start), clock, fake.data("BTCUSDT"));
        auto follower = SymbolFollower::attach(h.live, h.status, {{"BTCUSDT"}, 3});
        h.registry.setDirectory(follower);
        h.live.start();
        QTRY_COMPARE_WITH_TIMEOUT(follower->listing().size(), size_t(4), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(h.state(), BinanceStatus::State::Live, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.symbolStatus("BTCUSDT").todayComplete, 20'000);
        // The all-symbols ticker gives the picker its volumes (summed here from the fake's trades).
        QTRY_VERIFY_WITH_TIMEOUT(follower->listing().front().quoteVolume24h > 0, 10'000);
        fake.play(16, 20);
        QCOMPARE(fake.connectionsAccepted(), 2);
        const int acks = fake.subscribeAcks();

        OnDemandServer server(h.registry, {"BTCUSDT"});
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const quint16 port = server.port();
        auto market = [port](const QByteArray &symbol) {
            return rawRequest(port, get(port, "/api/market?symbol=" + symbol), 10'000);
        };

        // REST: 503 + Retry-After while warming up, then 200.
        const int64_t releasedAtFollow = fake.lastTradeIdReleased("ETHUSDT");
        QElapsedTimer warm;
        warm.start();
        Http r = market("ETHUSDT");
        QCOMPARE(r.status, 503);
        QVERIFY2(r.headers.value("retry-after").toInt() >= 1, r.headers.value("retry-after").constData());
        QCOMPARE(r.json().value("error").toObject().value("code").toString(), QString("warming_up"));
        QVERIFY(r.json().value("error").toObject().value("data").toObject().contains("progress"));
        QTRY_COMPARE_WITH_TIMEOUT(market("ETHUSDT").status, 200, 30'000);
        qInfo("ETHUSDT: first call to first 200 in %lld ms (%lld trades of today backfilled)", warm.elapsed(),
              qint64(h.symbolStatus("ETHUSDT").tradesFromRest));
        // Subscribed on the open connections: none reconnected, none added; its trades stream in.
        QVERIFY(fake.subscribeAcks() >= acks + 2);
        QVERIFY(fake.streamsOpen(true).count("ethusdt@aggTrade"));
        QVERIFY(fake.streamsOpen(false).count("ethusdt@depth@100ms"));
        QTRY_VERIFY_WITH_TIMEOUT(h.symbolStatus("ETHUSDT").lastTradeId.value_or(0) > releasedAtFollow + 50, 20'000);
        QCOMPARE(fake.connectionsAccepted(), 2);
        QCOMPARE(h.binance().marketStream->reconnects, uint64_t(0));
        QCOMPARE(h.binance().publicStream->reconnects, uint64_t(0));

        // MCP: isError with the progress, then a normal answer.
        QJsonObject res = server.callMarketSnapshot(1, "SOLUSDT");
        QCOMPARE(res.value("isError").toBool(), true);
        const QString text = res.value("content").toArray().at(0).toObject().value("text").toString();
        QVERIFY2(text.contains("warming up") && text.contains("% done") && text.contains("retry in"), qPrintable(text));
        QTRY_VERIFY_WITH_TIMEOUT(!server.callMarketSnapshot(2, "SOLUSDT").value("isError").toBool(), 30'000);
        QCOMPARE(server.callMarketSnapshot(3, "SOLUSDT").value("structuredContent").toObject().value("symbol").toString(),
                 QString("SOLUSDT"));

        // MAX_SYMBOLS 3 = BTCUSDT + 2 on demand: ETHUSDT asked again, then XRPUSDT drops SOLUSDT.
        QTest::qWait(5); // distinct ask times
        QCOMPARE(market("ETHUSDT").status, 200);
        QTest::qWait(5);
        QCOMPARE(market("XRPUSDT").status, 503);
        QCOMPARE(follower->followed(), (std::vector<std::string>{"ETHUSDT", "XRPUSDT"}));
        QTRY_VERIFY_WITH_TIMEOUT(!fake.streamsOpen(true).count("solusdt@aggTrade"), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(!fake.streamsOpen(false).count("solusdt@depth@100ms"), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.registry.snapshot("SOLUSDT") == nullptr, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(!h.binance().symbols.count("SOLUSDT"), 10'000);
        QVERIFY(fake.streamsOpen(true).count("btcusdt@aggTrade"));
        QVERIFY(fake.streamsOpen(true).count("ethusdt@aggTrade"));
        QVERIFY(h.registry.snapshot("BTCUSDT") != nullptr);
        QTRY_COMPARE_WITH_TIMEOUT(market("XRPUSDT").status, 200, 30'000);
        QCOMPARE(fake.connectionsAccepted(), 2);

        // Unknown symbols: 404 naming up to 3 close matches from exchangeInfo.
        r = market("ETHUSDX");
        QCOMPARE(r.status, 404);
        QVERIFY2(errorMessage(r).contains("did you mean ETHUSDT"), qPrintable(errorMessage(r)));
        r = market("BTCUSD");
        QCOMPARE(r.status, 404);
        QVERIFY2(errorMessage(r).contains("BTCUSDT"), qPrintable(errorMessage(r)));
        QCOMPARE(market("DOGEUSDT").status, 404);
        QVERIFY(!errorMessage(market("QQQQQQQQ")).contains("did you mean"));
        h.registry.setDirectory(nullptr);
    }

    // With the cache's restore hook (Application: StorageService::restoreSymbol): a symbol asked
    // for is followed only once the hook answers, from the trade it gives (here the 600th of
    // ETHUSDT's history) instead of backfilling today; one with nothing stored backfills.
    void followResumesFromTheCache()
    {
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        const int64_t start = now - 20 * kMsPerMinute;
        ScaledClock clock(now, 1.0);
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        addSymbols(fake, start);
        const Trade kept = fake.data("ETHUSDT").trades[599];
        LiveHarness h(options(fake, start), clock, fake.data("BTCUSDT"));
        QStringList asked;
        auto follower = SymbolFollower::attach(
            h.live, h.status, {{"BTCUSDT"}, 3},
            [&](const std::string &s, std::function<void(SymbolFollower::Resume)> then) {
                asked << QString::fromStdString(s);
                QTimer::singleShot(200, [s, then, kept] { // a restore takes a while
                    then(s == "ETHUSDT" ? SymbolFollower::Resume{{kept.id, kept.timeMs}} : std::nullopt);
                });
            });
        h.registry.setDirectory(follower);
        h.live.start();
        QTRY_COMPARE_WITH_TIMEOUT(follower->listing().size(), size_t(4), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.symbolStatus("BTCUSDT").todayComplete, 20'000);
        fake.play(16, 20);
        follower->request("ETHUSDT");
        follower->request("SOLUSDT");
        QCOMPARE(asked, (QStringList{"ETHUSDT", "SOLUSDT"}));
        QTRY_VERIFY_WITH_TIMEOUT(h.symbolStatus("ETHUSDT").todayComplete && h.symbolStatus("SOLUSDT").todayComplete,
                                 30'000);
        h.engines.flush();
        // ETHUSDT: only the trades after the kept one (ids are consecutive); SOLUSDT: all of today.
        const SnapshotPtr eth = h.registry.snapshot("ETHUSDT");
        QVERIFY(eth && eth->today);
        QCOMPARE(eth->today->totals.trades, eth->lastTradeId - kept.id);
        const SnapshotPtr sol = h.registry.snapshot("SOLUSDT");
        QVERIFY(sol && sol->today);
        QCOMPARE(sol->today->totals.trades, sol->lastTradeId - fake.data("SOLUSDT").trades.front().id + 1);
        h.registry.setDirectory(nullptr);
    }

    // Asked before the feed starts (the server is up while the cache restores): followed once the
    // streams start.
    void followBeforeStart()
    {
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        const int64_t start = now - 20 * kMsPerMinute;
        ScaledClock clock(now, 1.0);
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        addSymbols(fake, start);
        LiveHarness h(options(fake, start), clock, fake.data("BTCUSDT"));
        h.live.follow("SOLUSDT");
        h.live.follow("XRPUSDT");
        h.live.unfollow("XRPUSDT");
        h.live.start();
        fake.play(16, 20);
        QTRY_VERIFY_WITH_TIMEOUT(h.symbolStatus("SOLUSDT").todayComplete, 20'000);
        const int64_t seen = fake.lastTradeIdReleased("SOLUSDT");
        QTRY_VERIFY_WITH_TIMEOUT(h.symbolStatus("SOLUSDT").lastTradeId.value_or(0) > seen + 50, 20'000);
        QVERIFY(fake.streamsOpen(true).count("solusdt@aggTrade"));
        QVERIFY(!fake.streamsOpen(true).count("xrpusdt@aggTrade"));
        QVERIFY(!h.binance().symbols.count("XRPUSDT"));
    }

    // Symbols followed and dropped in a burst: the (UN)SUBSCRIBE messages are spaced under Binance's
    // 10 a second per connection, and the streams end as asked.
    void subscribesAreSpaced()
    {
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        const int64_t start = now - 20 * kMsPerMinute;
        ScaledClock clock(now, 1.0);
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        addSymbols(fake, start);
        LiveHarness h(options(fake, start), clock, fake.data("BTCUSDT"));
        h.live.start();
        QTRY_COMPARE_WITH_TIMEOUT(h.state(), BinanceStatus::State::Live, 10'000);
        const int before = fake.controlMessages();
        for (int i = 0; i < 4; ++i)
            for (const char *s : {"ETHUSDT", "SOLUSDT", "XRPUSDT"}) {
                h.live.follow(s);
                h.live.unfollow(s);
            }
        h.live.follow("SOLUSDT");
        // 25 messages per route, at most 4 a second: about 6 s.
        QTRY_VERIFY_WITH_TIMEOUT(fake.controlMessages() - before >= 50, 20'000);
        qInfo("most (UN)SUBSCRIBE messages on one connection within a second: %d", fake.maxControlMessagesPerSecond());
        QVERIFY2(fake.maxControlMessagesPerSecond() <= 10, qPrintable(QString::number(fake.maxControlMessagesPerSecond())));
        QTRY_VERIFY_WITH_TIMEOUT(fake.streamsOpen(true).count("solusdt@aggTrade"), 10'000);
        for (const char *s : {"ethusdt@aggTrade", "xrpusdt@aggTrade", "ethusdt@markPrice@1s"})
            QVERIFY2(!fake.streamsOpen(true).count(s), s);
        QCOMPARE(fake.connectionsAccepted(), 2);
    }

    // A connection holds at most maxStreamsPerConnection streams: the rest go on a new one, the
    // first is not reconnected.
    void fullConnectionOpensAnother()
    {
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        const int64_t start = now - 20 * kMsPerMinute;
        ScaledClock clock(now, 1.0);
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        addSymbols(fake, start);
        LiveSession::Options o = options(fake, start);
        o.maxStreamsPerConnection = 4;
        o.exchangeInfoEveryMs = 500; // the list of perpetuals is read again (hourly by default)
        o.allTickersEveryMs = 500;
        LiveHarness h(o, clock, fake.data("BTCUSDT"));
        h.live.start();
        QTRY_COMPARE_WITH_TIMEOUT(h.state(), BinanceStatus::State::Live, 10'000);
        fake.play(16, 20);
        QCOMPARE(fake.connectionsAccepted(), 2);
        const int64_t releasedAtFollow = fake.lastTradeIdReleased("ETHUSDT");
        h.live.follow("ETHUSDT"); // 3 market streams: 1 fits the first connection, 2 open another
        QTRY_COMPARE_WITH_TIMEOUT(fake.connectionsAccepted(), 3, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.symbolStatus("ETHUSDT").lastTradeId.value_or(0) > releasedAtFollow + 50, 20'000);
        std::vector<size_t> sizes;
        for (const auto &c : fake.connectionStreams(true))
            sizes.push_back(c.size());
        std::sort(sizes.begin(), sizes.end());
        QCOMPARE(sizes, (std::vector<size_t>{2, 4}));
        QCOMPARE(fake.connectionStreams(false).size(), size_t(1)); // 2 depth streams fit one
        const StreamStatus m = *h.binance().marketStream;
        QCOMPARE(m.connections, 2);
        QCOMPARE(m.connects, uint64_t(2)); // one each: the first was never reopened
        QCOMPARE(m.reconnects, uint64_t(0));
        // Unfollowing empties the second connection: it is closed, the first stays.
        h.live.unfollow("ETHUSDT");
        QTRY_COMPARE_WITH_TIMEOUT(fake.connectionStreams(true).size(), size_t(1), 10'000);
        // The first's UNSUBSCRIBE is paced (≤ 4 messages a second): it may come after the close.
        QTRY_COMPARE_WITH_TIMEOUT(fake.connectionStreams(true).front().size(), size_t(3), 5'000);
        QCOMPARE(fake.connectionsAccepted(), 3);
        const auto hits = [&fake](bool withSymbol, const QString &path) {
            return std::count_if(fake.restHits().begin(), fake.restHits().end(), [&](const FakeBinance::RestHit &x) {
                return x.path == path && x.query.hasQueryItem("symbol") == withSymbol && x.status == 200;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(hits(false, "/fapi/v1/exchangeInfo") >= 3, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(hits(false, "/fapi/v1/ticker/24hr") >= 2, 10'000);
        QVERIFY(fake.maxWeightInAMinute() <= 2400 * 8 / 10);
    }
};

QTEST_MAIN(TestLiveOnDemand)
#include "test_live_ondemand.moc"
