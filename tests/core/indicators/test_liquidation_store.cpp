// LiquidationStore bounded to the newest 1000 items, with per-minute totals of older ones.
#include "indicators/LiquidationStore.h"
#include "model/Fixed.h"
#include "model/Time.h"

#include <QtTest>

using namespace co;

class TestLiquidationStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void boundedWithMinuteTotals()
    {
        // 1500 liquidations one a second from t = 1 000 000 ms, quantity 1, price 100, sides alternating.
        LiquidationStore st;
        for (int i = 0; i < 1500; ++i) {
            Liquidation l;
            l.tradeMs = 1'000'000 + int64_t(i) * 1000;
            l.side = i % 2 ? Side::Buy : Side::Sell;
            l.avgPrice = 100 * kFixedOne;
            l.filledQty = kFixedOne;
            st.add(l);
        }
        QCOMPARE(st.size(), size_t(1000)); // i = 500…1499 held
        QCOMPARE(st.seen(), int64_t(1500));
        QCOMPARE(st.oldestHeldMs(), int64_t(1'500'000));
        const int64_t now = 2'499'000;
        // 24 h: held 1000 + the 500 older ones in their minutes (all inside the window) = 1500.
        const LiquidationTotals day = st.totals(now, kMsPerDay);
        QCOMPARE(day.count, int64_t(1500));
        QCOMPARE(day.longQty, 750 * kFixedOne);
        QCOMPARE(day.shortNotional, 750 * 100.0);
        // From 1 030 000 (exclusive): held 1000; of the older, whole minutes starting after it:
        // 1 080 000 … 1 440 000, 7 minutes × 60 = 420 (i = 30…79 share a minute with the start).
        QCOMPARE(st.totals(now, now - 1'030'000).count, int64_t(1420));
        // range: [1 600 000, 1 605 000) = i 600…604, newest first.
        const std::vector<Liquidation> r = st.range(1'600'000, 1'605'000, 10);
        QCOMPARE(r.size(), size_t(5));
        QCOMPARE(r.front().tradeMs, int64_t(1'604'000));
        QCOMPARE(st.range(0, 1'500'000, 10).size(), size_t(0)); // no longer held
        QCOMPARE(st.range(0, INT64_MAX, 3).size(), size_t(3));
    }
};

QTEST_APPLESS_MAIN(TestLiquidationStore)
#include "test_liquidation_store.moc"
