#pragma once
// The liquidity heatmap pane (objectName "heatmapView"): resting size as colour behind the price
// axis over time, the best bid/ask lines and trade bubbles, painted by paintHeatmap from the
// current snapshot. Its time axis follows the footprint's (setTimeRange from
// FootprintView::visibleTimeChanged); the wheel zooms prices, a drag pans them, a double click
// fits them to the book again.
#include "engine/Snapshot.h"
#include "views/HeatmapPainter.h"

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
    double dragY_ = 0, dragCenter_ = 0;
};

} // namespace co
