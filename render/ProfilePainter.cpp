#include "render/ProfilePainter.h"

#include "render/Format.h"
#include "render/Theme.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace co {

void paintProfile(QPainter &p, const QRectF &area, const ProfileScene &sc)
{
    using namespace theme;
    p.save();
    p.fillRect(area, kBackground);
    QFont font = p.font();
    font.setPixelSize(11);
    p.setFont(font);
    if (sc.rows.empty()) {
        p.setPen(kAxisText);
        p.drawText(area, Qt::AlignCenter, QCoreApplication::translate("co::ProfileView", "No trades in this profile yet"));
        p.restore();
        return;
    }
    constexpr double kAxis = 70, kHeader = 20;
    const QRectF plot(area.left() + kAxis, area.top() + kHeader, std::max(0.0, area.width() - kAxis - 8),
                      std::max(0.0, area.height() - kHeader - 4));
    const double rowH = plot.height() / double(sc.rows.size());
    auto yOf = [&](size_t i) { return plot.top() + double(i) * rowH; };
    auto indexOf = [&](double price) { return size_t(std::llround((sc.rows.front().price - price) / sc.rowStep)); };
    double maxVol = 0;
    for (const ProfileRow &r : sc.rows)
        maxVol = std::max(maxVol, r.buy + r.sell);

    if (sc.vah && sc.val)
        p.fillRect(QRectF(area.left(), yOf(indexOf(*sc.vah)), area.width(), (double(indexOf(*sc.val)) - double(indexOf(*sc.vah)) + 1) * rowH),
                   kValueArea);
    const double gap = rowH >= 4 ? 1 : 0;
    for (size_t i = 0; i < sc.rows.size(); ++i) {
        const ProfileRow &r = sc.rows[i];
        const double len = maxVol > 0 ? (r.buy + r.sell) / maxVol * plot.width() : 0;
        const double sellLen = r.buy + r.sell > 0 ? len * r.sell / (r.buy + r.sell) : 0;
        const bool inVa = sc.vah && sc.val && r.price <= *sc.vah + sc.rowStep / 4 && r.price >= *sc.val - sc.rowStep / 4;
        const int alpha = inVa ? 230 : 120;
        p.fillRect(QRectF(plot.left(), yOf(i), sellLen, rowH - gap), QColor(kSell.red(), kSell.green(), kSell.blue(), alpha));
        p.fillRect(QRectF(plot.left() + sellLen, yOf(i), len - sellLen, rowH - gap), QColor(kBuy.red(), kBuy.green(), kBuy.blue(), alpha));
    }

    // POC, VAH, VAL lines and labels; price labels on the left.
    auto level = [&](const std::optional<double> &price, const QString &name, const QColor &c, Qt::PenStyle st) {
        if (!price)
            return;
        const double y = yOf(indexOf(*price)) + rowH / 2;
        p.setPen(QPen(c, st == Qt::SolidLine ? 2 : 1, st));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(c);
        const bool below = y - 14 < plot.top(); // keep clear of the header
        p.drawText(QRectF(plot.right() - 150, below ? y + 1 : y - 14, 146, 13), Qt::AlignRight | (below ? Qt::AlignTop : Qt::AlignBottom),
                   name + QLatin1Char(' ') + formatPrice(*price, sc.priceDecimals));
    };
    level(sc.vah, QCoreApplication::translate("co::ProfileView", "VAH"), kPoc, Qt::DashLine);
    level(sc.val, QCoreApplication::translate("co::ProfileView", "VAL"), kPoc, Qt::DashLine);
    level(sc.poc, QCoreApplication::translate("co::ProfileView", "POC"), kPoc, Qt::SolidLine);

    p.setPen(kAxisText);
    const size_t every = size_t(std::max(1.0, std::ceil(16 / std::max(rowH, 0.01))));
    for (size_t i = 0; i < sc.rows.size(); i += every)
        p.drawText(QRectF(area.left() + 2, yOf(i) + rowH / 2 - 8, kAxis - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                   formatPrice(sc.rows[i].price, sc.priceDecimals));
    if (sc.hasLastPrice && sc.lastPrice <= sc.rows.front().price && sc.lastPrice >= sc.rows.back().price) {
        const double y = yOf(indexOf(std::floor(sc.lastPrice / sc.rowStep + 1e-9) * sc.rowStep)) + rowH / 2;
        p.fillRect(QRectF(area.left() + 2, y - 8, kAxis - 4, 16), kLastPrice);
        p.setPen(kTextOnStrong);
        p.drawText(QRectF(area.left() + 2, y - 8, kAxis - 6, 16), Qt::AlignRight | Qt::AlignVCenter,
                   formatPrice(sc.lastPrice, sc.priceDecimals));
    }
    p.setPen(kText);
    p.drawText(QRectF(area.left() + 6, area.top() + 2, area.width() - 12, kHeader - 4), Qt::AlignLeft | Qt::AlignVCenter,
               QCoreApplication::translate("co::ProfileView", "%1 · rows %2 · volume %3 · value area %4")
                   .arg(sc.title, formatPrice(sc.rowStep, decimalsFor(sc.rowStep)), formatQty(sc.volume), formatQty(sc.valueAreaVolume)));
    p.restore();
}

} // namespace co
