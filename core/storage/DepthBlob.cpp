#include "storage/DepthBlob.h"

#include <QtEndian>

#include <cstring>

namespace co {

namespace {
constexpr char kVersion = 1;
constexpr size_t kBandBytes = 4 * 8;
} // namespace

QByteArray encodeDepthBlob(const DepthSample &s)
{
    QByteArray raw(qsizetype(2 + kDepthLadderBands * kBandBytes), Qt::Uninitialized);
    char *p = raw.data();
    *p++ = kVersion;
    *p++ = char(kDepthLadderBands);
    auto put = [&p](uint64_t v) {
        qToLittleEndian(v, p);
        p += 8;
    };
    for (size_t i = 0; i < size_t(kDepthLadderBands); ++i) {
        uint64_t bn, an;
        std::memcpy(&bn, &s.bidNotional[i], 8);
        std::memcpy(&an, &s.askNotional[i], 8);
        put(uint64_t(s.bidQty[i]));
        put(uint64_t(s.askQty[i]));
        put(bn);
        put(an);
    }
    return qCompress(raw);
}

std::optional<DepthSample> decodeDepthBlob(const QByteArray &blob, int64_t timeMs)
{
    const QByteArray raw = qUncompress(blob);
    if (raw.size() != qsizetype(2 + kDepthLadderBands * kBandBytes) || raw[0] != kVersion ||
        raw[1] != char(kDepthLadderBands))
        return std::nullopt;
    DepthSample s;
    s.timeMs = timeMs;
    const char *p = raw.constData() + 2;
    auto get = [&p] {
        const uint64_t v = qFromLittleEndian<uint64_t>(p);
        p += 8;
        return v;
    };
    for (size_t i = 0; i < size_t(kDepthLadderBands); ++i) {
        s.bidQty[i] = int64_t(get());
        s.askQty[i] = int64_t(get());
        const uint64_t bn = get(), an = get();
        std::memcpy(&s.bidNotional[i], &bn, 8);
        std::memcpy(&s.askNotional[i], &an, 8);
    }
    return s;
}

} // namespace co
