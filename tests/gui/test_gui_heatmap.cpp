// The liquidity heatmap painter: a pure function of its scene (same scene, same pixels), cells
// where their time and price are, and a full-HD repaint timed (target ≤ 16 ms; bench_heatmap).
#include "views/HeatmapPainter.h"
#include "views/Theme.h"

#include <QImage>
#include <QPainter>
#include <QtTest>

#include <chrono>

using namespace co;

namespace {
// cols × rows of 1 s × 1.0 from price 1000, a wall of 50 at row 10 of every column, bid/ask around row 20.
HeatmapScene synthetic(int cols, int rows)
{
    HeatmapScene s;
    s.cols = cols;
    s.rows = rows;
    s.priceLo = 1000;
    s.qty.assign(size_t(cols) * size_t(rows), 0);
    for (int c = 0; c < cols; ++c) {
        for (int r = 0; r < rows; ++r)
            s.qty[size_t(c) * size_t(rows) + size_t(r)] = float((c * 7 + r * 13) % 11);
        s.qty[size_t(c) * size_t(rows) + 10] = 50;
        s.bestBid.push_back(1000 + rows / 2 - 0.5f);
        s.bestAsk.push_back(1000 + rows / 2 + 0.5f);
        if (c % 5 == 0)
            s.trades.push_back({int64_t(c) * 1000, 1000.0 + rows / 2, double(c % 37 + 1), c % 2 == 0});
    }
    s.maxQty = 50;
    s.maxTradeQty = 37;
    return s;
}

QImage render(const HeatmapScene &s, const HeatmapViewport &vp, QSize size)
{
    QImage img(size, QImage::Format_ARGB32_Premultiplied);
    QPainter p(&img);
    paintHeatmap(p, QRectF(QPointF(0, 0), size), s, vp);
    return img;
}
} // namespace

class TestGuiHeatmap : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pureAndPlaced()
    {
        const HeatmapScene s = synthetic(100, 40);
        const HeatmapViewport vp{0, 100'000, 1000, 1040};
        const QImage a = render(s, vp, QSize(400, 400)), b = render(s, vp, QSize(400, 400));
        QCOMPARE(a, b);
        // Row 10 ([1010, 1011)) at x = 2 … 4 px, y = 400 − 10.5 · 10 = 295: the wall, the brightest colour.
        QCOMPARE(a.pixelColor(2, 295), QColor(Qt::white));
        // An empty scene paints the background only.
        const QImage e = render(HeatmapScene{}, vp, QSize(50, 50));
        QCOMPARE(e.pixelColor(25, 25), theme::kBackground);
    }

    void fullHdWithinAFrame()
    {
        // An hour at 1 s × 400 bins in a 1920 × 1080 pane, with trades and the best bid/ask.
        const HeatmapScene s = synthetic(3600, 400);
        const HeatmapViewport vp{0, 3'600'000, 1000, 1400};
        QImage img(1920, 1080, QImage::Format_ARGB32_Premultiplied);
        std::vector<double> ms;
        for (int i = 0; i < 11; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            QPainter p(&img);
            paintHeatmap(p, QRectF(0, 0, 1920, 1080), s, vp);
            p.end();
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        std::sort(ms.begin(), ms.end());
        qInfo("heatmap full-HD repaint (3600 x 400 cells, %zu trades): median %.2f ms, min %.2f ms", s.trades.size(),
              ms[ms.size() / 2], ms.front());
        QVERIFY2(ms.front() < 100, "far beyond a frame even on a loaded machine"); // the 16 ms target: bench_heatmap
    }
};

QTEST_MAIN(TestGuiHeatmap)
#include "test_gui_heatmap.moc"
