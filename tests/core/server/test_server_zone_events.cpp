// get_footprint's A3 events with a HistoryProvider that hands the trades back (the trade cache's
// role): each event names its completing trade; a provider behind the engine (the newest trades
// not written yet) leaves the minutes it lacks at minute level and says from when in
// dataQuality.warnings. The fixture's 00:00 1h bar (one trade a minute, ids 4..14 at 00:00..00:10):
// SELL 100..102 completes at the 00:03 trade (id 7), BUY 106..108 at the 00:08 one (id 12).
#include "ServerFixture.h"

#include "engine/EngineObserver.h"
#include "engine/HistoryProvider.h"

#include <atomic>

using namespace serverfixture;

namespace {
struct Recorder : EngineObserver {
    std::vector<Trade> trades;
    void tradeAccepted(const SymbolInfo &, const Trade &t) override { trades.push_back(t); }
};

// The stored trades: those before untilMs.
struct StoredTrades : HistoryProvider {
    std::vector<Trade> kept;
    int64_t untilMs = INT64_MAX;
    QueryResult<HistoryDay> day(const HistoryRequest &) override { return QueryError{QueryErrorKind::NoData, "none"}; }
    bool trades(const std::string &, TradeSource, int64_t fromMs, int64_t toMs, const TradeSink &sink) override
    {
        std::vector<Trade> in;
        for (const Trade &t : kept)
            if (t.timeMs >= fromMs && t.timeMs < toMs && t.timeMs < untilMs)
                in.push_back(t);
        if (!in.empty())
            sink(in);
        return true;
    }
};
} // namespace

class TestServerZoneEvents : public QObject {
    Q_OBJECT

    EngineRegistry registry_;
    std::shared_ptr<StoredTrades> stored_ = std::make_shared<StoredTrades>();

    QJsonObject footprint()
    {
        const Tools tools(registry_, {"BTCUSDT"}, stored_);
        const auto r = tools.call("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "1h"}, {"includeEvents", true}});
        if (const ApiError *e = std::get_if<ApiError>(&r))
            qFatal("get_footprint: %s", qPrintable(e->message));
        return std::get<ToolOutput>(r).structured;
    }

private Q_SLOTS:
    void initTestCase()
    {
        MarketEngine &e = registry_.engine(symbol("BTCUSDT", 1));
        Recorder rec;
        e.addObserver(&rec);
        fillBtc(e);
        e.removeObserver(&rec);
        registry_.publishAll();
        stored_->kept = rec.trades;
    }

    void eachEventNamesItsTrade()
    {
        stored_->untilMs = INT64_MAX;
        const QJsonObject o = footprint();
        const QJsonArray ev = o["bars"].toArray().last().toObject()["events"].toArray();
        QCOMPARE(ev.size(), 2);
        QCOMPARE(ev[0].toObject(), (QJsonObject{{"type", "stackedZoneFormed"}, {"time", qint64(kDay + 3 * kMsPerMinute)},
                                                {"side", "SELL"}, {"low", 100.0}, {"high", 102.0}, {"rows", 3},
                                                {"tradeId", 7}}));
        QCOMPARE(ev[1].toObject()["time"].toInteger(), kDay + 8 * kMsPerMinute);
        QCOMPARE(ev[1].toObject()["tradeId"].toInteger(), 12);
        QVERIFY(o["dataQuality"].toObject()["warnings"].toArray().isEmpty());
    }

    // Stored up to 00:04:59: from 00:05 the bar is replayed minute by minute.
    void providerBehindTheEngine()
    {
        stored_->untilMs = kDay + 5 * kMsPerMinute;
        const QJsonObject o = footprint();
        const QJsonArray ev = o["bars"].toArray().last().toObject()["events"].toArray();
        QCOMPARE(ev.size(), 2);
        QCOMPARE(ev[0].toObject()["tradeId"].toInteger(), 7);
        QCOMPARE(ev[1].toObject()["time"].toInteger(), kDay + 8 * kMsPerMinute);
        QVERIFY(!ev[1].toObject().contains("tradeId"));
        const QJsonArray w = o["dataQuality"].toObject()["warnings"].toArray();
        QCOMPARE(w.size(), 1);
        QVERIFY2(w[0].toString().startsWith("events from 2024-08-08T00:05:00"), qPrintable(w[0].toString()));
    }

    // Events read trades back: prepared on a pool thread (the server thread answers meanwhile),
    // then the call takes that answer; without events nothing is prepared.
    void eventsArePreparedOffTheServerThread()
    {
        stored_->untilMs = INT64_MAX;
        const Tools tools(registry_, {"BTCUSDT"}, stored_);
        const QJsonObject args{{"symbol", "BTCUSDT"}, {"timeframe", "1h"}, {"includeEvents", true}};
        std::atomic<int> ready{0};
        QVERIFY(tools.prepare("get_footprint", args, [&] { return std::function<void()>([&] { ++ready; }); }));
        QTRY_COMPARE_WITH_TIMEOUT(ready.load(), 1, 10'000);
        const auto r = tools.call("get_footprint", args);
        QCOMPARE(std::get<ToolOutput>(r).structured["bars"].toArray().last().toObject()["events"].toArray().size(), 2);
        const auto count = [&] { return std::function<void()>([&] { ++ready; }); };
        QVERIFY(!tools.prepare("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "1h"}}, count));
        QVERIFY(tools.prepare("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "1h"}, {"compact", false}}, count));
        QTRY_COMPARE_WITH_TIMEOUT(ready.load(), 2, 10'000); // (its answer is left untaken: dropped later)
    }
};

QTEST_GUILESS_MAIN(TestServerZoneEvents)
#include "test_server_zone_events.moc"
