#pragma once
// Painting of the footprint: a pure function of a scene and a viewport, so it renders the same
// on screen and into a QImage in tests and benchmarks.
#include "render/FootprintScene.h"

#include <QImage>
#include <QRectF>

#include <utility>

class QPainter;

namespace co {

enum class FootprintMode { BidAsk, Delta, Volume };

struct FootprintViewport {
    double barWidth = 112;  // px per bar column
    double rowHeight = 18;  // px per price row
    double rightIndex = -1; // timeline index of the bar at the right edge; < 0: the newest bar
    double centerPrice = 0; // price at the vertical middle; 0: the last price
};

// Where things go for one area, viewport and scene.
struct FootprintLayout {
    QRectF plot, priceAxis, totals, timeAxis;
    double rightIndex = 0, centerPrice = 0, barWidth = 0, rowHeight = 0, rowStep = 0;

    QRectF barColumn(double index) const;
    QRectF cellArea(double index) const; // the column without the gap and the candle strip
    QRectF candleStrip(double index) const;
    double yOf(double price) const;      // middle of the price's row
    double rowTop(double price) const;
    double rowBottom(double price) const;
    QRectF cellRect(double index, double price) const; // the whole cell (bid and ask halves)
    double priceAt(double y) const;                    // the row under y
    double indexAt(double x) const;                    // the bar column under x
};

FootprintLayout footprintLayout(const QRectF &area, const FootprintScene &scene, const FootprintViewport &vp);
// Timeline bars [first, end) that the viewport shows in an area of this width.
std::pair<size_t, size_t> footprintVisibleBars(double areaWidth, size_t timelineSize, const FootprintViewport &vp);

void paintFootprint(QPainter &p, const QRectF &area, const FootprintScene &scene, const FootprintViewport &vp,
                    FootprintMode mode);
QImage renderFootprint(const FootprintScene &scene, const FootprintViewport &vp, FootprintMode mode, QSize size);

} // namespace co
