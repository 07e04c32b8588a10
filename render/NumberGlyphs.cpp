#include "render/NumberGlyphs.h"

#include <QPainter>
#include <QVarLengthArray>


namespace co {

namespace {
// Every character formatQty / formatSignedQty / formatPrice can produce.
const QString kChars = QStringLiteral("0123456789.+-KMB") + QChar(0x2212) + QStringLiteral(" ,×");
} // namespace

int NumberGlyphs::slot(QChar c)
{
    const qsizetype i = kChars.indexOf(c);
    return i < 0 ? -1 : int(i);
}

NumberGlyphs::NumberGlyphs(const QFont &font) : raw_(QRawFont::fromFont(font))
{
    if (!raw_.isValid())
        return;
    const QList<quint32> glyphs = raw_.glyphIndexesForString(kChars);
    if (glyphs.size() != kChars.size())
        return;
    const QList<QPointF> adv = raw_.advancesForGlyphIndexes(glyphs);
    for (qsizetype i = 0; i < kChars.size(); ++i) {
        if (glyphs[i] == 0 && kChars[i] != QLatin1Char(' '))
            return; // the font lacks a character: fall back to drawText
        glyph_[size_t(i)] = glyphs[i];
        advance_[size_t(i)] = adv[i].x();
    }
    ascent_ = raw_.ascent();
    descent_ = raw_.descent();
    valid_ = true;
}

double NumberGlyphs::width(const QString &text) const
{
    double w = 0;
    for (QChar c : text)
        if (const int s = slot(c); s >= 0)
            w += advance_[size_t(s)];
    return w;
}

void NumberGlyphs::draw(QPainter &p, double x, double midY, const QString &text) const
{
    QVarLengthArray<quint32, 16> glyphs;
    QVarLengthArray<QPointF, 16> pos;
    const double baseline = midY + (ascent_ - descent_) / 2;
    for (QChar c : text) {
        const int s = slot(c);
        if (s < 0)
            continue;
        glyphs.append(glyph_[size_t(s)]);
        pos.append(QPointF(x, baseline));
        x += advance_[size_t(s)];
    }
    QGlyphRun run;
    run.setRawFont(raw_);
    run.setRawData(glyphs.constData(), pos.constData(), int(glyphs.size()));
    p.drawGlyphRun(QPointF(0, 0), run);
}

} // namespace co
