#pragma once
// The liquidity heatmap pane (objectName "heatmapView"): resting size as colour behind the price
// axis over time, the best bid/ask lines and trade bubbles, painted by paintHeatmap from the
// current snapshot. It shares the footprint's time axis both ways: setTimeRange follows
// FootprintView::visibleTimeChanged, and the user's time pans/zooms here are asked of the footprint
// with timeRangeRequested (which answers with visibleTimeChanged; nothing is re-emitted, so no
// loop). Mouse: the wheel zooms time around the cursor (Ctrl: prices, Shift: scrolls prices), a
// drag pans time sideways and prices up/down, a double click fits prices to the book again.
#include "engine/Snapshot.h"
#include "render/HeatmapPainter.h"

#include <QWidget>

namespace co {

class HeatmapView : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapView(QWidget *parent = nullptr);

    void setSnapshot(const SnapshotPtr &s);
    const HeatmapScene &scene() const { return scene_; }
    // What paintEvent draws: the footprint's time span (else the whole scene) and the price span.
    HeatmapViewport viewport() const;

public Q_SLOTS:
    // The time span to show (the footprint's); endMs ≤ startMs: the whole scene.
    void setTimeRange(qint64 startMs, qint64 endMs);

Q_SIGNALS:
    // The user panned or zoomed time here: the span the shared time axis should show.
    void timeRangeRequested(qint64 startMs, qint64 endMs);

protected:
    void paintEvent(QPaintEvent *) override;
    void wheelEvent(QWheelEvent *e) override;
    void mousePressEvent(QMouseEvent *e) override;
    void mouseMoveEvent(QMouseEvent *e) override;
    void mouseDoubleClickEvent(QMouseEvent *e) override;

private:
    HeatmapScene scene_;
    const void *built_ = nullptr; // the heatmap history the scene was built from
    int64_t builtLast_ = -1;
    int64_t timeStart_ = 0, timeEnd_ = 0;
    double priceCenter_ = 0, priceSpan_ = 0; // 0: fit to the scene
    void requestTime(int64_t startMs, int64_t endMs);

    double dragX_ = 0, dragY_ = 0, dragCenter_ = 0;
    int64_t dragStartMs_ = 0, dragEndMs_ = 0;
};

} // namespace co
