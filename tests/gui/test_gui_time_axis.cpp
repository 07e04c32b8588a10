// One time axis for the footprint and the liquidity heatmap pane, both ways, in the main window
// (widgets by objectName): dragging the heatmap sideways or wheeling it moves the footprint's
// visible span by the dragged fraction / the zoom factor worked out here; panning the footprint
// moves the heatmap's span with it. Four hours of 5m bars, one trade a minute, so the footprint's
// columns are a linear time scale and spans compare within a few pixels' worth of time.
#include "GuiFixtures.h"
#include "model/Time.h"
#include "views/FootprintView.h"
#include "views/HeatmapView.h"
#include "views/MainWindow.h"

#include <QDockWidget>
#include <QStandardPaths>
#include <QtTest>

using namespace co;
using namespace co::test;

namespace {
const int64_t kStart = daysFromCivil({2024, 7, 19}) * kMsPerDay + 8 * kMsPerHour;

void sendMouse(QWidget *w, QEvent::Type type, QPointF at, Qt::MouseButtons buttons)
{
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent e(type, at, w->mapToGlobal(at), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

void sendWheel(QWidget *w, QPointF at, int delta)
{
    QWheelEvent e(at, w->mapToGlobal(at), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase,
                  false);
    QApplication::sendEvent(w, &e);
}
} // namespace

class TestGuiTimeAxis : public QObject {
    Q_OBJECT
    EngineRegistry registry_;
    std::unique_ptr<MainWindow> window_;
    FootprintView *footprint_ = nullptr;
    HeatmapView *heatmap_ = nullptr;

    // Both panes show the same span (a pixel's worth of time apart at most).
    bool sameSpan()
    {
        const auto [a, b] = footprint_->visibleTime();
        const HeatmapViewport vp = heatmap_->viewport();
        return b > a && vp.startMs == a && vp.endMs == b;
    }
    static bool near(double got, double want, double tol) { return std::abs(got - want) <= tol; }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        MarketEngine &e = registry_.engine(btcInfo());
        int64_t id = 1;
        for (int m = 0; m < 240; ++m)
            addTrades(e, kStart + m * kMsPerMinute + 1000, {{100.0 + (m % 7) * 0.1, 1, m % 2 == 0}}, id);
        registry_.publishAll();
        window_ = std::make_unique<MainWindow>(registry_, QStringList{"BTCUSDT"});
        window_->resize(1400, 900);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        footprint_ = window_->findChild<FootprintView *>("footprintView");
        heatmap_ = window_->findChild<HeatmapView *>("heatmapView");
        QVERIFY(footprint_ && heatmap_);
        window_->findChild<QDockWidget *>("heatmapDock")->raise();
        QTRY_VERIFY_WITH_TIMEOUT(sameSpan(), 5000); // the heatmap follows the footprint from the start
    }

    void cleanupTestCase() { window_.reset(); }

    // Dragging the heatmap a quarter of its width to the right shows a quarter of the span earlier.
    void heatmapDragMovesTheFootprint()
    {
        const auto [a, b] = footprint_->visibleTime();
        const double span = double(b - a), tol = span / 100;
        const double w = heatmap_->width();
        const QPointF from(w / 2, heatmap_->height() / 2.0);
        sendMouse(heatmap_, QEvent::MouseButtonPress, from, Qt::LeftButton);
        sendMouse(heatmap_, QEvent::MouseMove, from + QPointF(w / 4, 0), Qt::LeftButton);
        sendMouse(heatmap_, QEvent::MouseButtonRelease, from + QPointF(w / 4, 0), Qt::NoButton);
        const auto [a2, b2] = footprint_->visibleTime();
        QVERIFY2(near(double(a2), double(a) - span / 4, tol), qPrintable(QStringLiteral("%1 vs %2").arg(a2).arg(a)));
        QVERIFY(near(double(b2), double(b) - span / 4, tol));
        QVERIFY(!footprint_->following());
        QTRY_VERIFY(sameSpan());
    }

    // One wheel step up over the heatmap's middle: 0.85 of the span around the same middle.
    void heatmapWheelZoomsTheFootprint()
    {
        const auto [a, b] = footprint_->visibleTime();
        const double span = double(b - a), mid = (double(a) + double(b)) / 2;
        sendWheel(heatmap_, QPointF(heatmap_->width() / 2.0, heatmap_->height() / 2.0), 120);
        const auto [a2, b2] = footprint_->visibleTime();
        QVERIFY2(near(double(b2 - a2), 0.85 * span, span / 100), qPrintable(QString::number(double(b2 - a2) / span)));
        QVERIFY(near((double(a2) + double(b2)) / 2, mid, span / 100));
        QTRY_VERIFY(sameSpan());
    }

    // The other way: the footprint panned one bar left (arrow key) shows 5 min earlier, and so does the heatmap.
    void footprintPanMovesTheHeatmap()
    {
        const HeatmapViewport before = heatmap_->viewport();
        footprint_->setFocus();
        QTest::keyClick(footprint_, Qt::Key_Left);
        QTRY_COMPARE(heatmap_->viewport().startMs, footprint_->visibleTime().first);
        const HeatmapViewport after = heatmap_->viewport();
        QVERIFY(near(double(after.startMs), double(before.startMs) - 5 * kMsPerMinute, 1000));
        QVERIFY(near(double(after.endMs), double(before.endMs) - 5 * kMsPerMinute, 1000));
        QTRY_VERIFY(sameSpan());
    }
};

QTEST_MAIN(TestGuiTimeAxis)
#include "test_gui_time_axis.moc"
