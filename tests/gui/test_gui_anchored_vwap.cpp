// Anchored VWAP on the price chart (analysis.md A10), worked by hand: 100.0 × 1 at 00:00, 101.0 × 1
// at 00:05, 102.0 × 2 at 00:10. Anchored at the 00:05 candle: 101 at its close, then
// (101 + 204) / 3 at 00:10's — the value get_key_levels' anchorTime gives (the same sums).
#include "GuiFixtures.h"
#include "engine/AnchoredVwap.h"
#include "model/Time.h"
#include "views/PriceChartView.h"

#include <QtTest>

using namespace co;
using namespace co::test;

namespace {
const int64_t kDay = daysFromCivil({2024, 7, 19}) * kMsPerDay;

SnapshotPtr workedDay()
{
    MarketEngine e(btcInfo(), {});
    int64_t id = 1;
    addTrades(e, kDay + 1000, {{100.0, 1, true}}, id);
    addTrades(e, kDay + 5 * kMsPerMinute + 1000, {{101.0, 1, false}}, id);
    addTrades(e, kDay + 10 * kMsPerMinute + 1000, {{102.0, 2, true}}, id);
    return e.publish();
}
} // namespace

class TestGuiAnchoredVwap : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pathByHand()
    {
        const SnapshotPtr s = workedDay();
        const auto path = anchoredVwapPath(*s, kDay + 5 * kMsPerMinute, Timeframe::M5);
        QCOMPARE(path.size(), size_t(2));
        QCOMPARE(path[0].barOpenTime, kDay + 5 * kMsPerMinute);
        QVERIFY(std::abs(path[0].bands.vwap - 101.0) < 1e-9);
        QVERIFY(std::abs(path[1].bands.vwap - 305.0 / 3) < 1e-9);
        QCOMPARE(path.back().bands.vwap, anchoredVwap(*s, kDay + 5 * kMsPerMinute)->vwap);
    }

    // Ctrl+click on the 00:05 candle anchors there; Esc clears; a plain drag does not anchor.
    void clickToAnchor()
    {
        PriceChartView v;
        v.setObjectName("priceChart");
        v.resize(600, 300);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        v.setSnapshot(workedDay());
        QCOMPARE(v.scene().candles.size(), size_t(3));
        int x = -1;
        for (int px = 0; px < v.width() && x < 0; ++px)
            if (candleAt(QRectF(v.rect()), v.scene(), PriceViewport{}, px) == std::optional<size_t>(1))
                x = px + 2;
        QVERIFY(x >= 0);
        QTest::mouseClick(&v, Qt::LeftButton, Qt::NoModifier, QPoint(x, 150));
        QVERIFY(!v.anchor());
        QTest::mouseClick(&v, Qt::LeftButton, Qt::ControlModifier, QPoint(x, 150));
        QCOMPARE(v.anchor(), std::optional<int64_t>(kDay + 5 * kMsPerMinute));
        const PriceScene &sc = v.scene();
        QVERIFY(!sc.anchoredVwap[0]);
        QVERIFY(std::abs(*sc.anchoredVwap[1] - 101.0) < 1e-9);
        QVERIFY(std::abs(*sc.anchoredVwap[2] - 305.0 / 3) < 1e-9);
        QVERIFY(!v.grab().isNull());
        QTest::keyClick(&v, Qt::Key_Escape);
        QVERIFY(!v.anchor());
        QVERIFY(v.scene().anchoredVwap.empty());
    }
};

QTEST_MAIN(TestGuiAnchoredVwap)
#include "test_gui_anchored_vwap.moc"
