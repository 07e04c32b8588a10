#pragma once
// The footprint widget: bars of bid × ask (or delta, or volume) per price row, painted by
// paintFootprint from the current snapshot. Mouse: wheel zooms bars (Ctrl: rows, Shift: scrolls
// prices), drag pans; showTimeRange takes the heatmap pane's time pans and zooms. Keys: arrows pan
// (Shift: ×10), +/− zoom (Ctrl: rows), Home follows the newest bar again.
#include "render/FootprintPainter.h"

#include <QWidget>

namespace co {

class FootprintView : public QWidget {
    Q_OBJECT
public:
    explicit FootprintView(QWidget *parent = nullptr);

    void setSnapshot(const SnapshotPtr &s);
    void setTimeframe(Timeframe tf);
    void setGrouping(int64_t ticks);
    void setMode(FootprintMode mode);
    const FootprintViewport &viewport() const { return vp_; }
    bool following() const { return vp_.rightIndex < 0; }
    // The scene painted last (rebuilt on demand).
    const FootprintScene &scene();
    // The exchange-time span the plot shows (as visibleTimeChanged sends it); {0, 0} without bars.
    std::pair<qint64, qint64> visibleTime();

public Q_SLOTS:
    void followLatest();
    // Shows [startMs, endMs) across the plot (the heatmap pane's time pans and zooms): bar width
    // and right edge from the bars' open times, within the usual zoom limits; the newest bar at the
    // right edge follows again. visibleTimeChanged reports what is shown.
    void showTimeRange(qint64 startMs, qint64 endMs);

Q_SIGNALS:
    // The exchange-time span the plot shows, after each repaint that changed it (the heatmap pane
    // follows it).
    void visibleTimeChanged(qint64 startMs, qint64 endMs);

protected:
    void paintEvent(QPaintEvent *) override;
    void wheelEvent(QWheelEvent *e) override;
    void mousePressEvent(QMouseEvent *e) override;
    void mouseMoveEvent(QMouseEvent *e) override;
    void mouseReleaseEvent(QMouseEvent *e) override;
    void mouseDoubleClickEvent(QMouseEvent *e) override;
    void keyPressEvent(QKeyEvent *e) override;
    bool event(QEvent *e) override;

private:
    void invalidate();
    void panBars(double bars);
    void panRows(double rows);
    void zoomBars(double factor);
    void zoomRows(double factor);
    FootprintLayout layout();
    void publishTime();
    double indexOfTime(qint64 ms) const; // timeline position, the inverse of visibleTime's mapping

    SnapshotPtr snap_;
    Timeframe tf_ = Timeframe::M5;
    int64_t grouping_ = 1;
    FootprintMode mode_ = FootprintMode::BidAsk;
    FootprintViewport vp_;
    FootprintScene scene_;
    bool dirty_ = true;
    std::pair<size_t, size_t> built_{0, 0};
    QPointF dragFrom_;
    FootprintViewport dragStart_;
    bool dragging_ = false;
    std::pair<qint64, qint64> shownTime_{0, 0};
};

} // namespace co
