#pragma once
// The liquidity heatmap pane: resting size per price bin over time as colour, the best bid/ask
// lines and trades as bubbles sized by volume. Painting is a pure function of a scene (as
// renderFootprint is), so it can be benchmarked and tested offscreen.
#include <QRectF>

#include <cstdint>
#include <vector>

class QPainter;

namespace co {

struct HeatmapScene {
    int64_t startMs = 0, stepMs = 1000; // column c covers [startMs + c·stepMs, + stepMs)
    double priceLo = 0, binSize = 1;    // row r covers [priceLo + r·binSize, + binSize)
    int cols = 0, rows = 0;
    std::vector<float> qty;             // cols × rows, column after column
    float maxQty = 0;
    std::vector<float> bestBid, bestAsk; // per column; ≤ 0: no synced book
    struct Bubble {
        int64_t timeMs = 0;
        double price = 0, qty = 0;
        bool buy = false;
    };
    std::vector<Bubble> trades;
    double maxTradeQty = 0;
};

struct HeatmapViewport {
    int64_t startMs = 0, endMs = 0; // visible time
    double priceLo = 0, priceHi = 0;
};

// Paints the visible part into area; cells are coloured on a log scale of qty / maxQty.
void paintHeatmap(QPainter &p, const QRectF &area, const HeatmapScene &scene, const HeatmapViewport &vp);

} // namespace co
