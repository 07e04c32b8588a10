// Indicator definitions of spec/indicators.md, including its worked examples verbatim.
#include "indicators/DepthDelta.h"
#include "indicators/Footprint.h"
#include "indicators/Imbalance.h"
#include "indicators/LiquidationStore.h"
#include "indicators/SessionLevels.h"
#include "indicators/ValueArea.h"
#include "indicators/VwapSums.h"
#include "model/Fixed.h"
#include "model/Time.h"

#include <QtTest>

#include <vector>

using namespace co;

namespace {
int64_t fx(const char *s)
{
    int64_t v = 0;
    if (!parseFixed(s, v))
        qFatal("bad fixed %s", s);
    return v;
}

std::vector<int64_t> vols(std::initializer_list<int64_t> v) { return v; }

// Tick-1 trade at `price` units of 1.
TickTrade tt(int64_t id, int64_t timeMs, int64_t priceUnits, int64_t qtyUnits, bool buy, Scaler &sc, int64_t tick = kFixedOne)
{
    TickTrade t;
    t.id = id;
    t.timeMs = timeMs;
    t.price = priceUnits * tick;
    t.qty = qtyUnits * kFixedOne;
    t.row = priceUnits;
    t.takerBuy = buy;
    t.scaled = sc.scale(t.price, t.qty);
    return t;
}

// Fake zone: +1 h before `switchMs`, +2 h from then on (a spring-forward day).
class SpringForward : public ZoneOffsets {
public:
    explicit SpringForward(int64_t switchMs) : switch_(switchMs) {}
    OffsetSpan at(int64_t utcMs) const override
    {
        return utcMs < switch_ ? OffsetSpan{kMsPerHour, INT64_MIN, switch_} : OffsetSpan{2 * kMsPerHour, switch_, INT64_MAX};
    }
    std::string id() const override { return "Test/Spring"; }

private:
    int64_t switch_;
};
} // namespace

class TestIndicators : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void workedExampleA_dual()
    {
        const auto v = vols({5, 15, 60, 10, 45, 100, 40, 20, 30, 10, 5}); // prices 100..110
        const auto va = valueArea(v, 7000, VaMethod::Dual);
        QVERIFY(va);
        QCOMPARE(100 + int(va->poc), 105);
        QCOMPARE(100 + int(va->low), 101);
        QCOMPARE(100 + int(va->high), 107);
        QCOMPARE(va->volume, 290);
    }
    void workedExampleA_single()
    {
        const auto v = vols({5, 15, 60, 10, 45, 100, 40, 20, 30, 10, 5});
        const auto va = valueArea(v, 7000, VaMethod::Single);
        QVERIFY(va);
        QCOMPARE(100 + int(va->low), 104);
        QCOMPARE(100 + int(va->high), 109);
        QCOMPARE(va->volume, 245);
    }
    void workedExampleA_vwap()
    {
        // One trade per row: Σ(p·q)/Σq = 35605/340 = 7121/68.
        const auto v = vols({5, 15, 60, 10, 45, 100, 40, 20, 30, 10, 5});
        Scaler sc;
        VwapSums s;
        for (size_t i = 0; i < v.size(); ++i)
            s.add(sc.scale((100 + int64_t(i)) * kFixedOne, v[i] * kFixedOne));
        QCOMPARE(*s.vwap(), 7121.0 / 68.0);
        // σ² = Σq·p²/Σq − vwap², computed here independently in long double.
        long double sq = 0, spq = 0, sp2q = 0;
        for (size_t i = 0; i < v.size(); ++i) {
            const long double p = 100 + i, q = v[i];
            sq += q;
            spq += p * q;
            sp2q += p * p * q;
        }
        const double sigma = double(std::sqrt(sp2q / sq - (spq / sq) * (spq / sq)));
        QVERIFY(qAbs(s.bands()->sigma - sigma) < 1e-12);
    }
    void valueAreaCases()
    {
        auto va = valueArea(vols({1, 98, 1}), 7000);
        QCOMPARE(int(va->low), 1); // POC alone ≥ target
        QCOMPARE(int(va->high), 1);
        va = valueArea(vols({10, 10, 50, 5}), 7000); // one row above the POC at the edge
        QCOMPARE(int(va->poc), 2);
        QCOMPARE(int(va->low), 0);
        QCOMPARE(int(va->high), 2);
        QCOMPARE(va->volume, 70);
        QCOMPARE(int(*pocIndex(vols({5, 9, 1, 9, 1, 1, 9}))), 3); // tie in the middle
        QCOMPARE(int(*pocIndex(vols({9, 1, 1, 9}))), 0);          // equidistant → lower price
        va = valueArea(vols({3, 10, 3}), 8000, VaMethod::Single); // single-row tie → above
        QCOMPARE(int(va->low), 1);
        QCOMPARE(int(va->high), 2);
        QCOMPARE(va->volume, 13);
    }
    void valueAreaAtProfileEdge()
    {
        // POC at the lowest row: only the above side can grow.
        auto va = valueArea(vols({50, 10, 10, 10, 10, 10}), 7000);
        QCOMPARE(int(va->poc), 0);
        QCOMPARE(int(va->low), 0);
        QCOMPARE(int(va->high), 2); // 50 + (10+10) = 70 ≥ 70 % of 100: one dual step
        QCOMPARE(va->volume, 70);
        // POC at the highest row.
        va = valueArea(vols({10, 10, 10, 10, 10, 50}), 7000);
        QCOMPARE(int(va->low), 3);
        QCOMPARE(int(va->high), 5);
    }
    void emptyAndSingle()
    {
        QVERIFY(!pocIndex({}));
        QVERIFY(!valueArea({}, 7000));
        QVERIFY(!pocIndex(vols({0, 0})));
        VwapSums s;
        QVERIFY(!s.vwap()); // no trades → no value, never 0
        QVERIFY(!s.bands());
        Scaler sc;
        s.add(sc.scale(fx("63960.1"), fx("0.005")));
        QCOMPARE(*s.vwap(), 63960.1);
        QCOMPARE(s.bands()->sigma, 0.0);
        Ladder l;
        l.add(639601, fx("0.005"), true);
        const auto pl = profileLevels(l, 7000, VaMethod::Dual);
        QCOMPARE(pl->pocRow, 639601);
        QCOMPARE(pl->vahRow, 639601);
        QCOMPARE(pl->valRow, 639601);
    }
    void vwapRescalesExactly()
    {
        // 2 decimals arrive after 0-decimal prices; sums must rescale without loss.
        Scaler sc;
        VwapSums s;
        s.add(sc.scale(fx("100"), fx("1")));
        s.add(sc.scale(fx("100.25"), fx("0.5")));
        s.add(sc.scale(fx("99.5"), fx("2.125")));
        const double expect = double((100.0L * 1 + 100.25L * 0.5L + 99.5L * 2.125L) / (1 + 0.5L + 2.125L));
        QCOMPARE(*s.vwap(), expect);
        VwapSums a, b;
        Scaler s1, s2;
        a.add(s1.scale(fx("100"), fx("1")));
        b.add(s2.scale(fx("100.25"), fx("0.5")));
        b.add(s2.scale(fx("99.5"), fx("2.125")));
        a.merge(b);
        QCOMPARE(*a.vwap(), expect);
    }
    void workedExampleB()
    {
        // tick 0.1, rows as sell × buy; prices 100.1 … 100.6 → rows 1001 … 1006.
        const int64_t sell[] = {20, 8, 7, 6, 3, 0}, buy[] = {2, 5, 24, 24, 30, 12};
        Ladder rows;
        for (int i = 0; i < 6; ++i) {
            if (sell[i])
                rows.addRow(1001 + i, {0, sell[i] * kFixedOne, 1});
            if (buy[i])
                rows.addRow(1001 + i, {buy[i] * kFixedOne, 0, 1});
        }
        const BarImbalances im = findImbalances(rows, ImbalanceConfig{});
        QCOMPARE(im.buyRows, (std::vector<int64_t>{1003, 1004, 1005, 1006}));
        QCOMPARE(im.sellRows, (std::vector<int64_t>{1001}));
        QCOMPARE(im.stacked.size(), size_t(1));
        QCOMPARE(im.stacked[0].lowRow, 1003);
        QCOMPARE(im.stacked[0].highRow, 1006);
        QCOMPARE(im.stacked[0].side, ImbalanceSide::Buy);
        QCOMPARE(im.stacked[0].count, 4);
        int64_t vol = 0, delta = 0;
        for (int i = 0; i < 6; ++i) {
            vol += sell[i] + buy[i];
            delta += buy[i] - sell[i];
        }
        QCOMPARE(vol, 141);
        QCOMPARE(delta, 53);
        QCOMPARE(*pocRow(rows), 1005); // 100.5 (33)
    }
    void imbalanceExactRatio()
    {
        Ladder rows; // row 1: sell 8; row 2: buy 24 → 24 ≥ 3.0 × 8 counts
        rows.addRow(1, {0, 8, 1});
        rows.addRow(2, {24, 0, 1});
        QCOMPARE(findImbalances(rows, {}).buyRows, std::vector<int64_t>{2});
        Ladder r2; // sell 100, buy 299: 299 < 300 does not count
        r2.addRow(1, {0, 100, 1});
        r2.addRow(2, {299, 0, 1});
        QVERIFY(findImbalances(r2, {}).buyRows.empty());
        ImbalanceConfig c; // R = 2.99: 299 ≥ 2.99 × 100 counts
        c.ratio = fx("2.99");
        QCOMPARE(findImbalances(r2, c).buyRows, std::vector<int64_t>{2});
        c.minVolume = 300; // V filters it
        QVERIFY(findImbalances(r2, c).buyRows.empty());
    }
    void zeroDiagonalCell()
    {
        // Row 2 inside the range has no volume: buy at 3 vs sell(2) = 0 is an imbalance.
        Ladder rows;
        rows.addRow(1, {1, 1, 2});
        rows.addRow(3, {1, 0, 1});
        const auto im = findImbalances(rows, {});
        QCOMPARE(im.buyRows, std::vector<int64_t>{3});
        // Sell at 1 vs buy(2) = 0 inside the range: imbalance too.
        QCOMPARE(im.sellRows, std::vector<int64_t>{1});
        // Lowest row BUY / highest row SELL have no diagonal: never imbalances.
        Ladder one;
        one.addRow(5, {10, 10, 2});
        const auto im1 = findImbalances(one, {});
        QVERIFY(im1.buyRows.empty());
        QVERIFY(im1.sellRows.empty());
    }
    void footprintBars()
    {
        Scaler sc;
        Footprint fp(Timeframe::M5);
        const int64_t t0 = 1723161000000; // a 5m boundary
        fp.add(tt(10, t0 + 1000, 100, 2, true, sc));
        fp.add(tt(11, t0 + 299999, 101, 1, false, sc));
        fp.add(tt(12, t0 + 300000, 99, 3, false, sc)); // next bar
        auto bars = fp.share();
        QCOMPARE(bars.size(), size_t(2));
        QCOMPARE(bars[0]->openTime, t0);
        QCOMPARE(bars[0]->open, 100 * kFixedOne);
        QCOMPARE(bars[0]->close, 101 * kFixedOne);
        QCOMPARE(bars[0]->delta(), 1 * kFixedOne);
        QCOMPARE(bars[1]->openTime, t0 + 300000);
        // Copy-on-write: a shared bar is not changed by later trades.
        fp.add(tt(13, t0 + 300001, 98, 1, true, sc));
        QCOMPARE(bars[1]->trades, 1);
        QCOMPARE(fp.share()[1]->trades, 2);
        // A closed bar keeps its rows exactly after compaction.
        Ladder big;
        for (int r = 0; r < 500; ++r)
            big.add(1000 + r, r + 1, r % 2);
        const Ladder before = big;
        big.compact();
        QVERIFY(big == before);
        big.add(999, 5, true); // still grows after compaction
        QCOMPARE(big.lowRow(), 999);
        // Out-of-order time inserts into the right bar.
        fp.add(tt(14, t0 + 5, 100, 1, true, sc));
        QCOMPARE(fp.share()[0]->trades, 3);
        QCOMPARE(fp.share()[0]->close, 100 * kFixedOne); // highest id
    }
    void sessionsUtcAndHalfOpen()
    {
        Scaler sc;
        SessionLevels s; // tokyo [00:00, 09:00), london [07:00, 16:00), newyork [13:00, 22:00)
        const int64_t day = daysFromCivil({2024, 8, 8}) * kMsPerDay;
        s.add(tt(1, day + 8 * kMsPerHour, 100, 1, true, sc));     // tokyo + london
        s.add(tt(2, day + 9 * kMsPerHour, 105, 1, true, sc));     // 09:00:00.000 is not Tokyo
        s.add(tt(3, day + 22 * kMsPerHour - 1, 90, 1, false, sc)); // last ms of New York
        const SessionStats *tokyo = s.instanceEndingIn(0, day, day + kMsPerDay);
        QVERIFY(tokyo);
        QCOMPARE(tokyo->trades, 1);
        QCOMPARE(tokyo->high, 100 * kFixedOne);
        QCOMPARE(s.instanceEndingIn(1, day, day + kMsPerDay)->trades, 2);
        QCOMPARE(s.instanceEndingIn(2, day, day + kMsPerDay)->low, 90 * kFixedOne);
    }
    void sessionCrossingMidnight()
    {
        Scaler sc;
        SessionLevels s({{"asia", 22 * 60, 2 * 60, nullptr}}); // [22:00, 02:00)
        const int64_t d1 = daysFromCivil({2024, 7, 18}) * kMsPerDay, d2 = d1 + kMsPerDay;
        s.add(tt(1, d1 + 23 * kMsPerHour, 100, 1, true, sc)); // belongs to the day it ends: d2
        s.add(tt(2, d2 + kMsPerHour, 110, 1, true, sc));
        s.add(tt(3, d2 + 2 * kMsPerHour, 120, 1, true, sc)); // 02:00 is out
        int64_t ws = 0, we = 0;
        const SessionStats *st = s.instanceEndingIn(0, d2, d2 + kMsPerDay, &ws, &we);
        QVERIFY(st);
        QCOMPARE(st->trades, 2);
        QCOMPARE(st->open, 100 * kFixedOne);
        QCOMPARE(st->close, 110 * kFixedOne);
        QCOMPARE(ws, d1 + 22 * kMsPerHour);
        QCOMPARE(we, d2 + 2 * kMsPerHour);
        QVERIFY(!s.instanceEndingIn(0, d1, d1 + kMsPerDay)); // no trade in the d1 instance
    }
    void sessionOnDstChangeDay()
    {
        // Local 08:00–17:00; DST starts at 01:00 UTC of this day (offset +1 h → +2 h).
        const int64_t d = daysFromCivil({2024, 3, 31}) * kMsPerDay;
        auto zone = std::make_shared<SpringForward>(d + kMsPerHour);
        SessionLevels s({{"london", 8 * 60, 17 * 60, zone}});
        Scaler sc;
        // 06:30 UTC = 08:30 local (+2) is inside; on a +1 day it would be 07:30, outside.
        s.add(tt(1, d + 6 * kMsPerHour + 30 * kMsPerMinute, 100, 1, true, sc));
        s.add(tt(2, d + 15 * kMsPerHour - 1, 101, 1, true, sc)); // 16:59:59.999 local: inside
        s.add(tt(3, d + 15 * kMsPerHour, 102, 1, true, sc));     // 17:00 local: out
        int64_t ws = 0, we = 0;
        const SessionStats *st = s.instanceEndingIn(0, d, d + kMsPerDay, &ws, &we);
        QVERIFY(st);
        QCOMPARE(st->trades, 2);
        QCOMPARE(ws, d + 6 * kMsPerHour);
        QCOMPARE(we, d + 15 * kMsPerHour);
        // The local day is 23 hours long.
        ZoneClock clock(zone);
        const int64_t localDay = clock.localDay(d + 12 * kMsPerHour);
        QCOMPARE(clock.dayStartUtc(localDay + 1) - clock.dayStartUtc(localDay), 23 * kMsPerHour);
    }
    void depthWithinBand()
    {
        OrderBook b;
        DepthSnapshot s;
        s.lastUpdateId = 1;
        // mid = 100; 1 % band = [99, 101]
        s.bids = {{fx("99.9"), fx("1")}, {fx("99"), fx("2")}, {fx("98.99"), fx("4")}};
        s.asks = {{fx("100.1"), fx("1.5")}, {fx("101"), fx("0.5")}, {fx("101.01"), fx("8")}};
        b.applySnapshot(s);
        const auto d = depthWithin(b, 100);
        QCOMPARE(d->bidQty, fx("3"));
        QCOMPARE(d->askQty, fx("2"));
        QCOMPARE(d->net(), fx("1"));
        QCOMPARE(d->bidNotional, 99.9 + 198.0);
        const DepthSample ls = sampleLadder(b, 1000);
        bool exact = false;
        const int idx = ladderIndexFor(100, &exact);
        QVERIFY(exact);
        QCOMPARE(ls.bidQty[size_t(idx)], d->bidQty);
        QCOMPARE(ls.askQty[size_t(idx)], d->askQty);
        QCOMPARE(ls.bidQty[0], fx("1")); // 0.1 % band: [99.9, 100.1]
        QCOMPARE(ls.askQty[0], fx("1.5"));
        QVERIFY(!depthWithin(OrderBook{}, 100));
    }
    void liquidations()
    {
        LiquidationStore st;
        for (int i = 0; i < 1500; ++i) {
            Liquidation l;
            l.tradeMs = 1000000 + i * 1000;
            l.side = i % 2 ? Side::Buy : Side::Sell;
            l.avgPrice = fx("100");
            l.filledQty = fx("1") * (i % 7 + 1);
            st.add(l);
        }
        QCOMPARE(st.newest(5).size(), size_t(5));
        QCOMPARE(st.newest(5)[0].tradeMs, 1000000 + 1499 * 1000); // newest first
        const auto t = st.totals(1000000 + 1499 * 1000, 10 * 1000); // last 10 s: i = 1490..1499
        QCOMPARE(t.count, 10);
        int64_t longQty = 0;
        for (int i = 1490; i < 1500; ++i)
            if (i % 2 == 0)
                longQty += fx("1") * (i % 7 + 1);
        QCOMPARE(t.longQty, longQty);
        QVERIFY(t.hasLargest);
        QCOMPARE(liquidationNotional(t.largest), 700.0);
    }
};

QTEST_APPLESS_MAIN(TestIndicators)
#include "test_indicators.moc"
