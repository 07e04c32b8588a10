#pragma once
// Candles with VWAP bands and key levels (paintPriceChart). Wheel zooms, drag or arrow keys pan,
// Home or a double click follows the newest candle again. Hovering a level label shows its values.
// Ctrl+click anchors a VWAP at the candle under the cursor (analysis.md A10); Esc or Ctrl+click
// with nothing under the cursor clears it.
#include "views/PriceChart.h"

#include <QWidget>

#include <optional>

namespace co {

class PriceChartView : public QWidget {
    Q_OBJECT
public:
    explicit PriceChartView(QWidget *parent = nullptr);
    void setSnapshot(const SnapshotPtr &s);
    void setTimeframe(Timeframe tf);
    const PriceScene &scene();
    // The anchored VWAP's anchor (a candle's open time); nullopt clears it.
    void setAnchor(std::optional<int64_t> anchorMs);
    std::optional<int64_t> anchor() const { return anchor_; }

protected:
    bool event(QEvent *e) override;
    void paintEvent(QPaintEvent *) override;
    void showEvent(QShowEvent *) override;
    void wheelEvent(QWheelEvent *e) override;
    void mousePressEvent(QMouseEvent *e) override;
    void mouseMoveEvent(QMouseEvent *e) override;
    void mouseReleaseEvent(QMouseEvent *e) override;
    void mouseDoubleClickEvent(QMouseEvent *) override;
    void keyPressEvent(QKeyEvent *e) override;

private:
    void pan(double candles);

    SnapshotPtr snap_;
    Timeframe tf_ = Timeframe::M5;
    PriceScene scene_;
    bool dirty_ = true;
    PriceViewport vp_;
    double dragX_ = 0, dragRight_ = 0;
    bool dragging_ = false;
    std::optional<int64_t> anchor_;
};

} // namespace co
