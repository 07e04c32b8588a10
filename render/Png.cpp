#include "render/Png.h"

#include <QBuffer>

namespace co {

QByteArray encodePng(const QImage &image, qsizetype maxBytes)
{
    QImage img = image;
    while (!img.isNull() && img.width() >= 64 && img.height() >= 64) {
        QByteArray out;
        QBuffer buffer(&out);
        buffer.open(QIODevice::WriteOnly);
        if (!img.save(&buffer, "PNG", 9)) // best compression: flat colours compress well
            return {};
        if (out.size() <= maxBytes)
            return out;
        img = img.scaled(img.size() * 0.75, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    return {};
}

} // namespace co
