// The TPO chart tab (analysis.md A5) worked by hand: period A (00:00-00:30) trades 100.0, 100.1,
// 100.2; B (00:30-01:00) 100.2, 100.3; C (01:00) 100.5. Rows: 100.5 C, 100.4 -, 100.3 B, 100.2 AB,
// 100.1 A, 100.0 A → TPO POC 100.2 (two letters). Value area of 70 % of 6 letters (4.2): POC 2,
// below 100.1+100.0 (2) beats above 100.3+100.4 (1) → 4, then above (1) → 5: VA 100.0..100.4.
// Initial balance (A and B): 100.0..100.3.
#include "GuiFixtures.h"
#include "model/Time.h"
#include "render/Theme.h"
#include "views/TpoView.h"

#include <QComboBox>
#include <QtTest>

using namespace co;
using namespace co::test;

namespace {
const int64_t kDay = daysFromCivil({2024, 7, 19}) * kMsPerDay;

SnapshotPtr workedDay()
{
    MarketEngine e(btcInfo(), {});
    int64_t id = 1;
    addTrades(e, kDay + 1000, {{100.0, 1, true}, {100.1, 1, false}, {100.2, 1, true}}, id);
    addTrades(e, kDay + 31 * kMsPerMinute, {{100.2, 2, false}, {100.3, 1, true}}, id);
    addTrades(e, kDay + 61 * kMsPerMinute, {{100.5, 1, true}}, id);
    return e.publish();
}
} // namespace

class TestGuiTpo : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sceneByHand()
    {
        const SnapshotPtr s = workedDay();
        const TpoScene sc = buildTpoScene(*s, s->today->startMs, s->today->endMs, 30, 1, 0, "Today");
        QCOMPARE(sc.periods, 3);
        QCOMPARE(sc.rows.size(), size_t(6));
        const std::vector<std::pair<double, QString>> want{{100.5, "C"}, {100.4, ""}, {100.3, "B"},
                                                           {100.2, "AB"}, {100.1, "A"}, {100.0, "A"}};
        for (size_t i = 0; i < want.size(); ++i) {
            QVERIFY(std::abs(sc.rows[i].price - want[i].first) < 1e-9);
            QCOMPARE(sc.rows[i].letters, want[i].second);
        }
        QVERIFY(std::abs(*sc.poc - 100.2) < 1e-9);
        QVERIFY(std::abs(*sc.vah - 100.4) < 1e-9);
        QVERIFY(std::abs(*sc.val - 100.0) < 1e-9);
        QVERIFY(std::abs(*sc.ibHigh - 100.3) < 1e-9);
        QVERIFY(std::abs(*sc.ibLow - 100.0) < 1e-9);
        // At most 4 rows: the next round size (2 ticks) gives 100.4, 100.2, 100.0 rows.
        const TpoScene coarse = buildTpoScene(*s, s->today->startMs, s->today->endMs, 30, 1, 4, "Today");
        QCOMPARE(coarse.rows.size(), size_t(3));
        QVERIFY(std::abs(coarse.rowStep - 0.2) < 1e-9);
        QCOMPARE(coarse.rows[1].letters, QString("AB")); // 100.2 + 100.3
    }

    // Painted: the IB bar beside the rows 100.0..100.3 only, the value area shaded, the POC row
    // marked, one letter cell per period column.
    void painted()
    {
        const SnapshotPtr s = workedDay();
        const TpoScene sc = buildTpoScene(*s, s->today->startMs, s->today->endMs, 30, 1, 0, "Today");
        const QSize size(400, 300);
        const QImage img = renderTpo(sc, size);
        saveArtifact(img, "tpo.png");
        const TpoLayout l = tpoLayout(QRectF(0, 0, 400, 300), sc);
        auto at = [&](double x, size_t row) { return img.pixelColor(int(x), int(l.rowTop(row) + l.rowHeight / 2)); };
        QCOMPARE(at(l.ibX + 5, 3), theme::kSessionLevel); // 100.2 inside the IB
        QCOMPARE(at(l.ibX + 5, 0), theme::kBackground);   // 100.5 above it
        // Right of the letters: the value-area shade on 100.4 (no letters), none on 100.5.
        const double x = l.plot.right() - 2;
        QVERIFY(at(x, 1) != theme::kBackground);
        QCOMPARE(at(x, 0), theme::kBackground);
        QVERIFY(at(x, 3) != at(x, 1)); // the POC row is marked on top of the shade
    }

    void widgetByObjectName()
    {
        TpoView v;
        v.resize(420, 500);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        v.setSnapshot(workedDay());
        auto *picker = v.findChild<QComboBox *>("tpoPicker");
        auto *canvas = v.findChild<TpoCanvas *>("tpoCanvas");
        QVERIFY(picker && canvas);
        QCOMPARE(picker->count(), 4); // today + tokyo, london, newyork
        QCOMPARE(canvas->scene().rows.size(), size_t(6));
        QCOMPARE(canvas->scene().rows[3].letters, QString("AB"));
        picker->setCurrentIndex(2); // london 07:00-16:00: no trades
        QVERIFY(canvas->scene().rows.empty());
        picker->setCurrentIndex(1); // tokyo 00:00-09:00: all of them
        QCOMPARE(canvas->scene().periods, 3);
        QVERIFY(!canvas->grab().isNull());
    }
};

QTEST_MAIN(TestGuiTpo)
#include "test_gui_tpo.moc"
