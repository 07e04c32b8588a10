#include "views/PriceChart.h"

#include "model/Fixed.h"
#include "views/Format.h"
#include "views/Theme.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace co {

namespace {
constexpr double kAxisWidth = 84;
constexpr double kTimeAxis = 18;
constexpr double kRightPad = 12;

void addDay(PriceScene &sc, const DayView &day, Timeframe tf)
{
    VwapSums run;
    for (const BarPtr &b : day.barsOf(tf)) {
        Candle c;
        c.openTime = b->openTime;
        c.open = fixedToDouble(b->open);
        c.high = fixedToDouble(b->high);
        c.low = fixedToDouble(b->low);
        c.close = fixedToDouble(b->close);
        c.volume = qtyValue(b->volume());
        run.merge(b->sums);
        c.vwap = run.bands();
        sc.candles.push_back(c);
    }
}

void addLevel(PriceScene &sc, const QString &label, const std::optional<double> &price, const QColor &c, Qt::PenStyle st)
{
    if (price)
        sc.levels.push_back({label, *price, c, st});
}
} // namespace

QString sessionDisplayName(const std::string &name)
{
    if (name == "tokyo")
        return QCoreApplication::translate("PriceChart", "Tokyo");
    if (name == "london")
        return QCoreApplication::translate("PriceChart", "London");
    if (name == "newyork")
        return QCoreApplication::translate("PriceChart", "New York");
    return QString::fromStdString(name);
}

PriceScene buildPriceScene(const EngineSnapshot &s, Timeframe tf)
{
    PriceScene sc;
    sc.priceDecimals = decimalsFor(fixedToDouble(s.symbol.tickSize));
    sc.hasLastPrice = s.hasTrade;
    sc.lastPrice = fixedToDouble(s.lastPrice);
    if (s.prior)
        addDay(sc, *s.prior, tf);
    sc.todayStart = sc.candles.size();
    if (s.today)
        addDay(sc, *s.today, tf);

    using namespace theme;
    const KeyLevels k = buildKeyLevels(s, {});
    addLevel(sc, QCoreApplication::translate("PriceChart", "dPOC"), k.dPOC, kPoc, Qt::SolidLine);
    addLevel(sc, QCoreApplication::translate("PriceChart", "dVAH"), k.dVAH, kPoc, Qt::DashLine);
    addLevel(sc, QCoreApplication::translate("PriceChart", "dVAL"), k.dVAL, kPoc, Qt::DashLine);
    addLevel(sc, QCoreApplication::translate("PriceChart", "pdVWAP"), k.pdVWAP, kVwap, Qt::DashDotLine);
    addLevel(sc, QCoreApplication::translate("PriceChart", "pdPOC"), k.pdPOC, kPriorLevel, Qt::SolidLine);
    addLevel(sc, QCoreApplication::translate("PriceChart", "pdVAH"), k.pdVAH, kPriorLevel, Qt::DashLine);
    addLevel(sc, QCoreApplication::translate("PriceChart", "pdVAL"), k.pdVAL, kPriorLevel, Qt::DashLine);
    addLevel(sc, QCoreApplication::translate("PriceChart", "pdHigh"), k.pdHigh, kPriorLevel, Qt::DotLine);
    addLevel(sc, QCoreApplication::translate("PriceChart", "pdLow"), k.pdLow, kPriorLevel, Qt::DotLine);
    addLevel(sc, QCoreApplication::translate("PriceChart", "pdClose"), k.pdClose, kPriorLevel, Qt::DotLine);
    for (const SessionView &v : s.todaySessions)
        if (v.stats) {
            const QString name = sessionDisplayName(v.name);
            addLevel(sc, QCoreApplication::translate("PriceChart", "%1 high").arg(name), fixedToDouble(v.stats->high), kSessionLevel, Qt::DotLine);
            addLevel(sc, QCoreApplication::translate("PriceChart", "%1 low").arg(name), fixedToDouble(v.stats->low), kSessionLevel, Qt::DotLine);
        }
    for (const NakedPoc &n : k.nakedPOCs)
        addLevel(sc, QCoreApplication::translate("PriceChart", "nPOC %1").arg(QString::fromStdString(n.date).mid(5)), n.price, kNakedPoc, Qt::SolidLine);
    return sc;
}

void paintPriceChart(QPainter &p, const QRectF &area, const PriceScene &sc, const PriceViewport &vp)
{
    using namespace theme;
    p.save();
    p.fillRect(area, kBackground);
    const QRectF plot(area.left(), area.top() + 4, std::max(0.0, area.width() - kAxisWidth),
                      std::max(0.0, area.height() - kTimeAxis - 4));
    const QRectF axis(plot.right(), area.top(), kAxisWidth, area.height());
    p.fillRect(axis, kPanel);
    QFont font = p.font();
    font.setPixelSize(11);
    p.setFont(font);
    if (sc.candles.empty()) {
        p.setPen(kAxisText);
        p.drawText(plot, Qt::AlignCenter, QCoreApplication::translate("PriceChart", "Waiting for trades…"));
        p.restore();
        return;
    }

    // Few candles spread over the width instead of bunching at the right edge.
    const double w = std::max({2.0, vp.candleWidth, std::min(24.0, plot.width() * 0.85 / double(sc.candles.size()))});
    const double right = vp.rightIndex >= 0 ? std::min(vp.rightIndex, double(sc.candles.size() - 1))
                                            : double(sc.candles.size() - 1);
    auto xOf = [&](double i) { return plot.right() - kRightPad - (right - i) * w - w / 2; };
    const size_t last = size_t(right);
    const size_t first = size_t(std::max(0.0, std::floor(right - plot.width() / w)));

    // Vertical range: visible candles and VWAP ±1σ, padded.
    double lo = INFINITY, hi = -INFINITY, maxVol = 0;
    for (size_t i = first; i <= last; ++i) {
        const Candle &c = sc.candles[i];
        lo = std::min(lo, c.low);
        hi = std::max(hi, c.high);
        maxVol = std::max(maxVol, c.volume);
        if (c.vwap) {
            lo = std::min(lo, c.vwap->vwap - c.vwap->sigma);
            hi = std::max(hi, c.vwap->vwap + c.vwap->sigma);
        }
    }
    const double pad = std::max((hi - lo) * 0.08, 1e-9);
    lo -= pad;
    hi += pad;
    auto yOf = [&](double price) { return plot.bottom() - (price - lo) / (hi - lo) * plot.height(); };

    p.setClipRect(plot);
    // Grid with price labels.
    const double rawStep = (hi - lo) / std::max(2.0, plot.height() / 48);
    const double mag = std::pow(10.0, std::floor(std::log10(rawStep)));
    const double step = rawStep / mag < 2 ? 2 * mag : rawStep / mag < 5 ? 5 * mag : 10 * mag;
    p.setPen(kGrid);
    for (double y = std::ceil(lo / step) * step; y < hi; y += step)
        p.drawLine(QPointF(plot.left(), yOf(y)), QPointF(plot.right(), yOf(y)));

    // Volume at the bottom fifth.
    for (size_t i = first; i <= last; ++i) {
        const Candle &c = sc.candles[i];
        const double h = maxVol > 0 ? c.volume / maxVol * plot.height() * 0.18 : 0;
        const QColor col = c.close >= c.open ? kBuy : kSell;
        p.fillRect(QRectF(xOf(double(i)) - w * 0.35, plot.bottom() - h, w * 0.7, h),
                   QColor(col.red(), col.green(), col.blue(), 70));
    }

    // VWAP and its bands, per day.
    p.setRenderHint(QPainter::Antialiasing, true);
    for (int k : {0, 1, -1, 2, -2}) {
        QPainterPath path;
        bool open = false;
        for (size_t i = first; i <= last; ++i) {
            const Candle &c = sc.candles[i];
            if (!c.vwap || (i == sc.todayStart && i > 0)) {
                open = false;
                if (!c.vwap)
                    continue;
            }
            const QPointF pt(xOf(double(i)), yOf(c.vwap->vwap + k * c.vwap->sigma));
            if (open)
                path.lineTo(pt);
            else
                path.moveTo(pt);
            open = true;
        }
        p.setPen(QPen(k == 0 ? kVwap : kVwapBand, k == 0 ? 1.6 : 1, k == 0 ? Qt::SolidLine : std::abs(k) == 1 ? Qt::DashLine : Qt::DotLine));
        p.drawPath(path);
    }
    p.setRenderHint(QPainter::Antialiasing, false);

    // Candles.
    for (size_t i = first; i <= last; ++i) {
        const Candle &c = sc.candles[i];
        const double x = std::round(xOf(double(i)));
        const QColor col = c.close >= c.open ? kBuy : kSell;
        p.setPen(col);
        p.drawLine(QPointF(x, yOf(c.high)), QPointF(x, yOf(c.low)));
        const double top = yOf(std::max(c.open, c.close)), bottom = yOf(std::min(c.open, c.close));
        const double bw = std::max(1.0, std::floor(w * 0.7));
        p.fillRect(QRectF(x - std::floor(bw / 2), top, bw, std::max(1.0, bottom - top)), col);
    }

    // Day boundary.
    if (sc.todayStart > 0 && sc.todayStart >= first && sc.todayStart <= last) {
        const double x = xOf(double(sc.todayStart)) - w / 2;
        p.setPen(QPen(kAxisText, 1, Qt::DashLine));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        p.drawText(QRectF(x + 4, plot.top(), 100, 16), Qt::AlignLeft | Qt::AlignTop,
                   formatUtcDateTime(sc.candles[sc.todayStart].openTime).left(10));
    }

    // Levels: lines across the plot; labels stacked on the axis without overlapping.
    struct Tag {
        double y;
        const LevelLine *level;
        int edge; // 0 inside, -1 above, +1 below the range
    };
    std::vector<Tag> tags;
    for (const LevelLine &l : sc.levels) {
        const double y = yOf(l.price);
        const int edge = y < plot.top() ? -1 : y > plot.bottom() ? 1 : 0;
        if (edge == 0) {
            p.setPen(QPen(l.colour, 1, l.style));
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        }
        tags.push_back({std::clamp(y, plot.top() + 8, plot.bottom() - 8), &l, edge});
    }
    if (sc.hasLastPrice) {
        p.setPen(QPen(kLastPrice, 1, Qt::DotLine));
        p.drawLine(QPointF(plot.left(), yOf(sc.lastPrice)), QPointF(plot.right(), yOf(sc.lastPrice)));
    }
    p.setClipping(false);

    // Price axis labels.
    p.setPen(kAxisText);
    for (double y = std::ceil(lo / step) * step; y < hi; y += step)
        if (yOf(y) > plot.top() + 6 && yOf(y) < plot.bottom() - 6)
            p.drawText(QRectF(axis.left() + 6, yOf(y) - 8, axis.width() - 8, 16), Qt::AlignLeft | Qt::AlignVCenter,
                       formatPrice(y, step >= 1 ? 0 : sc.priceDecimals));

    std::sort(tags.begin(), tags.end(), [](const Tag &a, const Tag &b) { return a.y < b.y; });
    double next = plot.top();
    const QFontMetricsF fm(font);
    for (Tag &t : tags) {
        t.y = std::max(t.y, next + 8);
        next = t.y + 8;
        const QString arrow = t.edge < 0 ? QStringLiteral("▲ ") : t.edge > 0 ? QStringLiteral("▼ ") : QString();
        const QString name = arrow + t.level->label;
        const double nw = fm.horizontalAdvance(name) + 8;
        const QRectF nameRect(plot.right() - nw - 2, t.y - 8, nw, 16);
        p.fillRect(nameRect, QColor(kBackground.red(), kBackground.green(), kBackground.blue(), 200));
        p.setPen(t.level->colour);
        p.drawText(nameRect, Qt::AlignCenter, name);
        const QRectF tag(axis.left() + 2, t.y - 8, axis.width() - 4, 16);
        p.fillRect(tag, t.level->colour);
        p.setPen(kTextOnStrong);
        p.drawText(tag.adjusted(4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, formatPrice(t.level->price, sc.priceDecimals));
    }
    if (sc.hasLastPrice && yOf(sc.lastPrice) > plot.top() && yOf(sc.lastPrice) < plot.bottom()) {
        const QRectF tag(axis.left() + 2, yOf(sc.lastPrice) - 8, axis.width() - 4, 16);
        p.fillRect(tag, kLastPrice);
        p.setPen(kTextOnStrong);
        p.drawText(tag.adjusted(4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, formatPrice(sc.lastPrice, sc.priceDecimals));
    }

    // Time axis.
    p.setPen(kAxisText);
    const size_t every = size_t(std::max(1.0, std::ceil(64 / w)));
    for (size_t i = first; i <= last; ++i)
        if (i % every == 0)
            p.drawText(QRectF(xOf(double(i)) - 30, plot.bottom() + 2, 60, kTimeAxis), Qt::AlignCenter,
                       formatUtcTime(sc.candles[i].openTime));
    p.drawText(QRectF(axis.left(), plot.bottom() + 2, axis.width() - 6, kTimeAxis), Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("UTC"));
    p.restore();
}

} // namespace co
