#include "views/HeatmapPainter.h"

#include "views/Theme.h"

#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>
#include <cmath>
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

    // Visible cells only, one pixel each, then scaled: the cost follows the cells, not the pane.
    const int c0 = std::clamp(int((vp.startMs - sc.startMs) / sc.stepMs), 0, sc.cols - 1);
    const int c1 = std::clamp(int((vp.endMs - sc.startMs + sc.stepMs - 1) / sc.stepMs), c0 + 1, sc.cols);
    const int r0 = std::clamp(int(std::floor((vp.priceLo - sc.priceLo) / sc.binSize)), 0, sc.rows - 1);
    const int r1 = std::clamp(int(std::ceil((vp.priceHi - sc.priceLo) / sc.binSize)), r0 + 1, sc.rows);
    // More columns than pixels: each image column takes the largest of the columns it covers.
    const int width = std::max(1, std::min(c1 - c0, int(std::ceil(area.width()))));
    QImage img(width, r1 - r0, QImage::Format_RGB32);
    const auto &lut = palette();
    // qty → colour through a linear table of the log scale: no log per cell.
    constexpr int kSteps = 4096;
    static thread_local std::array<uint8_t, kSteps + 1> logIndex{};
    for (int i = 0; i <= kSteps; ++i)
        logIndex[size_t(i)] = uint8_t(std::clamp(int(std::log1p(double(i) / kSteps * 1023) / std::log1p(1023.0) * 255), 0, 255));
    const float toStep = sc.maxQty > 0 ? float(kSteps) / sc.maxQty : 0;
    // Folded column maxima, then colours row by row: both passes walk memory in order.
    const int height = r1 - r0;
    std::vector<uint8_t> idx(size_t(width) * size_t(height)); // column after column
    std::vector<float> col(static_cast<size_t>(height));
    for (int x = 0; x < width; ++x) {
        const int ca = c0 + int(int64_t(x) * (c1 - c0) / width), cb = std::max(ca + 1, c0 + int(int64_t(x + 1) * (c1 - c0) / width));
        std::copy_n(sc.qty.data() + size_t(ca) * size_t(sc.rows) + size_t(r0), height, col.begin());
        for (int c = ca + 1; c < cb; ++c) {
            const float *q = sc.qty.data() + size_t(c) * size_t(sc.rows) + size_t(r0);
            for (int r = 0; r < height; ++r)
                col[size_t(r)] = std::max(col[size_t(r)], q[r]);
        }
        uint8_t *out = idx.data() + size_t(x) * size_t(height);
        for (int r = 0; r < height; ++r)
            out[r] = logIndex[size_t(std::clamp(int(col[size_t(r)] * toStep), 0, kSteps))];
    }
    for (int r = 0; r < height; ++r) {
        auto *line = reinterpret_cast<QRgb *>(img.scanLine(height - 1 - r)); // high prices at the top
        const uint8_t *in = idx.data() + size_t(r);
        for (int x = 0; x < width; ++x)
            line[x] = lut[in[size_t(x) * size_t(height)]];
    }
    const QRectF target(QPointF(xOf(double(sc.startMs + int64_t(c0) * sc.stepMs)), yOf(sc.priceLo + r1 * sc.binSize)),
                        QPointF(xOf(double(sc.startMs + int64_t(c1) * sc.stepMs)), yOf(sc.priceLo + r0 * sc.binSize)));
    p.setClipRect(area);
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    p.drawImage(target, img);

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
