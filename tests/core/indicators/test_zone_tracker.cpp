// Stacked-zone formation trade by trade (analysis.md A3 `events`, ZoneTracker), worked by hand
// with R = 3, N = 3, V = 0; and the tracker against a full recount (findImbalances after every
// trade) on random small tapes.
#include "indicators/ZoneEvents.h"
#include "indicators/ZoneTracker.h"
#include "model/Time.h"

#include <QtTest>

#include <random>

using namespace co;

namespace {
struct T {
    int64_t id, timeMs, row, qty;
    bool buy;
};

std::vector<ZoneFormed> track(const std::vector<T> &tape, int64_t k, ImbalanceConfig cfg = {})
{
    ZoneTracker z(k, cfg);
    for (const T &t : tape)
        z.addTrade(t.id, t.timeMs, t.row, t.qty, t.buy);
    return z.takeEvents();
}

// The same trades as one 1m bar (openTime 0).
BarPtr minuteOf(const std::vector<T> &tape)
{
    auto b = std::make_shared<FootprintBar>();
    for (const T &t : tape) {
        TickTrade x;
        x.id = t.id;
        x.timeMs = t.timeMs;
        x.row = x.price = t.row;
        x.qty = t.qty;
        x.takerBuy = t.buy;
        b->add(x);
    }
    return b;
}

void expectZone(const ZoneFormed &e, int64_t timeMs, int64_t id, int64_t low, int64_t high, ImbalanceSide side)
{
    QCOMPARE(e.timeMs, timeMs);
    QCOMPARE(e.tradeId, id);
    QCOMPARE(e.zone.lowRow, low);
    QCOMPARE(e.zone.highRow, high);
    QCOMPARE(e.zone.count, int(high - low + 1));
    QVERIFY(e.zone.side == side);
}

bool overlaps(const StackedZone &a, const StackedZone &b)
{
    return a.side == b.side && a.lowRow <= b.highRow && b.lowRow <= a.highRow;
}
} // namespace

class TestZoneTracker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // sell 1 @10; buys of 3 @11, 12, 13: 11 (3 ≥ 3×1), 12 and 13 (3 ≥ 3×0) → BUY 11..13 at the
    // trade @13 (id 4). Buy 3 @14: the zone grows to 11..14, no event.
    void formsAtTheCompletingTradeAndGrows()
    {
        const std::vector<T> tape{{1, 1000, 10, 1, false}, {2, 2000, 11, 3, true}, {3, 3000, 12, 3, true},
                                  {4, 4000, 13, 3, true},  {5, 5000, 14, 3, true}};
        const std::vector<ZoneFormed> ev = track(tape, 1);
        QCOMPARE(ev.size(), size_t(1));
        expectZone(ev[0], 4000, 4, 11, 13, ImbalanceSide::Buy);
        // The minute-level answer of the same minute: the latest trade of the minute.
        const std::vector<BarPtr> minute{minuteOf(tape)};
        const std::vector<ZoneFormed> m = zoneFormation(minute, 1, {});
        QCOMPARE(m.size(), size_t(1));
        expectZone(m[0], 5000, 0, 11, 14, ImbalanceSide::Buy);
    }

    // Zone BUY 11..13 at id 4; sell 2 @12 (id 5): 13 has 3 < 3×2, the zone is gone; buy 3 @13
    // (id 6): 6 ≥ 6, it stands again — a new event. All inside one minute: the minute-level
    // answer has one event; without the last trade it has none.
    void formsAndVanishesInsideOneMinute()
    {
        std::vector<T> tape{{1, 1000, 10, 1, false}, {2, 2000, 11, 3, true}, {3, 3000, 12, 3, true},
                            {4, 4000, 13, 3, true},  {5, 5000, 12, 2, false}};
        std::vector<ZoneFormed> ev = track(tape, 1);
        QCOMPARE(ev.size(), size_t(1));
        expectZone(ev[0], 4000, 4, 11, 13, ImbalanceSide::Buy);
        QVERIFY(zoneFormation(std::vector<BarPtr>{minuteOf(tape)}, 1, {}).empty());

        tape.push_back({6, 6000, 13, 3, true});
        ev = track(tape, 1);
        QCOMPARE(ev.size(), size_t(2));
        expectZone(ev[1], 6000, 6, 11, 13, ImbalanceSide::Buy);
        QCOMPARE(zoneFormation(std::vector<BarPtr>{minuteOf(tape)}, 1, {}).size(), size_t(1));
    }

    // BUY 10..16 (sell 1 @9 below it) forms at the buy @12 (id 4); sell 2 @12 (id 9) unflags 13:
    // it splits into 10..12 and 14..16, both overlapped by the zone before → no event; buy 3 @13
    // (id 10) joins them again (overlapped) → no event; sell 10 @15 (id 11): 16 has 3 < 30, the
    // zone shrinks to 10..15 and 15 turns SELL (10 ≥ 3×3) alone → no event.
    void splitsAndJoinsWithoutEvents()
    {
        std::vector<T> tape{{1, 1000, 9, 1, false}};
        for (int64_t r = 10; r <= 16; ++r)
            tape.push_back({r - 8, 1000 * (r - 8), r, 3, true});
        tape.push_back({9, 9000, 12, 2, false});
        tape.push_back({10, 10000, 13, 3, true});
        tape.push_back({11, 11000, 15, 10, false});
        const std::vector<ZoneFormed> ev = track(tape, 1);
        QCOMPARE(ev.size(), size_t(1));
        expectZone(ev[0], 4000, 4, 10, 12, ImbalanceSide::Buy);
        // The split itself, checked against the full definition after trade 9.
        Ladder rows;
        for (size_t i = 0; i < 9; ++i)
            rows.add(tape[i].row, tape[i].qty, tape[i].buy);
        const BarImbalances im = findImbalances(rows, {});
        QCOMPARE(im.stacked.size(), size_t(2));
        QCOMPARE(im.stacked[0].highRow, 12);
        QCOMPARE(im.stacked[1].lowRow, 14);
    }

    // A trade far from a zone completes it by widening the range: buys of 3 @11, 12, 13 flag 12
    // and 13 only (11 is the low: no row below). A sell 1 @9 makes 10 an empty row inside the bar:
    // 11's 3 ≥ 3×0 → BUY 11..13 at that sell; 9 is a lone SELL (1 ≥ 3×0).
    void widenedRangeCompletesAZone()
    {
        const std::vector<T> tape{{1, 1000, 11, 3, true}, {2, 2000, 12, 3, true}, {3, 3000, 13, 3, true},
                                  {4, 4000, 9, 1, false}};
        const std::vector<ZoneFormed> ev = track(tape, 1);
        QCOMPARE(ev.size(), size_t(1));
        expectZone(ev[0], 4000, 4, 11, 13, ImbalanceSide::Buy);
        // Mirrored: sells of 3 @13, 12, 11 flag 11 and 12 (13 is the high); a buy @15 → SELL 11..13.
        const std::vector<T> up{{1, 1000, 13, 3, false}, {2, 2000, 12, 3, false}, {3, 3000, 11, 3, false},
                                {4, 4000, 15, 1, true}};
        const std::vector<ZoneFormed> s = track(up, 1);
        QCOMPARE(s.size(), size_t(1));
        expectZone(s[0], 4000, 4, 11, 13, ImbalanceSide::Sell);
    }

    // Two ticks per row (row g = floor(tick / 2)): sell 1 @20 → g10; buy 3 @22 → g11 (3 ≥ 3×1);
    // buy 1 @24 → g12; buy 2 @27 → g13: BUY g11..g13 at id 4. Sell 1 @21 → g10 sells 2: g11's
    // 3 < 6, gone; buy 3 @23 → g11 buys 6 ≥ 6: formed again at id 6.
    void mergedRows()
    {
        const std::vector<T> tape{{1, 1000, 20, 1, false}, {2, 2000, 22, 3, true}, {3, 3000, 24, 1, true},
                                  {4, 4000, 27, 2, true},  {5, 5000, 21, 1, false}, {6, 6000, 23, 3, true}};
        const std::vector<ZoneFormed> ev = track(tape, 2);
        QCOMPARE(ev.size(), size_t(2));
        expectZone(ev[0], 4000, 4, 11, 13, ImbalanceSide::Buy);
        expectZone(ev[1], 6000, 6, 11, 13, ImbalanceSide::Buy);
        // k = 1: 22 (3 vs sell(21)=1 ✓), 23 (3 vs 0 ✓), 24 (1 vs 0 ✓) → BUY 22..24 once 24 and 23
        // both printed: at id 6.
        const std::vector<ZoneFormed> one = track(tape, 1);
        QCOMPARE(one.size(), size_t(1));
        expectZone(one[0], 6000, 6, 22, 24, ImbalanceSide::Buy);
    }

    // The incremental tracker = the definition recomputed from scratch after every trade (all zones,
    // new when no zone of its side overlapped it before), on random tapes.
    void matchesFullRecount()
    {
        std::mt19937 rng(17);
        for (int round = 0; round < 300; ++round) {
            ImbalanceConfig cfg;
            cfg.consecutive = 2 + int(rng() % 3);
            cfg.ratio = (rng() % 2) ? 300'000'000 : 150'000'000;
            cfg.minVolume = int64_t(rng() % 3);
            const int64_t k = 1 + int64_t(rng() % 3);
            ZoneTracker z(k, cfg);
            Ladder rows;
            std::vector<StackedZone> before;
            std::vector<ZoneFormed> expected;
            for (int64_t id = 1; id <= 60; ++id) {
                const int64_t row = 100 + int64_t(rng() % 24), qty = 1 + int64_t(rng() % 6);
                const bool buy = rng() % 2;
                z.addTrade(id, id * 10, row, qty, buy);
                rows.add(floorDiv(row, k), qty, buy);
                const std::vector<StackedZone> now = findImbalances(rows, cfg).stacked;
                for (const StackedZone &n : now)
                    if (std::none_of(before.begin(), before.end(), [&](const StackedZone &b) { return overlaps(n, b); }))
                        expected.push_back({id * 10, id, n});
                before = now;
            }
            const std::vector<ZoneFormed> &got = z.events();
            QCOMPARE(got.size(), expected.size());
            for (size_t i = 0; i < got.size(); ++i) {
                QCOMPARE(got[i].tradeId, expected[i].tradeId);
                QCOMPARE(got[i].zone.lowRow, expected[i].zone.lowRow);
                QCOMPARE(got[i].zone.highRow, expected[i].zone.highRow);
                QVERIFY(got[i].zone.side == expected[i].zone.side);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestZoneTracker)
#include "test_zone_tracker.moc"
