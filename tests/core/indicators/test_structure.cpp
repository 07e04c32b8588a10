// Swings, swing liquidity, market structure and ZigZag (spec analysis.md A6, A7), worked by hand.
#include "indicators/Structure.h"
#include "model/Fixed.h"

#include <QtTest>

#include <vector>

using namespace co;

namespace {
constexpr int64_t kMin = 60'000;

// Klines at minute i from (high, low, close); open = the previous close.
std::vector<PriceBar> klines(std::initializer_list<std::array<int64_t, 3>> hlc)
{
    std::vector<PriceBar> out;
    int64_t prevClose = 0;
    for (const auto &b : hlc) {
        const int64_t i = int64_t(out.size());
        out.push_back(PriceBar{i * kMin, prevClose ? prevClose : b[2], b[0], b[1], b[2], 1});
        prevClose = b[2];
    }
    return out;
}

// The structure example (left = right = 1), as minute bars too.
//          bar:  0   1   2   3   4   5   6   7   8   9  10  11
// high          10  12  11  14  13  12  15  15  14  12   9  10
// low            8   9   7   9  10   8   9  12  11   7   6   7
// close          9  11   8  13  11   9  14  15  12   7   6   9
// pivot highs: 1 (12), 3 (14), 6 (15; 15 ≥ 15 after it); pivot lows: 2 (7), 5 (8), 10 (6).
std::vector<PriceBar> example()
{
    return klines({{10, 8, 9}, {12, 9, 11}, {11, 7, 8}, {14, 9, 13}, {13, 10, 11}, {12, 8, 9},
                   {15, 9, 14}, {15, 12, 15}, {14, 11, 12}, {12, 7, 7}, {9, 6, 6}, {10, 7, 9}});
}

BarPtr minuteBar(const PriceBar &k)
{
    auto b = std::make_shared<FootprintBar>();
    b->openTime = k.openTime;
    b->open = k.open * kFixedOne;
    b->high = k.high * kFixedOne;
    b->low = k.low * kFixedOne;
    b->close = k.close * kFixedOne;
    b->buy = 2 * kFixedOne;
    b->sell = kFixedOne;
    b->trades = 3;
    return b;
}
} // namespace

class TestStructure : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pivotsStrictBeforeNonStrictAfter()
    {
        // left = right = 2: highs 10 12 15 13 11 14 16 12 11, lows 8 9 11 10 7 9 12 9 8.
        const auto k = klines({{10, 8, 9}, {12, 9, 10}, {15, 11, 12}, {13, 10, 11}, {11, 7, 8}, {14, 9, 13},
                               {16, 12, 15}, {12, 9, 10}, {11, 8, 9}});
        const std::vector<Pivot> p = findPivots(k, 2, 2);
        QCOMPARE(p.size(), size_t(3));
        QCOMPARE(p[0].index, size_t(2)); // 15 > 10, 12 and ≥ 13, 11
        QVERIFY(p[0].high);
        QCOMPARE(p[0].price, int64_t(15));
        QCOMPARE(p[1].index, size_t(4)); // 7 < 11, 10 and ≤ 9, 12
        QVERIFY(!p[1].high);
        QCOMPARE(p[2].index, size_t(6)); // 16; bar 5 (14) fails on 16 after it
        QCOMPARE(p[2].price, int64_t(16));
        // Equal highs: the first is the pivot (≥ after it), the second is not (> before it).
        const auto eq = klines({{1, 0, 1}, {2, 1, 2}, {5, 2, 4}, {5, 3, 4}, {3, 2, 3}, {2, 1, 2}});
        const std::vector<Pivot> e = findPivots(eq, 1, 1);
        QCOMPARE(e.size(), size_t(1));
        QCOMPARE(e[0].index, size_t(2));
        // Too few bars on either side: nothing.
        QVERIFY(findPivots(klines({{1, 0, 1}, {3, 1, 2}}), 1, 1).empty());
    }

    void sweeps()
    {
        const std::vector<LiquidityLevel> l = swingLiquidity(example(), 1, 1);
        QCOMPARE(l.size(), size_t(6));
        struct Want {
            bool buy;
            int64_t price, time;
            bool swept;
            int64_t sweptAt;
        };
        // In pivot order: H12@1 swept by bar 3's 14, L7@2 by bar 10's 6, H14@3 by bar 6's 15,
        // L8@5 by bar 9's 7, H15@6 never exceeded (15, 14, 12, 9, 10), L6@10 active (bar 11's low 7).
        const Want want[] = {{true, 12, 1, true, 3},  {false, 7, 2, true, 10}, {true, 14, 3, true, 6},
                             {false, 8, 5, true, 9},  {true, 15, 6, false, 0}, {false, 6, 10, false, 0}};
        for (size_t i = 0; i < 6; ++i) {
            QCOMPARE(l[i].buySide, want[i].buy);
            QCOMPARE(l[i].price, want[i].price);
            QCOMPARE(l[i].time, want[i].time * kMin);
            QCOMPARE(l[i].swept, want[i].swept);
            QCOMPARE(l[i].sweptAt, want[i].swept ? want[i].sweptAt * kMin : 0);
        }
    }

    void structureBosAndChoch()
    {
        const MarketStructure m = marketStructure(example(), 1, 1);
        QCOMPARE(m.swings.size(), size_t(6));
        const char *labels[] = {"H", "L", "HH", "HL", "HH", "LL"};
        for (size_t i = 0; i < 6; ++i)
            QCOMPARE(QString(m.swings[i].label), QString(labels[i]));
        QCOMPARE(m.trend, Trend::Range); // HH 15 > 14 but LL 6 < 8
        // Bar 3 closes 13 > H12 (known after bar 2): no trend, no earlier break → BOS up.
        // Bar 6 closes 14 = H14: not beyond. Bar 7 closes 15 > H14 with HH+HL (up) → BOS up.
        // Bar 9 closes 7 < L8 (the low at bar 8, 11, is no pivot), trend up → CHoCH down.
        // Bar 10 closes 6: L8 already broken, L6 not known yet.
        QCOMPARE(m.events.size(), size_t(3));
        QCOMPARE(m.events[0].choch, false);
        QCOMPARE(m.events[0].up, true);
        QCOMPARE(m.events[0].time, 3 * kMin);
        QCOMPARE(m.events[0].level, int64_t(12));
        QCOMPARE(m.events[0].swingTime, 1 * kMin);
        QCOMPARE(m.events[1].choch, false);
        QCOMPARE(m.events[1].up, true);
        QCOMPARE(m.events[1].time, 7 * kMin);
        QCOMPARE(m.events[1].level, int64_t(14));
        QCOMPARE(m.events[2].choch, true);
        QCOMPARE(m.events[2].up, false);
        QCOMPARE(m.events[2].time, 9 * kMin);
        QCOMPARE(m.events[2].level, int64_t(8));
        QCOMPARE(m.events[2].close, int64_t(7));
        QVERIFY(m.zigzag.empty());
    }

    void sameSidePivotsKeepTheMoreExtreme()
    {
        // left = right = 1; pivot highs at 1 (12) and 3 (14) with no pivot low between: 14 stays.
        const auto k = klines({{10, 8, 9}, {12, 9, 11}, {11, 10, 10}, {14, 11, 13}, {13, 12, 12}, {12, 10, 11}, {13, 11, 12}});
        const MarketStructure m = marketStructure(k, 1, 1);
        QCOMPARE(m.swings.size(), size_t(2)); // H14@3, then the low 10 at bar 5
        QCOMPARE(m.swings[0].price, int64_t(14));
        QCOMPARE(m.swings[0].time, 3 * kMin);
        QCOMPARE(m.swings[1].price, int64_t(10));
    }

    void asOfEndTimeUsesOnlyEarlierMinutes()
    {
        std::vector<BarPtr> minutes;
        for (const PriceBar &k : example())
            minutes.push_back(minuteBar(k));
        // endTime 9:00 → bars 0..8 only (bar 8 ends at 9:00): the CHoCH at bar 9 has not happened.
        const std::vector<PriceBar> k = klinesFromMinutes(minutes, kMin, 9 * kMin);
        QCOMPARE(k.size(), size_t(9));
        QCOMPARE(k.back().close, 12 * kFixedOne);
        const MarketStructure m = marketStructure(k, 1, 1);
        QCOMPARE(m.trend, Trend::Up); // H12 H14 H15 / L7 L8
        QCOMPARE(m.swings.size(), size_t(5));
        QCOMPARE(m.events.size(), size_t(2));
        QVERIFY(!m.events.back().choch);
        // 9:30 is inside bar 9: still not used.
        QCOMPARE(klinesFromMinutes(minutes, kMin, 9 * kMin + 30'000).size(), size_t(9));
    }

    void klinesMergeMinutesAndSkipEmptyIntervals()
    {
        // Minutes 0, 1, 2 and 11 → 5m klines at 0 and 10; the interval at 5 has no trades.
        std::vector<BarPtr> m{minuteBar({0, 100, 104, 99, 101, 1}), minuteBar({kMin, 101, 106, 100, 105, 1}),
                              minuteBar({2 * kMin, 105, 105, 97, 98, 1}), minuteBar({11 * kMin, 98, 99, 95, 96, 1})};
        const std::vector<PriceBar> k = klinesFromMinutes(m, 5 * kMin);
        QCOMPARE(k.size(), size_t(2));
        QCOMPARE(k[0].openTime, int64_t(0));
        QCOMPARE(k[0].open, 100 * kFixedOne);
        QCOMPARE(k[0].high, 106 * kFixedOne);
        QCOMPARE(k[0].low, 97 * kFixedOne);
        QCOMPARE(k[0].close, 98 * kFixedOne);
        QCOMPARE(k[0].volume, 9 * kFixedOne); // 3 bars × (2 + 1)
        QCOMPARE(k[1].openTime, 10 * kMin);
        QCOMPARE(k[1].close, 96 * kFixedOne);
    }

    void zigzagTurnsAfterPercent()
    {
        // 10 %: from the low 95 (bar 0) the high 110 at bar 1 is +15.8 % → leg up; 120 at bar 2;
        // bar 3's low 90 ≤ 108 → high 120 confirmed; low 88 at bar 4; bar 5's 110 ≥ 96.8 → low 88
        // confirmed; the high 110 at bar 5 is still open.
        const auto k = klines({{100, 95, 97}, {110, 105, 108}, {120, 112, 115}, {100, 90, 92}, {95, 88, 90},
                               {110, 100, 105}, {108, 104, 106}});
        const std::vector<ZigZagPoint> z = zigzag(k, 10);
        QCOMPARE(z.size(), size_t(4));
        QCOMPARE(z[0].price, int64_t(95));
        QVERIFY(!z[0].high);
        QCOMPARE(z[1].price, int64_t(120));
        QCOMPARE(z[1].time, 2 * kMin);
        QCOMPARE(z[2].price, int64_t(88));
        QCOMPARE(z[2].time, 4 * kMin);
        QCOMPARE(z[3].price, int64_t(110));
        QVERIFY(!z[3].confirmed);
        QVERIFY(z[2].confirmed);
        QVERIFY(marketStructure(k, 1, 1, 10).zigzag.size() == 4);
    }
};

QTEST_GUILESS_MAIN(TestStructure)
#include "test_structure.moc"
