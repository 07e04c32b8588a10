#pragma once
// Candles with VWAP bands and key levels (paintPriceChart). Wheel zooms, drag or arrow keys pan,
// Home or a double click follows the newest candle again. Hovering a level label shows its values.
#include "views/PriceChart.h"

#include <QWidget>

namespace co {

class PriceChartView : public QWidget {
    Q_OBJECT
public:
    explicit PriceChartView(QWidget *parent = nullptr);
    void setSnapshot(const SnapshotPtr &s);
    void setTimeframe(Timeframe tf);
    const PriceScene &scene();

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
};

} // namespace co
