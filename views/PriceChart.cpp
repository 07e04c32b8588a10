#include "views/PriceChart.h"

#include "engine/AnchoredVwap.h"
#include "engine/StructureQuery.h"
#include "model/Fixed.h"
#include "render/Format.h"
#include "render/Theme.h"

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
const QColor kAnchoredVwap{0xff, 0x7a, 0xd9}; // apart from the day VWAP's blue

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
// Active swing liquidity on the chart's timeframe (get_swing_liquidity's defaults): the nearest
// kSwingLines per side, buy-side above (stops of shorts), sell-side below.
void addSwingLevels(PriceScene &sc, const EngineSnapshot &s, Timeframe tf)
{
    constexpr size_t kSwingLines = 3;
    StructureRequest q;
    q.intervalMs = timeframeMs(tf);
    const auto r = buildSwingLiquidity(s, q, s.asOfMs);
    const auto *v = std::get_if<SwingLiquidityResult>(&r);
    if (!v)
        return;
    const int64_t last = v->input.lastPrice;
    for (const bool buy : {true, false}) {
        std::vector<LiquidityLevel> side;
        for (const LiquidityLevel &l : v->levels)
            if (l.buySide == buy && !l.swept)
                side.push_back(l);
        std::sort(side.begin(), side.end(), [last](const LiquidityLevel &a, const LiquidityLevel &b) {
            return std::abs(a.price - last) < std::abs(b.price - last);
        });
        for (size_t i = 0; i < std::min(side.size(), kSwingLines); ++i)
            sc.levels.push_back({buy ? QCoreApplication::translate("PriceChart", "BSL") : QCoreApplication::translate("PriceChart", "SSL"),
                                 fixedToDouble(side[i].price), buy ? theme::kBuy : theme::kSell, Qt::DashDotDotLine});
    }
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
    addSwingLevels(sc, s, tf);
    return sc;
}

namespace {
// Where everything goes: shared by painting and the tooltips' hit test.
struct Geometry {
    QRectF plot, axis;
    double w = 0, right = 0, lo = 0, hi = 0;
    size_t first = 0, last = 0;
    double xOf(double i) const { return plot.right() - kRightPad - (right - i) * w - w / 2; }
    double yOf(double price) const { return plot.bottom() - (price - lo) / (hi - lo) * plot.height(); }
};

Geometry geometry(const QRectF &area, const PriceScene &sc, const PriceViewport &vp)
{
    Geometry g;
    g.plot = QRectF(area.left(), area.top() + 4, std::max(0.0, area.width() - kAxisWidth), std::max(0.0, area.height() - kTimeAxis - 4));
    g.axis = QRectF(g.plot.right(), area.top(), kAxisWidth, area.height());
    if (sc.candles.empty())
        return g;
    // Few candles spread over the width instead of bunching at the right edge.
    g.w = std::max({2.0, vp.candleWidth, std::min(24.0, g.plot.width() * 0.85 / double(sc.candles.size()))});
    g.right = vp.rightIndex >= 0 ? std::min(vp.rightIndex, double(sc.candles.size() - 1)) : double(sc.candles.size() - 1);
    g.last = size_t(g.right);
    g.first = size_t(std::max(0.0, std::floor(g.right - g.plot.width() / g.w)));
    // Vertical range: visible candles and VWAP ±1σ, padded.
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = g.first; i <= g.last; ++i) {
        const Candle &c = sc.candles[i];
        lo = std::min(lo, c.low);
        hi = std::max(hi, c.high);
        if (c.vwap) {
            lo = std::min(lo, c.vwap->vwap - c.vwap->sigma);
            hi = std::max(hi, c.vwap->vwap + c.vwap->sigma);
        }
    }
    const double pad = std::max((hi - lo) * 0.08, 1e-9);
    g.lo = lo - pad;
    g.hi = hi + pad;
    return g;
}

constexpr double kTagHeight = 16;

std::vector<LevelTag> layoutTags(const Geometry &g, const PriceScene &sc, const QFontMetricsF &fm)
{
    struct One {
        double y;
        int edge;
        const LevelLine *level;
    };
    std::vector<One> ones;
    for (const LevelLine &l : sc.levels) {
        const double y = g.yOf(l.price);
        const int edge = y < g.plot.top() ? -1 : y > g.plot.bottom() ? 1 : 0;
        ones.push_back({std::clamp(y, g.plot.top() + kTagHeight / 2, g.plot.bottom() - kTagHeight / 2), edge, &l});
    }
    std::stable_sort(ones.begin(), ones.end(), [](const One &a, const One &b) { return a.y < b.y; });
    // Chains of levels less than a tag apart become one tag at their mean: consecutive tags are
    // then at least a tag's height apart, whatever the levels.
    std::vector<LevelTag> tags;
    const double lastY = sc.hasLastPrice ? g.yOf(sc.lastPrice) : -1e9;
    for (size_t i = 0; i < ones.size();) {
        size_t j = i + 1;
        while (j < ones.size() && ones[j].y - ones[j - 1].y < kTagHeight)
            ++j;
        LevelTag t;
        double sum = 0, lo = INFINITY, hi = -INFINITY;
        QStringList tips;
        for (size_t k = i; k < j; ++k) {
            sum += ones[k].y;
            lo = std::min(lo, ones[k].level->price);
            hi = std::max(hi, ones[k].level->price);
            tips << ones[k].level->label + QStringLiteral(": ") + formatPrice(ones[k].level->price, sc.priceDecimals);
        }
        t.y = sum / double(j - i);
        if (!tags.empty()) // the means are a tag apart; only rounding could say otherwise
            t.y = std::max(t.y, tags.back().y + kTagHeight);
        t.edge = ones[i].edge;
        t.colour = ones[i].level->colour;
        const QString arrow = t.edge < 0 ? QStringLiteral("▲ ") : t.edge > 0 ? QStringLiteral("▼ ") : QString();
        t.name = arrow + ones[i].level->label;
        if (j - i == 2)
            t.name += QStringLiteral(" · ") + ones[i + 1].level->label;
        else if (j - i > 2)
            t.name += QStringLiteral(" · +%1").arg(j - i - 1);
        t.value = lo == hi ? formatPrice(lo, sc.priceDecimals) : formatPrice(hi, sc.priceDecimals) + QStringLiteral("…");
        t.tooltip = tips.join('\n');
        const double nw = fm.horizontalAdvance(t.name) + 8;
        t.nameRect = QRectF(g.plot.right() - nw - 2, t.y - kTagHeight / 2, nw, kTagHeight);
        // The last price keeps its place on the axis; a tag in its row shows its value in the tooltip.
        if (std::abs(t.y - lastY) >= kTagHeight)
            t.valueRect = QRectF(g.axis.left() + 2, t.y - kTagHeight / 2, g.axis.width() - 4, kTagHeight);
        tags.push_back(t);
        i = j;
    }
    return tags;
}

QFont chartFont(QFont f)
{
    f.setPixelSize(11);
    return f;
}
} // namespace

std::vector<LevelTag> layoutLevelTags(const QRectF &area, const PriceScene &sc, const PriceViewport &vp)
{
    if (sc.candles.empty())
        return {};
    return layoutTags(geometry(area, sc, vp), sc, QFontMetricsF(chartFont(QFont())));
}

void addAnchoredVwap(PriceScene &sc, const EngineSnapshot &s, Timeframe tf, int64_t anchorMs)
{
    sc.anchorMs = anchorMs;
    const std::vector<AnchoredVwapPoint> path = anchoredVwapPath(s, anchorMs, tf);
    sc.anchoredVwap.assign(sc.candles.size(), std::nullopt);
    size_t j = 0;
    for (size_t i = 0; i < sc.candles.size(); ++i) {
        while (j < path.size() && path[j].barOpenTime < sc.candles[i].openTime)
            ++j;
        if (j < path.size() && path[j].barOpenTime == sc.candles[i].openTime)
            sc.anchoredVwap[i] = path[j].bands.vwap;
    }
}

std::optional<size_t> candleAt(const QRectF &area, const PriceScene &sc, const PriceViewport &vp, double x)
{
    if (sc.candles.empty())
        return std::nullopt;
    const Geometry g = geometry(area, sc, vp);
    if (g.w <= 0 || x < g.plot.left() || x > g.plot.right())
        return std::nullopt;
    const double i = std::round(g.right - (g.plot.right() - kRightPad - g.w / 2 - x) / g.w);
    if (i < 0 || i >= double(sc.candles.size()))
        return std::nullopt;
    return size_t(i);
}

void paintPriceChart(QPainter &p, const QRectF &area, const PriceScene &sc, const PriceViewport &vp)
{
    using namespace theme;
    p.save();
    p.fillRect(area, kBackground);
    const Geometry g = geometry(area, sc, vp);
    const QRectF &plot = g.plot, &axis = g.axis;
    p.fillRect(axis, kPanel);
    const QFont font = chartFont(p.font());
    p.setFont(font);
    if (sc.candles.empty()) {
        p.setPen(kAxisText);
        p.drawText(plot, Qt::AlignCenter, QCoreApplication::translate("PriceChart", "Waiting for trades…"));
        p.restore();
        return;
    }

    const double w = g.w, lo = g.lo, hi = g.hi;
    const size_t first = g.first, last = g.last;
    auto xOf = [&g](double i) { return g.xOf(i); };
    auto yOf = [&g](double price) { return g.yOf(price); };
    double maxVol = 0;
    for (size_t i = first; i <= last; ++i)
        maxVol = std::max(maxVol, sc.candles[i].volume);

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
    if (sc.anchorMs) { // anchored VWAP (A10): one line from the anchor's candle on
        QPainterPath path;
        bool open = false;
        for (size_t i = first; i <= last && i < sc.anchoredVwap.size(); ++i)
            if (const auto &v = sc.anchoredVwap[i]) {
                const QPointF pt(xOf(double(i)), yOf(*v));
                open ? path.lineTo(pt) : path.moveTo(pt);
                open = true;
            }
        p.setPen(QPen(kAnchoredVwap, 2));
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

    // Levels: lines across the plot; their labels laid out by layoutTags (never overlapping).
    for (const LevelLine &l : sc.levels) {
        const double y = yOf(l.price);
        if (y >= plot.top() && y <= plot.bottom()) {
            p.setPen(QPen(l.colour, 1, l.style));
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        }
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

    for (const LevelTag &t : layoutTags(g, sc, QFontMetricsF(font))) {
        p.fillRect(t.nameRect, QColor(kBackground.red(), kBackground.green(), kBackground.blue(), 200));
        p.setPen(t.colour);
        p.drawText(t.nameRect, Qt::AlignCenter, t.name);
        if (t.valueRect.isEmpty())
            continue;
        p.fillRect(t.valueRect, t.colour);
        p.setPen(kTextOnStrong);
        p.drawText(t.valueRect.adjusted(4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, t.value);
    }
    if (sc.hasLastPrice && yOf(sc.lastPrice) > plot.top() && yOf(sc.lastPrice) < plot.bottom()) {
        const QRectF tag(axis.left() + 2, yOf(sc.lastPrice) - 8, axis.width() - 4, 16);
        p.fillRect(tag, kLastPrice);
        p.setPen(kTextOnStrong);
        p.drawText(tag.adjusted(4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, formatPrice(sc.lastPrice, sc.priceDecimals));
    }

    // Time axis: labels kept inside the plot's width and never on top of one another.
    p.setPen(kAxisText);
    const QFontMetricsF fm(font);
    const size_t every = size_t(std::max(1.0, std::ceil(64 / w)));
    double freeFrom = plot.left();
    for (size_t i = first; i <= last; ++i) {
        if (i % every != 0)
            continue;
        const QString text = formatUtcTime(sc.candles[i].openTime);
        const double tw = fm.horizontalAdvance(text) + 6;
        const double x = std::clamp(xOf(double(i)) - tw / 2, plot.left(), plot.right() - tw);
        if (x < freeFrom)
            continue;
        p.drawText(QRectF(x, plot.bottom() + 2, tw, kTimeAxis), Qt::AlignCenter, text);
        freeFrom = x + tw + 4;
    }
    p.drawText(QRectF(axis.left(), plot.bottom() + 2, axis.width() - 6, kTimeAxis), Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("UTC"));
    p.restore();
}

} // namespace co
