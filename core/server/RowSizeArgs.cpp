#include "server/RowSizeArgs.h"

#include "engine/RowSize.h"
#include "model/Fixed.h"
#include "server/ToolSchema.h"

#include <QLocale>

#include <cmath>

namespace co {

namespace {
QString price(int64_t units) { return QString::number(fixedToDouble(units), 'f', QLocale::FloatingPointShortest); }

QString ticksAllowed()
{
    return QStringLiteral("use an integer from 1 to %1 or \"auto\" (default 1)").arg(kMaxTicksPerRow);
}
} // namespace

QJsonObject ticksPerRowSchema()
{
    // No "type": an integer or the string "auto" (schemas here avoid type arrays and oneOf).
    return QJsonObject{{"description", QStringLiteral("ticks merged per price row: an integer from 1 to %1, or \"auto\" "
                                                      "(the smallest of 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000 giving "
                                                      "at most 40 rows in the widest bar; the answer says which). "
                                                      "Default 1 (exact ticks). POC, value area, imbalances and "
                                                      "stacked zones are computed on the merged rows")
                                           .arg(kMaxTicksPerRow)}};
}

QJsonObject binSizeSchema()
{
    return QJsonObject{{"type", "number"},
                       {"minimum", 0},
                       {"description", "row size in price units, a positive multiple of the tick size (binSize = "
                                       "ticksPerRow × tick); same effect as ticksPerRow"}};
}

QJsonObject tickSizeSchema()
{
    return QJsonObject{{"type", "number"},
                       {"minimum", 0},
                       {"description", "the Python server's name for binSize (used when binSize is absent)"}};
}

RowSizeChoice rowSizeOf(const ToolArgs &a, int64_t tick)
{
    RowSizeChoice c;
    const QJsonValue t = a.raw("ticksPerRow");
    if (!t.isUndefined()) {
        c.asked = true;
        if (t.isString() && t.toString() == QLatin1String("auto")) {
            c.autoPick = true;
        } else {
            const double d = t.isDouble() ? t.toDouble() : t.isString() ? t.toString().toDouble() : 0;
            if (!(d >= 1 && d <= double(kMaxTicksPerRow) && d == std::floor(d)))
                a.reject("ticksPerRow", ticksAllowed());
            c.ticks = int64_t(d);
        }
    }
    // binSize wins over the Python server's tickSize, as it did there.
    const char *bin = a.has("binSize") ? "binSize" : a.has("tickSize") ? "tickSize" : nullptr;
    if (bin) {
        const double b = a.number(bin);
        const long double units = (long double)b * kFixedOne;
        const int64_t rounded = int64_t(std::llround(units));
        const bool onScale = std::fabs(double(units - (long double)rounded)) < 1e-3;
        const std::optional<int64_t> k = onScale ? ticksForBinSize(rounded, tick) : std::nullopt;
        if (!k)
            a.reject(bin, QStringLiteral("use a positive multiple of the tick size %1 up to %2, such as %1, %3 "
                                               "or %4 (binSize = ticksPerRow × tick)")
                                    .arg(price(tick), price(tick * kMaxTicksPerRow), price(tick * 10), price(tick * 100)));
        if (c.asked && (c.autoPick || c.ticks != *k))
            a.reject(bin, QStringLiteral("it disagrees with ticksPerRow; give one of them (binSize = ticksPerRow "
                                               "× tick %1)")
                                    .arg(price(tick)));
        c.asked = true;
        c.ticks = *k;
    }
    return c;
}

void addRowSize(QJsonObject &out, const RowSizeChoice &c, int64_t ticks, int64_t tick)
{
    if (!c.asked)
        return;
    out.insert("ticksPerRow", qint64(ticks));
    out.insert("binSize", fixedToDouble(ticks * tick));
    if (c.autoPick)
        out.insert("autoTicksPerRow", true);
}

} // namespace co
