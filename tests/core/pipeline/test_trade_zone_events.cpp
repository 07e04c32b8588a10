// A3 events at the completing trade (engine/TradeZoneEvents): a 5m bar's trades read back give
// each zone's trade; a reader behind the engine (the newest trades not yet written) keeps the
// minute-level answer from the first minute it lacks; no reader, the minute-level answer. Worked
// by hand (tick 0.1, R = 3, N = 3).
#include "engine/BarQueries.h"
#include "engine/MarketEngine.h"
#include "engine/TradeZoneEvents.h"
#include "model/Time.h"

#include "support/Fixtures.h"

#include <QtTest>

using namespace co;

namespace {
const int64_t kDay = daysFromCivil({2024, 8, 8}) * kMsPerDay;
constexpr int64_t kMin = kMsPerMinute;

Trade trade(int64_t id, int64_t t, double price, double qty, bool buy)
{
    Trade x;
    x.id = id;
    x.timeMs = kDay + t;
    x.price = llround(price * 10) * 10'000'000;
    x.qty = llround(qty * 1000) * 100'000;
    x.buyerMaker = !buy;
    return x;
}

// Minute 0: sell 1 @101.0, buys of 3 @101.1, 101.2, 101.3 → BUY 101.1–101.3 at id 4; sell 2 @101.2
// (id 5): 101.3's 3 < 6, gone. Minute 1: buy 3 @101.3 (id 6): 6 ≥ 6, formed again; buy 3 @101.4
// grows it. Minute 2: sells of 3 @100.0, 99.9, 99.8 (100.1 is an empty row inside the bar) →
// SELL 99.8–100.0 at id 10; a buy @101.4 after it.
std::vector<Trade> tape()
{
    return {trade(1, 1000, 101.0, 1, false),           trade(2, 2000, 101.1, 3, true),
            trade(3, 3000, 101.2, 3, true),            trade(4, 4000, 101.3, 3, true),
            trade(5, 5000, 101.2, 2, false),           trade(6, kMin + 500, 101.3, 3, true),
            trade(7, kMin + 900, 101.4, 3, true),      trade(8, 2 * kMin + 100, 100.0, 3, false),
            trade(9, 2 * kMin + 200, 99.9, 3, false),  trade(10, 2 * kMin + 300, 99.8, 3, false),
            trade(11, 2 * kMin + 800, 101.4, 1, true)};
}

void expectEvent(const ZoneEventResult &e, int64_t t, int64_t id, const char *side, double low, double high)
{
    QCOMPARE(e.timeMs, kDay + t);
    QCOMPARE(e.tradeId, id);
    QCOMPARE(e.side, std::string(side));
    QCOMPARE(e.low, low);
    QCOMPARE(e.high, high);
    QCOMPARE(e.count, int(std::lround((high - low) * 10)) + 1);
}
} // namespace

class TestTradeZoneEvents : public QObject {
    Q_OBJECT

    SnapshotPtr s_;
    FootprintQuery q_;

    std::vector<FootprintBarResult> bars() const { return footprintBars(*s_, q_); }

private Q_SLOTS:
    void initTestCase()
    {
        MarketEngine e(co::test::btcusdt(), EngineConfig{});
        for (const Trade &t : tape())
            e.onTrade(t);
        s_ = e.publish();
        q_.timeframe = Timeframe::M5;
        q_.events = true;
    }

    // Without trades: the latest trade of each minute (101.1–101.4 after minute 1, the SELL zone
    // after minute 2); the zone that formed and vanished inside minute 0 is not seen.
    void minuteLevelWithoutTrades()
    {
        std::vector<FootprintBarResult> b = bars();
        QCOMPARE(b.size(), size_t(1));
        QCOMPARE(b[0].events.size(), size_t(2));
        expectEvent(b[0].events[0], kMin + 900, 0, "BUY", 101.1, 101.4);
        expectEvent(b[0].events[1], 2 * kMin + 800, 0, "SELL", 99.8, 100.0);
        const ExactEvents ex = exactZoneEvents(b, *s_, q_, [](int64_t, int64_t, const TradeSink &) { return false; });
        QVERIFY(!ex.read);
        QCOMPARE(b[0].events.size(), size_t(2));
        QCOMPARE(b[0].events[0].timeMs, kDay + kMin + 900);
    }

    void everyTradeRead()
    {
        std::vector<FootprintBarResult> b = bars();
        const std::vector<Trade> all = tape();
        const ExactEvents ex = exactZoneEvents(b, *s_, q_, tradesInMemory(all));
        QVERIFY(ex.read);
        QCOMPARE(ex.exactBars, size_t(1));
        QCOMPARE(ex.minuteFromMs, INT64_MAX);
        QCOMPARE(b[0].events.size(), size_t(3));
        expectEvent(b[0].events[0], 4000, 4, "BUY", 101.1, 101.3);
        expectEvent(b[0].events[1], kMin + 500, 6, "BUY", 101.1, 101.3);
        expectEvent(b[0].events[2], 2 * kMin + 300, 10, "SELL", 99.8, 100.0);
    }

    // The store holds ids 1–9: minute 2 has 2 of its 4 trades → minutes 0 and 1 by trade, minute
    // 2 at its latest trade.
    void readerBehindTheEngine()
    {
        std::vector<FootprintBarResult> b = bars();
        std::vector<Trade> stored = tape();
        stored.resize(9);
        const ExactEvents ex = exactZoneEvents(b, *s_, q_, tradesInMemory(stored));
        QCOMPARE(ex.exactBars, size_t(0));
        QCOMPARE(ex.minuteFromMs, kDay + 2 * kMin);
        QCOMPARE(b[0].events.size(), size_t(3));
        expectEvent(b[0].events[0], 4000, 4, "BUY", 101.1, 101.3);
        expectEvent(b[0].events[1], kMin + 500, 6, "BUY", 101.1, 101.3);
        expectEvent(b[0].events[2], 2 * kMin + 800, 0, "SELL", 99.8, 100.0);
    }

    // Ten ticks per row (1.0): rows 101 (sell 3, buy 16), 100 (sell 3), 99 (sell 6): BUY at 101
    // (16 ≥ 3 × 3) and SELL at 99 (6 ≥ 3 × 0), never three rows of a side: no events.
    void mergedRowsNoZone()
    {
        FootprintQuery q = q_;
        q.grouping = 10;
        std::vector<FootprintBarResult> b = footprintBars(*s_, q);
        const std::vector<Trade> all = tape();
        exactZoneEvents(b, *s_, q, tradesInMemory(all));
        QVERIFY(b[0].events.empty());
    }
};

QTEST_GUILESS_MAIN(TestTradeZoneEvents)
#include "test_trade_zone_events.moc"
