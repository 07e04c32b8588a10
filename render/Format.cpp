#include "render/Format.h"

#include <QDateTime>
#include <QTimeZone>

#include <cmath>

namespace co {

int decimalsFor(double step)
{
    int d = 0;
    while (d < 8 && std::abs(step * std::pow(10.0, d) - std::round(step * std::pow(10.0, d))) > 1e-9)
        ++d;
    return d;
}

QString formatQty(double v)
{
    const double a = std::abs(v);
    if (a >= 1e6)
        return QString::number(v / 1e6, 'f', 1) + QLatin1Char('M');
    if (a >= 1e4)
        return QString::number(v / 1e3, 'f', 1) + QLatin1Char('K');
    if (a >= 1000)
        return QString::number(v, 'f', 0);
    if (a >= 100)
        return QString::number(v, 'f', 1);
    if (a >= 1)
        return QString::number(v, 'f', 2);
    if (a == 0)
        return QStringLiteral("0");
    return QString::number(v, 'f', 3);
}

QString formatSignedQty(double v)
{
    // U+2212 minus: same width as '+', reads better in columns.
    const QString s = formatQty(std::abs(v));
    if (v > 0)
        return QLatin1Char('+') + s;
    if (v < 0)
        return QChar(0x2212) + s;
    return s;
}

QString formatPrice(double v, int decimals) { return QString::number(v, 'f', decimals); }

QString formatNotional(double usdt)
{
    const double a = std::abs(usdt);
    if (a >= 1e9)
        return QString::number(usdt / 1e9, 'f', 2) + QLatin1Char('B');
    if (a >= 1e6)
        return QString::number(usdt / 1e6, 'f', 2) + QLatin1Char('M');
    if (a >= 1e4)
        return QString::number(usdt / 1e3, 'f', 1) + QLatin1Char('K');
    return QString::number(usdt, 'f', 0);
}

QString formatUtcTime(int64_t ms, bool seconds)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc())
        .toString(seconds ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
}

QString formatUtcDateTime(int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace co
