#include "render/FootprintPainter.h"

#include "render/Format.h"
#include "render/NumberGlyphs.h"
#include "render/Theme.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace co {

namespace {
constexpr double kAxisWidth = 76;
constexpr double kTotalsRow = 16;
constexpr double kTimeAxis = 18;
constexpr double kRightPad = 28;  // room for the newest bar's zones to show extending right
constexpr double kCandleMinBar = 40; // narrower bars drop the candle strip

QColor mix(const QColor &a, const QColor &b, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

bool contains(const std::vector<double> &prices, double price, double step)
{
    return std::any_of(prices.begin(), prices.end(), [&](double x) { return std::abs(x - price) < step / 4; });
}

QString cellText(const FootprintRow &r, FootprintMode mode)
{
    return mode == FootprintMode::Delta ? formatSignedQty(r.buy - r.sell) : formatQty(r.buy + r.sell);
}
} // namespace

QRectF FootprintLayout::barColumn(double index) const
{
    const double right = plot.right() - kRightPad - (rightIndex - index) * barWidth;
    const double l = std::round(right - barWidth), r = std::round(right);
    return QRectF(l, plot.top(), r - l, plot.height());
}

QRectF FootprintLayout::cellArea(double index) const
{
    const QRectF c = barColumn(index);
    return barWidth >= kCandleMinBar ? c.adjusted(12, 0, -2, 0) : c.adjusted(1, 0, -1, 0);
}

QRectF FootprintLayout::candleStrip(double index) const
{
    const QRectF c = barColumn(index);
    return QRectF(c.left() + 4, c.top(), 6, c.height());
}

double FootprintLayout::yOf(double price) const
{
    return plot.top() + plot.height() / 2 - (price - centerPrice) / rowStep * rowHeight;
}

double FootprintLayout::rowTop(double price) const { return std::round(yOf(price) - rowHeight / 2); }
double FootprintLayout::rowBottom(double price) const { return std::round(yOf(price) + rowHeight / 2); }

QRectF FootprintLayout::cellRect(double index, double price) const
{
    const QRectF a = cellArea(index);
    const double top = rowTop(price);
    return QRectF(a.left(), top, a.width(), rowBottom(price) - top);
}

double FootprintLayout::priceAt(double y) const
{
    const double rows = (plot.top() + plot.height() / 2 - y) / rowHeight;
    return centerPrice + std::round(rows) * rowStep;
}

double FootprintLayout::indexAt(double x) const
{
    return std::floor(rightIndex - (plot.right() - kRightPad - x) / barWidth) + 1;
}

FootprintLayout footprintLayout(const QRectF &area, const FootprintScene &scene, const FootprintViewport &vp)
{
    FootprintLayout L;
    const double w = std::max(0.0, area.width() - kAxisWidth);
    L.timeAxis = QRectF(area.left(), area.bottom() - kTimeAxis, w, kTimeAxis);
    L.totals = QRectF(area.left(), L.timeAxis.top() - 2 * kTotalsRow, w, 2 * kTotalsRow);
    L.plot = QRectF(area.left(), area.top(), w, std::max(0.0, L.totals.top() - area.top()));
    L.priceAxis = QRectF(area.left() + w, area.top(), kAxisWidth, L.plot.height());
    L.barWidth = std::max(4.0, vp.barWidth);
    L.rowHeight = std::max(2.0, vp.rowHeight);
    L.rowStep = scene.rowStep > 0 ? scene.rowStep : 1;
    L.rightIndex = vp.rightIndex >= 0 ? vp.rightIndex : double(std::max<size_t>(scene.timelineSize, 1) - 1);
    double center = vp.centerPrice;
    if (center <= 0 && scene.hasLastPrice)
        center = scene.lastPrice;
    if (center <= 0 && !scene.bars.empty())
        center = (scene.bars.back().high + scene.bars.back().low) / 2;
    L.centerPrice = std::round(center / L.rowStep) * L.rowStep;
    return L;
}

std::pair<size_t, size_t> footprintVisibleBars(double areaWidth, size_t timelineSize, const FootprintViewport &vp)
{
    if (timelineSize == 0)
        return {0, 0};
    const double right = vp.rightIndex >= 0 ? vp.rightIndex : double(timelineSize - 1);
    const double count = std::ceil(std::max(0.0, areaWidth - kAxisWidth) / std::max(4.0, vp.barWidth)) + 1;
    const double first = std::max(0.0, std::floor(right - count));
    const double end = std::clamp(std::ceil(right) + 1, 0.0, double(timelineSize));
    return {size_t(std::min(first, end)), size_t(end)};
}

void paintFootprint(QPainter &p, const QRectF &area, const FootprintScene &scene, const FootprintViewport &vp,
                    FootprintMode mode)
{
    using namespace theme;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    p.fillRect(area, kBackground);
    const FootprintLayout L = footprintLayout(area, scene, vp);

    QFont font = p.font();
    font.setPixelSize(std::clamp(int(L.rowHeight * 0.62), 8, 13));
    p.setFont(font);
    const QFontMetricsF fm(font);

    if (scene.bars.empty()) {
        p.setPen(kAxisText);
        p.drawText(L.plot, Qt::AlignCenter, QCoreApplication::translate("co::FootprintView", "Waiting for trades…"));
        p.restore();
        return;
    }

    // Cell numbers through pre-looked-up glyphs (see NumberGlyphs); drawText if the font lacks one.
    const NumberGlyphs glyphs(font);
    auto number = [&](const QRectF &r, Qt::Alignment align, const QString &text) {
        if (!glyphs.valid()) {
            p.drawText(r, align | Qt::AlignVCenter, text);
            return;
        }
        const double w = glyphs.width(text);
        const double x = align & Qt::AlignRight ? r.right() - w : align & Qt::AlignLeft ? r.left() : r.center().x() - w / 2;
        glyphs.draw(p, x, r.center().y(), text);
    };
    const double plotTop = L.plot.top(), plotBottom = L.plot.bottom();
    const bool bidAsk = mode == FootprintMode::BidAsk;
    const double cellW = L.cellArea(L.rightIndex).width();
    const double needed = fm.horizontalAdvance(bidAsk ? QStringLiteral("00.00") : QStringLiteral("+00.00")) + 6;
    const bool numbers = L.rowHeight >= 11 && (bidAsk ? cellW / 2 : cellW) >= needed;
    const double gapPx = L.rowHeight >= 6 ? 1 : 0;

    p.setClipRect(L.plot);
    // Cells: colour by delta, imbalances in strong buy/sell colours.
    for (size_t b = 0; b < scene.bars.size(); ++b) {
        const FootprintBarResult &bar = scene.bars[b];
        const double idx = double(scene.firstIndex + b);
        const QRectF cells = L.cellArea(idx);
        if (cells.right() < L.plot.left() || cells.left() > L.plot.right())
            continue;
        double maxAbs = 0;
        for (const FootprintRow &r : bar.rows)
            maxAbs = std::max(maxAbs, std::abs(r.buy - r.sell));
        const double mid = std::round(cells.left() + cells.width() / 2);
        for (const FootprintRow &r : bar.rows) {
            const double top = L.rowTop(r.price), bottom = L.rowBottom(r.price);
            if (bottom < plotTop || top > plotBottom)
                continue;
            const QRectF cell(cells.left(), top, cells.width(), bottom - top - gapPx);
            const double d = r.buy - r.sell;
            const double t = maxAbs > 0 ? 0.12 + 0.55 * std::abs(d) / maxAbs : 0;
            p.fillRect(cell.toRect(), d > 0 ? mix(kCellNeutral, kBuy, t) : d < 0 ? mix(kCellNeutral, kSell, t) : kCellNeutral);
            const bool buyIm = contains(bar.buyImbalances, r.price, L.rowStep);
            const bool sellIm = contains(bar.sellImbalances, r.price, L.rowStep);
            if (bidAsk) {
                const QRectF bid(cell.left(), cell.top(), mid - cell.left(), cell.height());
                const QRectF ask(mid, cell.top(), cell.right() - mid, cell.height());
                if (sellIm)
                    p.fillRect(bid, kSellImbalance);
                if (buyIm)
                    p.fillRect(ask, kBuyImbalance);
                if (numbers && (r.sell > 0 || r.buy > 0)) { // rows nobody traded stay blank
                    p.setPen(sellIm ? kTextOnStrong : r.sell > 0 ? kText : kAxisText);
                    number(bid.adjusted(0, 0, -4, 0), Qt::AlignRight, formatQty(r.sell));
                    p.setPen(buyIm ? kTextOnStrong : r.buy > 0 ? kText : kAxisText);
                    number(ask.adjusted(4, 0, 0, 0), Qt::AlignLeft, formatQty(r.buy));
                }
            } else {
                if (sellIm)
                    p.fillRect(QRectF(cell.left(), cell.top(), 3, cell.height()), kSellImbalance);
                if (buyIm)
                    p.fillRect(QRectF(cell.right() - 3, cell.top(), 3, cell.height()), kBuyImbalance);
                if (numbers && (r.sell > 0 || r.buy > 0)) {
                    p.setPen(kText);
                    number(cell, Qt::AlignHCenter, cellText(r, mode));
                }
            }
        }
    }

    // Stacked zones: active ones as bands from the bar to the right edge, spent ones outlined.
    for (size_t b = 0; b < scene.bars.size(); ++b) {
        const QRectF cells = L.cellArea(double(scene.firstIndex + b));
        for (const StackedResult &z : scene.bars[b].stacked) {
            const bool buy = z.side == "BUY";
            const double top = L.rowTop(z.high), bottom = L.rowBottom(z.low);
            if (z.active) {
                p.fillRect(QRectF(cells.right() + 1, top, L.plot.right() - cells.right() - 1, bottom - top),
                           buy ? kBuyZone : kSellZone);
            } else {
                p.setPen(QPen(buy ? kBuyImbalance : kSellImbalance, 1, Qt::DashLine));
                p.drawRect(QRectF(cells.left(), top, cells.width() - 1, bottom - top - 1));
            }
        }
    }

    // Bar POC outline and the candle strip.
    for (size_t b = 0; b < scene.bars.size(); ++b) {
        const FootprintBarResult &bar = scene.bars[b];
        const double idx = double(scene.firstIndex + b);
        const QRectF cells = L.cellArea(idx);
        if (cells.right() < L.plot.left() || cells.left() > L.plot.right() || bar.trades == 0)
            continue;
        const double top = L.rowTop(bar.poc);
        p.setPen(QPen(kPoc, 1));
        p.drawRect(QRectF(cells.left(), top, cells.width() - 1, L.rowBottom(bar.poc) - top - gapPx - 1));
        // Auction marks (analysis.md A3): a dotted line beyond an unfinished extreme (both sides
        // traded there), a short dash in each empty row inside the range (zero print).
        if (!bar.rows.empty()) {
            p.setPen(QPen(kPoc, 1, Qt::DotLine));
            if (bar.unfinishedHigh) {
                const double y = L.rowTop(bar.rows.front().price) - 2;
                p.drawLine(QPointF(cells.left(), y), QPointF(cells.right() - 1, y));
            }
            if (bar.unfinishedLow) {
                const double y = L.rowBottom(bar.rows.back().price) + 1;
                p.drawLine(QPointF(cells.left(), y), QPointF(cells.right() - 1, y));
            }
            p.setPen(QPen(kText, 1));
            const double x = cells.left() + cells.width() / 2;
            for (double z : bar.zeroPrints)
                p.drawLine(QPointF(x - 3, L.yOf(z)), QPointF(x + 3, L.yOf(z)));
        }
        if (L.barWidth >= kCandleMinBar) {
            const QRectF strip = L.candleStrip(idx);
            const bool up = bar.close >= bar.open;
            const QColor c = up ? kBuy : kSell;
            const double x = strip.left() + strip.width() / 2;
            p.setPen(c);
            p.drawLine(QPointF(x, L.yOf(bar.high)), QPointF(x, L.yOf(bar.low)));
            const double y0 = L.yOf(std::max(bar.open, bar.close)), y1 = L.yOf(std::min(bar.open, bar.close));
            p.fillRect(QRectF(strip.left(), y0 - 1, strip.width(), std::max(2.0, y1 - y0 + 2)), c);
        }
    }

    // Big trades (notional ≥ LARGE_TRADE_NOTIONAL): a circle on their bar at their price, area by
    // notional against the scene's smallest, outlined in the taker's colour.
    double smallest = 0;
    for (const FootprintBarResult &bar : scene.bars)
        for (const BigTradeResult &t : bar.bigTrades)
            if (const double n = t.price * t.qty; smallest == 0 || n < smallest)
                smallest = n;
    p.setBrush(Qt::NoBrush);
    for (size_t b = 0; b < scene.bars.size(); ++b) {
        const QRectF cells = L.cellArea(double(scene.firstIndex + b));
        if (cells.right() < L.plot.left() || cells.left() > L.plot.right())
            continue;
        const double maxR = std::max(3.0, cells.width() / 2 - 1);
        for (const BigTradeResult &t : scene.bars[b].bigTrades) {
            const double r = std::clamp(3.0 * std::sqrt(t.price * t.qty / smallest), 3.0, maxR);
            p.setPen(QPen(t.buy ? kBuy : kSell, 2));
            p.drawEllipse(QPointF(cells.center().x(), L.yOf(t.price)), r, r);
        }
    }

    // Day boundary.
    if (scene.todayStart > 0 && scene.todayStart >= scene.firstIndex &&
        scene.todayStart < scene.firstIndex + scene.bars.size()) {
        const QRectF col = L.barColumn(double(scene.todayStart));
        p.setPen(QPen(kAxisText, 1, Qt::DashLine));
        p.drawLine(QPointF(col.left(), plotTop), QPointF(col.left(), plotBottom));
        p.drawText(QRectF(col.left() + 4, plotTop + 2, 120, 16), Qt::AlignLeft | Qt::AlignTop,
                   formatUtcDateTime(scene.bars[scene.todayStart - scene.firstIndex].openTime).left(10));
    }

    // Last price.
    if (scene.hasLastPrice) {
        p.setPen(QPen(QColor(kLastPrice.red(), kLastPrice.green(), kLastPrice.blue(), 110), 1, Qt::DotLine));
        const double y = L.yOf(scene.lastPrice);
        p.drawLine(QPointF(L.plot.left(), y), QPointF(L.plot.right(), y));
    }
    p.setClipping(false);

    // Totals and times under the bars.
    p.fillRect(L.totals, kPanel);
    p.fillRect(L.timeAxis, kBackground);
    const int labelEvery = std::max(1, int(std::ceil(44 / L.barWidth)));
    for (size_t b = 0; b < scene.bars.size(); ++b) {
        const FootprintBarResult &bar = scene.bars[b];
        const size_t idx = scene.firstIndex + b;
        const QRectF cells = L.cellArea(double(idx));
        if (cells.right() < L.plot.left() || cells.left() > L.plot.right())
            continue;
        const QRectF vol(cells.left(), L.totals.top(), cells.width(), kTotalsRow);
        const QRectF delta(cells.left(), L.totals.top() + kTotalsRow, cells.width(), kTotalsRow);
        p.fillRect(delta.adjusted(0, 1, 0, -1), mix(kPanel, bar.delta >= 0 ? kBuy : kSell, 0.35));
        if (L.barWidth >= 36) {
            p.setPen(kText);
            number(vol, Qt::AlignHCenter, formatQty(bar.volume));
            number(delta, Qt::AlignHCenter, formatSignedQty(bar.delta));
        }
        if (idx % size_t(labelEvery) == 0) {
            p.setPen(kAxisText);
            p.drawText(QRectF(cells.center().x() - 30, L.timeAxis.top(), 60, kTimeAxis), Qt::AlignCenter,
                       formatUtcTime(bar.openTime));
        }
    }

    // Price axis.
    p.fillRect(QRectF(L.priceAxis.left(), area.top(), L.priceAxis.width(), area.height()), kPanel);
    p.setPen(kAxisText);
    p.drawText(QRectF(L.priceAxis.left(), L.totals.top(), L.priceAxis.width() - 6, kTotalsRow),
               Qt::AlignRight | Qt::AlignVCenter, QCoreApplication::translate("co::FootprintView", "Volume"));
    p.drawText(QRectF(L.priceAxis.left(), L.totals.top() + kTotalsRow, L.priceAxis.width() - 6, kTotalsRow),
               Qt::AlignRight | Qt::AlignVCenter, QCoreApplication::translate("co::FootprintView", "Delta"));
    p.drawText(QRectF(L.priceAxis.left(), L.timeAxis.top(), L.priceAxis.width() - 6, kTimeAxis),
               Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("UTC"));
    const int every = std::max(1, int(std::ceil(18 / L.rowHeight)));
    for (int64_t row = std::llround(L.priceAt(L.plot.top()) / L.rowStep);; --row) {
        const double price = double(row) * L.rowStep;
        const double y = L.yOf(price);
        if (y >= L.plot.bottom())
            break;
        if (row % every != 0)
            continue;
        if (y < L.plot.top() + 6)
            continue;
        p.drawText(QRectF(L.priceAxis.left() + 6, y - 9, L.priceAxis.width() - 8, 18), Qt::AlignLeft | Qt::AlignVCenter,
                   formatPrice(price, scene.priceDecimals));
    }
    if (scene.hasLastPrice) {
        const double y = L.yOf(scene.lastPrice);
        if (y > L.plot.top() && y < L.plot.bottom()) {
            const QRectF tag(L.priceAxis.left() + 2, y - 9, L.priceAxis.width() - 4, 18);
            p.fillRect(tag, kLastPrice);
            p.setPen(kTextOnStrong);
            p.drawText(tag.adjusted(4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, formatPrice(scene.lastPrice, scene.priceDecimals));
        }
    }
    p.restore();
}

QImage renderFootprint(const FootprintScene &scene, const FootprintViewport &vp, FootprintMode mode, QSize size)
{
    QImage img(size, QImage::Format_RGB32);
    QPainter p(&img);
    paintFootprint(p, QRectF(QPointF(0, 0), QSizeF(size)), scene, vp, mode);
    return img;
}

} // namespace co
