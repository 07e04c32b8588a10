#pragma once
// A depth-ladder sample as stored in depth_samples.ladder: version byte, band count, then per
// band bid/ask qty (int64) and notional (double), little-endian, zlib-compressed (qCompress).
#include "model/Depth.h"

#include <QByteArray>

#include <optional>

namespace co {

QByteArray encodeDepthBlob(const DepthSample &s);
// nullopt on a blob this program did not write.
std::optional<DepthSample> decodeDepthBlob(const QByteArray &blob, int64_t timeMs);

} // namespace co
