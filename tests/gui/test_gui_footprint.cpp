// FootprintView painting from a snapshot built by a real MarketEngine out of worked example B
// (spec indicators.md §5): imbalance cells, delta colours, bar POC and the stacked band.
#include "GuiFixtures.h"
#include "model/Time.h"
#include "views/FootprintView.h"
#include "render/Theme.h"

#include <QtTest>

using namespace co;
using namespace co::test;

namespace {
const int64_t kBar = daysFromCivil({2024, 7, 19}) * kMsPerDay + 10 * kMsPerHour; // a 5m bar's open
const QSize kSize(900, 600);

FootprintViewport fixtureViewport()
{
    FootprintViewport vp;
    vp.barWidth = 140;
    vp.rowHeight = 24;
    vp.centerPrice = 100.4;
    return vp;
}

QColor at(const QImage &img, QPointF p) { return img.pixelColor(p.toPoint()); }
} // namespace

class TestGuiFootprint : public QObject {
    Q_OBJECT
    SnapshotPtr activeZone() // example B, then a bar that stays above the zone (100.4-100.5)
    {
        MarketEngine e(btcInfo(), {});
        int64_t id = 1;
        addWorkedExampleB(e, kBar, id);
        addTrades(e, kBar + 5 * kMsPerMinute + 1000, {{100.4, 1, true}, {100.5, 1, false}}, id);
        return e.publish();
    }

private Q_SLOTS:
    void sceneMatchesWorkedExample()
    {
        const SnapshotPtr s = activeZone();
        const FootprintScene sc = buildFootprintScene(*s, Timeframe::M5, 1, 0, 10);
        QCOMPARE(sc.bars.size(), size_t(2));
        const FootprintBarResult &b = sc.bars[0];
        QCOMPARE(b.buyImbalances, (std::vector<double>{100.3, 100.4, 100.5, 100.6}));
        QCOMPARE(b.sellImbalances, std::vector<double>{100.1});
        QCOMPARE(b.stacked.size(), size_t(1));
        QCOMPARE(b.stacked[0].low, 100.3);
        QCOMPARE(b.stacked[0].high, 100.6);
        QVERIFY(b.stacked[0].active);
        QCOMPARE(b.poc, 100.5);
        QCOMPARE(b.volume, 141.0);
        QCOMPARE(b.delta, 53.0);
    }

    void paintsImbalancesDeltaAndPoc()
    {
        const SnapshotPtr s = activeZone();
        const FootprintScene sc = buildFootprintScene(*s, Timeframe::M5, 1, 0, 10);
        const FootprintViewport vp = fixtureViewport();
        const QImage img = renderFootprint(sc, vp, FootprintMode::BidAsk, kSize);
        saveArtifact(img, "footprint_example_b.png");
        const FootprintLayout L = footprintLayout(QRectF(QPointF(0, 0), QSizeF(kSize)), sc, vp);

        // BUY imbalances: the ask half of 100.3 … 100.6 in the strong buy colour.
        for (double price : {100.3, 100.4, 100.5, 100.6}) {
            const QRectF c = L.cellRect(0, price);
            QCOMPARE(at(img, {c.right() - 5, c.center().y()}), theme::kBuyImbalance);
        }
        // SELL imbalance at 100.1: the bid half in the strong sell colour; its ask half is not.
        const QRectF c101 = L.cellRect(0, 100.1);
        QCOMPARE(at(img, {c101.left() + 3, c101.center().y()}), theme::kSellImbalance);
        QVERIFY(at(img, {c101.right() - 5, c101.center().y()}) != theme::kBuyImbalance);
        // 100.2 has no imbalance; delta 5 − 8 < 0 tints it red.
        const QRectF c102 = L.cellRect(0, 100.2);
        const QColor bid102 = at(img, {c102.left() + 3, c102.center().y()});
        const QColor ask102 = at(img, {c102.right() - 5, c102.center().y()});
        QCOMPARE(bid102, ask102);
        QVERIFY(bid102 != theme::kSellImbalance && bid102 != theme::kCellNeutral);
        QVERIFY(bid102.red() > bid102.green() + 10);
        // 100.5 (delta +27): the bid half, not an imbalance, tinted green.
        const QRectF c105 = L.cellRect(0, 100.5);
        const QColor bid105 = at(img, {c105.left() + 3, c105.center().y() + 4});
        QVERIFY(bid105.green() > bid105.red() + 10);
        // Bar POC 100.5 outlined.
        QCOMPARE(at(img, {c105.left(), c105.center().y() + 4}), theme::kPoc); // off the last-price line
        QVERIFY(at(img, {c102.left(), c102.center().y()}) != theme::kPoc);
    }

    void activeStackedZoneExtendsRight()
    {
        const SnapshotPtr s = activeZone();
        const FootprintScene sc = buildFootprintScene(*s, Timeframe::M5, 1, 0, 10);
        const FootprintViewport vp = fixtureViewport();
        const QImage img = renderFootprint(sc, vp, FootprintMode::BidAsk, kSize);
        const FootprintLayout L = footprintLayout(QRectF(QPointF(0, 0), QSizeF(kSize)), sc, vp);
        const double gapX = L.cellArea(0).right() + 2;              // between bar 0 and bar 1
        const double farX = L.plot.right() - 4;                     // right of the newest bar
        for (double x : {gapX, farX}) {
            for (double price : {100.3, 100.45, 100.6}) {
                const QColor band = at(img, {x, L.yOf(price)});
                QVERIFY2(band != theme::kBackground, qPrintable(QString("no band at x=%1 price=%2").arg(x).arg(price)));
                QVERIFY(band.green() > band.red() + 20);
            }
            QCOMPARE(at(img, {x, L.yOf(100.7)}), theme::kBackground); // above the zone
            QCOMPARE(at(img, {x, L.yOf(100.2)}), theme::kBackground); // below it
        }
    }

    void spentZoneDoesNotExtend()
    {
        MarketEngine e(btcInfo(), {});
        int64_t id = 1;
        addWorkedExampleB(e, kBar, id);
        // A later trade at 100.2 trades through the BUY zone's low (100.3).
        addTrades(e, kBar + 5 * kMsPerMinute + 1000, {{100.2, 1, false}, {100.4, 1, true}}, id);
        const FootprintScene sc = buildFootprintScene(*e.publish(), Timeframe::M5, 1, 0, 10);
        QVERIFY(!sc.bars[0].stacked.at(0).active);
        const FootprintViewport vp = fixtureViewport();
        const QImage img = renderFootprint(sc, vp, FootprintMode::BidAsk, kSize);
        const FootprintLayout L = footprintLayout(QRectF(QPointF(0, 0), QSizeF(kSize)), sc, vp);
        QCOMPARE(at(img, {L.cellArea(0).right() + 2, L.yOf(100.45)}), theme::kBackground);
        QCOMPARE(at(img, {L.plot.right() - 4, L.yOf(100.45)}), theme::kBackground);
    }

    // A trade of notional ≥ LARGE_TRADE_NOTIONAL is in its bar's scene and drawn (a circle).
    void bigTradesAreDrawn()
    {
        EngineConfig cfg;
        cfg.largeTradeNotional = 400; // USDT: 5 × 100.4 = 502 is big, 1 × 100.3 is not
        MarketEngine e(btcInfo(), cfg);
        int64_t id = 1;
        addTrades(e, kBar + 1000, {{100.3, 1, false}, {100.4, 5, true}}, id);
        const FootprintScene sc = buildFootprintScene(*e.publish(), Timeframe::M5, 1, 0, 10);
        QCOMPARE(sc.bars.size(), size_t(1));
        QCOMPARE(sc.bars[0].bigTrades.size(), size_t(1));
        QCOMPARE(sc.bars[0].bigTrades[0].price, 100.4);
        QCOMPARE(sc.bars[0].bigTrades[0].qty, 5.0);
        const FootprintViewport vp = fixtureViewport();
        FootprintScene without = sc;
        without.bars[0].bigTrades.clear();
        QVERIFY(renderFootprint(sc, vp, FootprintMode::BidAsk, kSize) != renderFootprint(without, vp, FootprintMode::BidAsk, kSize));
    }

    void deltaModeMarksImbalancesAtTheEdges()
    {
        const SnapshotPtr s = activeZone();
        const FootprintScene sc = buildFootprintScene(*s, Timeframe::M5, 1, 0, 10);
        const FootprintViewport vp = fixtureViewport();
        const QImage img = renderFootprint(sc, vp, FootprintMode::Delta, kSize);
        const FootprintLayout L = footprintLayout(QRectF(QPointF(0, 0), QSizeF(kSize)), sc, vp);
        const QRectF c104 = L.cellRect(0, 100.4);
        QCOMPARE(at(img, {c104.right() - 2, c104.center().y()}), theme::kBuyImbalance);
        QVERIFY(at(img, {c104.left() + 6, c104.center().y() + 5}) != theme::kBuyImbalance);
        const QRectF c101 = L.cellRect(0, 100.1);
        QCOMPARE(at(img, {c101.left() + 1, c101.center().y()}), theme::kSellImbalance);
    }

    void groupingMergesRows()
    {
        // 2-tick rows: 100.0 (100.0-100.1), 100.2, 100.4, 100.6.
        const FootprintScene sc = buildFootprintScene(*activeZone(), Timeframe::M5, 2, 0, 10);
        QCOMPARE(sc.rowStep, 0.2);
        const auto &rows = sc.bars[0].rows;
        QCOMPARE(rows.size(), size_t(4));
        QCOMPARE(rows[3].price, 100.0);
        QCOMPARE(rows[3].sell, 20.0);
        QCOMPARE(rows[3].buy, 2.0);
        QCOMPARE(rows[2].sell, 15.0); // 100.2 + 100.3
        QCOMPARE(rows[2].buy, 29.0);
    }

    void widgetZoomPanAndFollow()
    {
        FootprintView view;
        view.resize(kSize);
        view.setTimeframe(Timeframe::M5);
        view.setSnapshot(activeZone());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.following());
        QTest::keyClick(&view, Qt::Key_Left);
        QVERIFY(!view.following());
        QCOMPARE(view.viewport().rightIndex, 0.0);
        QTest::keyClick(&view, Qt::Key_Home);
        QVERIFY(view.following());
        const double w = view.viewport().barWidth;
        QTest::keyClick(&view, Qt::Key_Plus);
        QVERIFY(view.viewport().barWidth > w);
        const double h = view.viewport().rowHeight;
        QTest::keyClick(&view, Qt::Key_Minus, Qt::ControlModifier);
        QVERIFY(view.viewport().rowHeight < h);
        const double c = view.viewport().centerPrice;
        QTest::keyClick(&view, Qt::Key_Up);
        QVERIFY(view.viewport().centerPrice > c);
        view.setMode(FootprintMode::Volume);
        QVERIFY(!view.grab().isNull());
    }
};

QTEST_MAIN(TestGuiFootprint)
#include "test_gui_footprint.moc"
