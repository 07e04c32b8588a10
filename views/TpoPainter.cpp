#include "views/TpoPainter.h"

#include "engine/RowSize.h"
#include "model/Fixed.h"
#include "render/Format.h"
#include "render/Theme.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace co {

using namespace theme;

namespace {
constexpr double kAxis = 72, kHeader = 20, kIbBar = 10;
} // namespace

TpoScene buildTpoScene(const EngineSnapshot &s, int64_t fromMs, int64_t toMs, int periodMinutes, int64_t ticks,
                       int64_t maxRows, const QString &title)
{
    TpoScene sc;
    sc.title = title;
    const int64_t tick = s.symbol.tickSize;
    sc.priceDecimals = decimalsFor(fixedToDouble(tick));
    TpoOptions o;
    o.periodMinutes = std::max(1, periodMinutes);
    o.levels = true;
    o.ticksPerRow = std::max<int64_t>(1, ticks);
    TpoProfile t = tpoProfile(s, fromMs, toMs, o);
    // Too many rows for the height: the smallest round multiple of the asked size that fits.
    if (maxRows > 0 && int64_t(t.rows.size()) > maxRows)
        for (int64_t k : kAutoTicksPerRow) {
            if (k <= o.ticksPerRow || k % o.ticksPerRow)
                continue;
            o.ticksPerRow = k;
            t = tpoProfile(s, fromMs, toMs, o);
            if (int64_t(t.rows.size()) <= maxRows)
                break;
        }
    sc.rowStep = fixedToDouble(o.ticksPerRow * tick);
    sc.periods = t.periods;
    for (const ProfileLevelRow &r : t.rows)
        sc.rows.push_back({r.price, QString::fromStdString(r.letters)});
    sc.poc = t.tpoPoc;
    sc.vah = t.tpoVah;
    sc.val = t.tpoVal;
    sc.ibHigh = t.ibHigh;
    sc.ibLow = t.ibLow;
    return sc;
}

TpoLayout tpoLayout(const QRectF &area, const TpoScene &sc)
{
    TpoLayout l;
    l.plot = QRectF(area.left() + kAxis + kIbBar + 4, area.top() + kHeader, std::max(1.0, area.width() - kAxis - kIbBar - 8),
                    std::max(1.0, area.height() - kHeader - 2));
    const double n = double(std::max<size_t>(1, sc.rows.size()));
    l.rowHeight = std::min(18.0, l.plot.height() / n);
    l.letterWidth = std::clamp(l.plot.width() / double(std::max(1, sc.periods)), 2.0, 12.0);
    l.ibX = area.left() + kAxis + 2;
    return l;
}

void paintTpo(QPainter &p, const QRectF &area, const TpoScene &sc)
{
    p.save();
    p.fillRect(area, kBackground);
    p.setPen(kText);
    p.drawText(QRectF(area.left() + 6, area.top() + 2, area.width() - 12, kHeader - 4), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("%1 · %2 periods · rows %3")
                   .arg(sc.title)
                   .arg(sc.periods)
                   .arg(formatPrice(sc.rowStep, decimalsFor(sc.rowStep))));
    if (sc.rows.empty()) {
        p.restore();
        return;
    }
    const TpoLayout l = tpoLayout(area, sc);
    const auto near = [&](const std::optional<double> &v, double price) { return v && std::abs(*v - price) < sc.rowStep / 2; };
    const auto inside = [&](const std::optional<double> &lo, const std::optional<double> &hi, double price) {
        return lo && hi && price >= *lo - sc.rowStep / 2 && price <= *hi + sc.rowStep / 2;
    };
    QFont f = p.font();
    f.setPixelSize(int(std::clamp(l.rowHeight - 2, 6.0, 13.0)));
    f.setFamily(QStringLiteral("monospace"));
    p.setFont(f);
    const bool text = l.rowHeight >= 7 && l.letterWidth >= 6;
    const size_t labelEvery = size_t(std::max(1.0, std::ceil(16 / l.rowHeight)));
    for (size_t i = 0; i < sc.rows.size(); ++i) {
        const TpoSceneRow &r = sc.rows[i];
        const QRectF row(l.plot.left(), l.rowTop(i), l.plot.width(), l.rowHeight);
        if (inside(sc.val, sc.vah, r.price))
            p.fillRect(row, kValueArea);
        if (near(sc.poc, r.price))
            p.fillRect(QRectF(row.left(), row.top(), row.width(), std::max(1.0, l.rowHeight)), QColor(kPoc.red(), kPoc.green(), kPoc.blue(), 90));
        if (inside(sc.ibLow, sc.ibHigh, r.price))
            p.fillRect(QRectF(l.ibX, row.top(), kIbBar, l.rowHeight), kSessionLevel);
        for (int c = 0; c < int(r.letters.size()); ++c) {
            const QChar ch = r.letters[c];
            const int period = ch.isUpper() ? ch.unicode() - 'A' : 26 + ch.unicode() - 'a';
            const QRectF cell(l.letterX(period), row.top(), l.letterWidth, l.rowHeight);
            if (text) {
                p.setPen(period < 2 ? kSessionLevel : kText);
                p.drawText(cell, Qt::AlignCenter, QString(ch));
            } else {
                p.fillRect(cell.adjusted(0, 0, -1, -std::min(1.0, l.rowHeight / 3)), period < 2 ? kSessionLevel : kAxisText);
            }
        }
        if (i % labelEvery == 0) {
            p.setPen(near(sc.poc, r.price) ? kPoc : kAxisText);
            p.drawText(QRectF(area.left() + 2, row.center().y() - 8, kAxis - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                       formatPrice(r.price, sc.priceDecimals));
        }
    }
    p.restore();
}

QImage renderTpo(const TpoScene &scene, QSize size)
{
    QImage img(size, QImage::Format_ARGB32_Premultiplied);
    QPainter p(&img);
    paintTpo(p, QRectF(QPointF(0, 0), QSizeF(size)), scene);
    p.end();
    return img;
}

} // namespace co
