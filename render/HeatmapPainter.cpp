#include "render/HeatmapPainter.h"

#include "render/Theme.h"

#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>

namespace co {

namespace {
// Dark blue → cyan → yellow → white: the usual liquidity palette, 256 steps.
const std::array<QRgb, 256> &palette()
{
    static const std::array<QRgb, 256> lut = [] {
        std::array<QRgb, 256> a{};
        const std::array<std::array<double, 4>, 5> stops{{{0.0, 0x14, 0x16, 0x1b},
                                                           {0.25, 0x10, 0x3a, 0x8c},
                                                           {0.5, 0x1f, 0xb5, 0xc9},
                                                           {0.8, 0xf5, 0xd0, 0x42},
                                                           {1.0, 0xff, 0xff, 0xff}}};
        for (int i = 0; i < 256; ++i) {
            const double t = i / 255.0;
            size_t k = 0;
            while (k + 2 < stops.size() && t > stops[k + 1][0])
                ++k;
            const double f = (t - stops[k][0]) / (stops[k + 1][0] - stops[k][0]);
            auto mix = [&](int c) { return int(std::lround(stops[k][c] + (stops[k + 1][c] - stops[k][c]) * f)); };
            a[size_t(i)] = qRgb(mix(1), mix(2), mix(3));
        }
        return a;
    }();
    return lut;
}

// qty / maxQty → palette index on a log scale, as a linear table: no log per cell.
constexpr int kLogSteps = 4096;
const std::array<uint8_t, kLogSteps + 1> &logTable()
{
    static const std::array<uint8_t, kLogSteps + 1> t = [] {
        std::array<uint8_t, kLogSteps + 1> a{};
        for (int i = 0; i <= kLogSteps; ++i)
            a[size_t(i)] = uint8_t(std::clamp(int(std::log1p(double(i) / kLogSteps * 1023) / std::log1p(1023.0) * 255), 0, 255));
        return a;
    }();
    return t;
}
} // namespace

void paintHeatmap(QPainter &p, const QRectF &area, const HeatmapScene &sc, const HeatmapViewport &vp)
{
    p.save();
    p.fillRect(area, theme::kBackground);
    if (sc.cols <= 0 || sc.rows <= 0 || vp.endMs <= vp.startMs || vp.priceHi <= vp.priceLo || area.isEmpty()) {
        p.restore();
        return;
    }
    auto xOf = [&](double ms) { return area.left() + (ms - double(vp.startMs)) / double(vp.endMs - vp.startMs) * area.width(); };
    auto yOf = [&](double price) { return area.bottom() - (price - vp.priceLo) / (vp.priceHi - vp.priceLo) * area.height(); };

    // Visible cells only.
    const int c0 = std::clamp(int((vp.startMs - sc.startMs) / sc.stepMs), 0, sc.cols - 1);
    const int c1 = std::clamp(int((vp.endMs - sc.startMs + sc.stepMs - 1) / sc.stepMs), c0 + 1, sc.cols);
    const int r0 = std::clamp(int(std::floor((vp.priceLo - sc.priceLo) / sc.binSize)), 0, sc.rows - 1);
    const int r1 = std::clamp(int(std::ceil((vp.priceHi - sc.priceLo) / sc.binSize)), r0 + 1, sc.rows);
    const int height = r1 - r0;
    const QRectF target(QPointF(xOf(double(sc.startMs + int64_t(c0) * sc.stepMs)), yOf(sc.priceLo + r1 * sc.binSize)),
                        QPointF(xOf(double(sc.startMs + int64_t(c1) * sc.stepMs)), yOf(sc.priceLo + r0 * sc.binSize)));
    // The image is painted at the pane's own pixels (no scaled blit): each pixel column takes the
    // largest quantity of the cell columns it covers, each pixel row the largest of its bins, so a
    // wall narrower than a pixel still shows; pixel rows within one bin copy the previous line.
    const QRect px = target.intersected(area).toAlignedRect().intersected(area.toAlignedRect());
    const double msPerPx = double(vp.endMs - vp.startMs) / area.width();
    const double pricePerPx = (vp.priceHi - vp.priceLo) / area.height();
    if (!px.isEmpty()) {
        const int W = px.width(), H = px.height();
        QImage img(W, H, QImage::Format_RGB32);
        const auto &lut = palette();
        const std::array<uint8_t, kLogSteps + 1> &logIndex = logTable();
        const float toStep = sc.maxQty > 0 ? float(kLogSteps) / sc.maxQty : 0;
        // Pass 1, column after column (memory order of the scene): colour indexes per (x, bin).
        std::vector<uint8_t> idx(size_t(W) * size_t(height));
        std::vector<float> col(static_cast<size_t>(height));
        for (int x = 0; x < W; ++x) {
            const double m0 = double(vp.startMs) + (px.left() + x - area.left()) * msPerPx;
            const int ca = std::clamp(int(std::floor((m0 - double(sc.startMs)) / double(sc.stepMs))), c0, c1 - 1);
            const int cb = std::clamp(int(std::ceil((m0 + msPerPx - double(sc.startMs)) / double(sc.stepMs))), ca + 1, c1);
            std::copy_n(sc.qty.data() + size_t(ca) * size_t(sc.rows) + size_t(r0), height, col.begin());
            for (int c = ca + 1; c < cb; ++c) {
                const float *q = sc.qty.data() + size_t(c) * size_t(sc.rows) + size_t(r0);
                for (int r = 0; r < height; ++r)
                    col[size_t(r)] = std::max(col[size_t(r)], q[r]);
            }
            uint8_t *out = idx.data() + size_t(x) * size_t(height);
            for (int r = 0; r < height; ++r)
                out[r] = logIndex[size_t(std::clamp(int(col[size_t(r)] * toStep), 0, kLogSteps))];
        }
        // Pass 2, scanline after scanline: the bins under each pixel row.
        int prevA = -1, prevB = -1;
        for (int y = 0; y < H; ++y) {
            const double top = vp.priceLo + (area.bottom() - (px.top() + y)) * pricePerPx;
            const double bottom = top - pricePerPx;
            const int ra = std::clamp(int(std::floor((bottom - sc.priceLo) / sc.binSize)), r0, r1 - 1);
            const int rb = std::clamp(int(std::ceil((top - sc.priceLo) / sc.binSize)), ra + 1, r1);
            auto *line = reinterpret_cast<QRgb *>(img.scanLine(y));
            if (ra == prevA && rb == prevB) {
                std::memcpy(line, img.constScanLine(y - 1), size_t(W) * sizeof(QRgb));
                continue;
            }
            prevA = ra;
            prevB = rb;
            for (int x = 0; x < W; ++x) {
                const uint8_t *in = idx.data() + size_t(x) * size_t(height) + size_t(ra - r0);
                uint8_t v = in[0];
                for (int r = 1; r < rb - ra; ++r)
                    v = std::max(v, in[r]);
                line[x] = lut[v];
            }
        }
        p.drawImage(px.topLeft(), img);
    }
    p.setClipRect(area);

    // Best bid and ask as step lines.
    for (const bool bid : {true, false}) {
        const std::vector<float> &v = bid ? sc.bestBid : sc.bestAsk;
        QPainterPath path;
        bool open = false;
        for (int c = c0; c < std::min<int>(c1, int(v.size())); ++c) {
            if (v[size_t(c)] <= 0) {
                open = false;
                continue;
            }
            const double x0 = xOf(double(sc.startMs + int64_t(c) * sc.stepMs)), y = yOf(v[size_t(c)]);
            if (open)
                path.lineTo(x0, y);
            else
                path.moveTo(x0, y);
            path.lineTo(xOf(double(sc.startMs + int64_t(c + 1) * sc.stepMs)), y);
            open = true;
        }
        p.setPen(QPen(bid ? theme::kBuy : theme::kSell, 1)); // cosmetic: no path stroking
        p.drawPath(path);
    }

    // Trades: area ∝ volume, so the big ones stand out; tiny ones are skipped below 1 px. Each
    // (side, radius) is drawn once into a sprite and blitted: hundreds of smooth translucent
    // ellipses would cost several frames.
    const double maxR = std::max(3.0, std::min(area.width(), area.height()) / 40);
    std::map<int, QImage> sprites; // key: radius · 2 + buy
    for (const HeatmapScene::Bubble &b : sc.trades) {
        if (b.timeMs < vp.startMs || b.timeMs >= vp.endMs || b.price < vp.priceLo || b.price > vp.priceHi)
            continue;
        const int r = sc.maxTradeQty > 0 ? int(std::lround(maxR * std::sqrt(b.qty / sc.maxTradeQty))) : 0;
        if (r < 1)
            continue;
        QImage &sprite = sprites[r * 2 + (b.buy ? 1 : 0)];
        if (sprite.isNull()) {
            sprite = QImage(2 * r + 2, 2 * r + 2, QImage::Format_ARGB32_Premultiplied);
            sprite.fill(Qt::transparent);
            QPainter sp(&sprite);
            sp.setRenderHint(QPainter::Antialiasing, true);
            const QColor c = b.buy ? theme::kBuyImbalance : theme::kSellImbalance;
            sp.setPen(QPen(c, 1));
            sp.setBrush(QColor(c.red(), c.green(), c.blue(), 90));
            sp.drawEllipse(QPointF(r + 1, r + 1), r, r);
        }
        p.drawImage(QPointF(std::round(xOf(double(b.timeMs))) - r - 1, std::round(yOf(b.price)) - r - 1), sprite);
    }
    p.restore();
}

} // namespace co
