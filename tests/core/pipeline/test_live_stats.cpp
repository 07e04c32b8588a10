// 24 h statistics of get_market_snapshot (MCP) and /api/market (REST; both encode
// buildMarketSnapshot with toJson, as here: the server's ApiError and the REST client's clash in
// one test) from the first call: the
// polled ticker/24hr while the engine holds less than 24 h of trades, the engine's own window
// once it holds 24 h. Expected figures are summed here from the fake's trades.
#include "support/LiveHarness.h"
#include "engine/MarketSnapshot.h"
#include "model/Time.h"
#include "server/JsonEncoders.h"

#include <QJsonDocument>
#include <QtTest>

using namespace co;
using namespace co::test;

namespace {

struct Expected {
    double high = 0, low = 0, volume = 0, quote = 0, percent = 0;
    int64_t trades = 0;
};

// Trades with T in [from, to), as plain doubles.
Expected sum(const std::vector<Trade> &trades, int64_t from, int64_t to)
{
    Expected e;
    double open = 0, last = 0;
    for (const Trade &t : trades) {
        if (t.timeMs < from || t.timeMs >= to)
            continue;
        const double p = double(t.price) / 1e8, q = double(t.qty) / 1e8;
        if (e.trades++ == 0) {
            open = p;
            e.high = e.low = p;
        }
        e.high = std::max(e.high, p);
        e.low = std::min(e.low, p);
        last = p;
        e.volume += q;
        e.quote += p * q;
    }
    e.percent = open ? (last - open) / open * 100 : 0;
    return e;
}

bool near(double a, double b, double rel = 1e-9) { return std::abs(a - b) <= rel * std::max(1.0, std::abs(b)); }

FakeSymbolData symbol(size_t n, int64_t startMs, int64_t everyMs)
{
    FakeSymbolData d;
    d.symbol = "BTCUSDT";
    d.trades = syntheticTrades(17, n, 4'000'000, startMs, everyMs);
    return d;
}

} // namespace

class TestLiveStats : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules("co.binance.info=false"); }

    // Two hours of trades: the 24 h fields come from the ticker from the first call.
    void tickerFromTheFirstCall()
    {
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        const FakeSymbolData data = symbol(7200, now - 2 * kMsPerHour, 1000);
        ScaledClock clock(now, 1.0);
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        fake.addSymbol(data);
        const int64_t startup = data.trades[7100].timeMs; // 100 trades stream live
        fake.skipFor(startup - data.trades.front().timeMs);
        LiveSession::Options o = fastOptions(fake, {"BTCUSDT"});
        o.backfillToday = false;
        LiveHarness h(o, clock, data);
        h.live.start();
        // The poll's answer is in the status once it has been handed to the engine thread.
        QTRY_VERIFY_WITH_TIMEOUT(h.symbolStatus("BTCUSDT").ticker24h.has_value(), 10'000);
        fake.play(1, 20);
        // The first answer (the first trade made one) already has the 24 h fields.
        QJsonObject answer;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const SnapshotPtr s = h.registry.snapshot("BTCUSDT");
                if (!s)
                    return false;
                const auto r = buildMarketSnapshot(*s, QDateTime::currentMSecsSinceEpoch());
                if (!std::holds_alternative<MarketSnapshotResult>(r))
                    return false;
                answer = toJson(std::get<MarketSnapshotResult>(r));
                return true;
            }(),
            10'000);
        QVERIFY2(answer.contains("high24h"), QJsonDocument(answer).toJson().constData());
        // The ticker counted the trades released at the poll: those before start-up.
        const Expected e = sum(data.trades, now - kMsPerDay, startup);
        QCOMPARE(e.trades, int64_t(7100));
        QCOMPARE(answer.value("stats24hSource").toString(), QString("ticker"));
        QVERIFY(near(answer.value("high24h").toDouble(), e.high));
        QVERIFY(near(answer.value("low24h").toDouble(), e.low));
        QVERIFY(near(answer.value("volume24h").toDouble(), e.volume));
        QVERIFY(near(answer.value("quoteVolume24h").toDouble(), e.quote, 1e-6));
        QVERIFY2(std::abs(answer.value("priceChangePercent").toDouble() - e.percent) <= 0.001, // 3 decimals
                 qPrintable(QString("%1 vs %2").arg(answer.value("priceChangePercent").toDouble()).arg(e.percent)));
        QCOMPARE(answer.value("trades24h").toInteger(), e.trades);
    }

    // 25 hours held (resumed from yesterday): the engine's own 1440 one-minute bars win.
    void tradeWindowOnceComplete()
    {
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        const FakeSymbolData data = symbol(9000, now - 25 * kMsPerHour, 10'000);
        ScaledClock clock(now, 1.0);
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        fake.addSymbol(data);
        fake.skip(fake.scriptSize());
        LiveSession::Options o = fastOptions(fake, {"BTCUSDT"});
        o.resumeWindowMs = 48 * kMsPerHour;
        LiveHarness h(o, clock, data);
        h.live.setResumeFrom("BTCUSDT", data.trades.front().id - 1, data.trades.front().timeMs - 1);
        h.live.start();
        QTRY_COMPARE_WITH_TIMEOUT(h.log.lastId(), data.trades.back().id, 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::count_if(fake.restHits().begin(), fake.restHits().end(),
                          [](const FakeBinance::RestHit &x) { return x.path == "/fapi/v1/ticker/24hr"; }) > 0,
            5'000);
        h.engines.flush();
        const SnapshotPtr s = h.registry.snapshot("BTCUSDT");
        QVERIFY(s);
        const int64_t at = data.trades.back().timeMs + 1;
        const auto r = buildMarketSnapshot(*s, at);
        QVERIFY(std::holds_alternative<MarketSnapshotResult>(r));
        const auto &d = std::get<MarketSnapshotResult>(r).rolling24h;
        QVERIFY(d);
        QCOMPARE(d->source, std::string("trades"));
        const int64_t minute = at - at % kMsPerMinute;
        const Expected e = sum(data.trades, minute - kMsPerDay + kMsPerMinute, minute + kMsPerMinute);
        QCOMPARE(d->trades, e.trades);
        QVERIFY(near(d->high, e.high));
        QVERIFY(near(d->low, e.low));
        QVERIFY(near(d->volume, e.volume));
        const QJsonObject j = toJson(std::get<MarketSnapshotResult>(r));
        QCOMPARE(j.value("stats24hSource").toString(), QString("trades"));
        QVERIFY(near(j.value("volume24h").toDouble(), e.volume));
    }
};

QTEST_MAIN(TestLiveStats)
#include "test_live_stats.moc"
