// Per-bar auction marks that need more than the bar's rows (analysis.md A3): big trades and
// stacked-zone formation, worked by hand; and 4h/1d bars aligned to UTC, also when DAY_TZ cuts them.
#include "engine/BarQueries.h"
#include "engine/KeyLevels.h"
#include "engine/MarketEngine.h"
#include "engine/QtZoneOffsets.h"
#include "indicators/ZoneEvents.h"
#include "model/Fixed.h"
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
    x.timeMs = t;
    x.price = llround(price * 10) * 10'000'000;
    x.qty = llround(qty * 1000) * 100'000;
    x.buyerMaker = !buy;
    return x;
}

// The same trades as tick rows (tick 1, so row = price) for the pure calculator.
TickTrade tick(int64_t id, int64_t t, int64_t row, int64_t qty, bool buy)
{
    TickTrade x;
    x.id = id;
    x.timeMs = t;
    x.row = row;
    x.price = row;
    x.qty = qty;
    x.takerBuy = buy;
    return x;
}

// Minute 0: sell 1 @10, buy 3 @11, 12, 13 → buy imbalances 11 (3 ≥ 3×1), 12, 13 (3 ≥ 3×0): zone
// BUY 11..13 forms. Minute 1: sell 2 @11 → 12 has 3 < 3×2: the zone breaks. Minute 2: buy 3 @12
// → 6 ≥ 6: it forms again. Minute 3: buy 3 @14 → the zone grows to 11..14: no new event.
std::vector<BarPtr> workedMinutes()
{
    std::vector<std::vector<TickTrade>> m{
        {tick(1, 1000, 10, 1, false), tick(2, 2000, 11, 3, true), tick(3, 3000, 12, 3, true), tick(4, 4000, 13, 3, true)},
        {tick(5, kMin + 500, 11, 2, false)},
        {tick(6, 2 * kMin + 700, 12, 3, true)},
        {tick(7, 3 * kMin + 100, 14, 3, true)}};
    std::vector<BarPtr> out;
    for (size_t i = 0; i < m.size(); ++i) {
        auto b = std::make_shared<FootprintBar>();
        b->openTime = int64_t(i) * kMin;
        for (const TickTrade &t : m[i])
            b->add(t);
        out.push_back(b);
    }
    return out;
}
} // namespace

class TestBarMarks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void zoneFormationByHand()
    {
        const std::vector<BarPtr> minutes = workedMinutes();
        ImbalanceConfig cfg; // ratio 3, 3 rows
        const std::vector<ZoneFormed> ev = zoneFormation(minutes, 1, cfg);
        QCOMPARE(ev.size(), size_t(2));
        QCOMPARE(ev[0].timeMs, int64_t(4000)); // the latest trade of minute 0
        QCOMPARE(ev[0].zone.lowRow, 11);
        QCOMPARE(ev[0].zone.highRow, 13);
        QVERIFY(ev[0].zone.side == ImbalanceSide::Buy);
        QCOMPARE(ev[1].timeMs, 2 * kMin + 700);
        QCOMPARE(ev[1].zone.count, 3);
        // Two ticks per row: 10+11 → 5 (sell 3, buy 3), 12+13 → 6 (buy 9), 14 → 7 (buy 3): at most
        // two imbalanced rows (6: 9 ≥ 3×3, 7: 3 ≥ 0), never a zone.
        QVERIFY(zoneFormation(minutes, 2, cfg).empty());
    }

    // The same trades through the engine (prices 100.0 + row/10), plus a 150-lot buy at 101.6 in
    // minute 4 (notional 15,240 ≥ LARGE_TRADE_NOTIONAL 10,000): one 5m bar with both lists.
    void engineBarLists()
    {
        EngineConfig c;
        c.largeTradeNotional = 10'000;
        MarketEngine e(co::test::btcusdt(), c);
        const std::vector<std::tuple<int64_t, int64_t, int, double, bool>> trades{
            {1, 1000, 10, 1, false}, {2, 2000, 11, 3, true}, {3, 3000, 12, 3, true}, {4, 4000, 13, 3, true},
            {5, kMin + 500, 11, 2, false}, {6, 2 * kMin + 700, 12, 3, true}, {7, 3 * kMin + 100, 14, 3, true},
            {8, 4 * kMin + 900, 16, 150, true}};
        for (const auto &[id, t, row, qty, buy] : trades)
            e.onTrade(trade(id, kDay + t, 100.0 + row / 10.0, qty, buy));
        const SnapshotPtr s = e.publish();
        FootprintQuery q;
        q.timeframe = Timeframe::M5;
        q.bigTrades = q.events = true;
        const std::vector<FootprintBarResult> bars = footprintBars(*s, q);
        QCOMPARE(bars.size(), size_t(1));
        const FootprintBarResult &b = bars[0];
        QCOMPARE(b.bigTradeCount, size_t(1));
        QCOMPARE(b.bigTrades.size(), size_t(1));
        QCOMPARE(b.bigTrades[0].timeMs, kDay + 4 * kMin + 900);
        QCOMPARE(b.bigTrades[0].price, 101.6);
        QCOMPARE(b.bigTrades[0].qty, 150.0);
        QVERIFY(b.bigTrades[0].buy);
        QCOMPARE(b.events.size(), size_t(2));
        QCOMPARE(b.events[0].timeMs, kDay + 4000);
        QCOMPARE(b.events[0].side, std::string("BUY"));
        QCOMPARE(b.events[0].low, 101.1);
        QCOMPARE(b.events[0].high, 101.3);
        QCOMPARE(b.events[1].timeMs, kDay + 2 * kMin + 700);
        // Not asked: only the count.
        q.bigTrades = q.events = false;
        const FootprintBarResult plain = footprintBars(*s, q).at(0);
        QVERIFY(plain.bigTrades.empty() && plain.events.empty());
        QCOMPARE(plain.bigTradeCount, size_t(1));
    }

    // UTC-aligned 4h and 1d bars: with DAY_TZ Europe/Berlin (UTC+2 in August) the local day starts
    // at 22:00 UTC, so the UTC bars [20:00, 24:00) and [08-07 00:00, 08-08 00:00) hold trades of two
    // local days: one bar each, with today's running CVD (it restarts at the local midnight).
    void longBarsAcrossLocalMidnight()
    {
        EngineConfig c;
        c.dayZone = makeZoneOffsets("Europe/Berlin");
        QVERIFY(c.dayZone);
        MarketEngine e(co::test::btcusdt(), c);
        e.onTrade(trade(1, kDay - 3 * kMsPerHour, 100.0, 2, true));  // 21:00 UTC, local 08-07 23:00
        e.onTrade(trade(2, kDay - 1 * kMsPerHour, 101.0, 5, false)); // 23:00 UTC, local 08-08 01:00
        e.onTrade(trade(3, kDay + 1 * kMsPerHour, 102.0, 1, true));  // 08-08 01:00 UTC
        const SnapshotPtr s = e.publish();
        QVERIFY(s->prior && s->today);
        for (const Timeframe tf : {Timeframe::H4, Timeframe::D1}) {
            FootprintQuery q;
            q.timeframe = tf;
            const std::vector<FootprintBarResult> bars = footprintBars(*s, q);
            QCOMPARE(bars.size(), size_t(2));
            QCOMPARE(bars[0].openTime, kDay - timeframeMs(tf));
            QCOMPARE(bars[0].trades, 2);
            QCOMPARE(bars[0].volume, 7.0);
            QCOMPARE(bars[0].open, 100.0);
            QCOMPARE(bars[0].close, 101.0);
            QCOMPARE(bars[0].delta, -3.0);
            QCOMPARE(bars[0].cvd, -5.0); // today's part only
            QCOMPARE(bars[1].openTime, kDay);
            QCOMPARE(bars[1].cvd, -4.0);
            q.limit = 1;
            QCOMPARE(footprintBars(*s, q).size(), size_t(1));
        }
    }
};

QTEST_MAIN(TestBarMarks)
#include "test_bar_marks.moc"
