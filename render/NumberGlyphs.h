#pragma once
// Fast drawing of short numbers ("12.35", "+4.1K", "−0.002"): the glyphs of the few characters
// numbers use are looked up once per font, so a repaint with tens of thousands of cell numbers
// skips text shaping and layout (QPainter::drawText) entirely.
#include <QFont>
#include <QGlyphRun>
#include <QRawFont>
#include <QString>

#include <array>

class QPainter;

namespace co {

class NumberGlyphs {
public:
    explicit NumberGlyphs(const QFont &font);
    bool valid() const { return valid_; }
    double width(const QString &text) const;
    // Draws text with its left edge at x, vertically centred on midY; pen colour of the painter.
    void draw(QPainter &p, double x, double midY, const QString &text) const;

private:
    static int slot(QChar c);

    QRawFont raw_;
    std::array<quint32, 20> glyph_{};
    std::array<double, 20> advance_{};
    double ascent_ = 0, descent_ = 0;
    bool valid_ = false;
};

} // namespace co
