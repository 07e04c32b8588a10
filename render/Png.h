#pragma once
// PNG bytes of a painted image within a size budget (MCP image content): the image is encoded at
// full size, then scaled down by steps until it fits. Reusable by any painter (footprint, profile,
// heatmap).
#include <QByteArray>
#include <QImage>

namespace co {

// Empty when even a small version does not fit (or the image is null).
QByteArray encodePng(const QImage &image, qsizetype maxBytes);

} // namespace co
