#pragma once
// Helpers shared by the decoder tests (test_decoders, test_decoders_recorded): DecodeResult by
// name in QCOMPARE, views of test frames, the stats balance and a gzip line reader.
#include "binance/FrameDecoder.h"

#include <QByteArray>
#include <QFile>
#include <QMetaType>
#include <QTest>

#include <zlib.h>

#include <string>
#include <string_view>

using co::DecodeResult;
Q_DECLARE_METATYPE(co::DecodeResult)

namespace co {
// QCOMPARE prints DecodeResult by name (found by ADL).
inline char *toString(DecodeResult r)
{
    static const char *const names[] = {"Event", "Ignored", "Excluded", "Malformed", "MissingField", "UnknownType"};
    return qstrdup(names[int(r)]);
}
} // namespace co

namespace decodertest {

constexpr size_t kPadding = 64; // simdjson::SIMDJSON_PADDING, see FrameDecoder.h

inline std::string_view sv(const QByteArray &b) { return {b.constData(), size_t(b.size())}; }
inline QByteArray symbolOf(const co::MarketEvent &ev)
{
    return {ev.symbol.view().data(), qsizetype(ev.symbol.view().size())};
}

// Every decode() call lands in exactly one counter.
inline uint64_t accounted(const co::DecodeStats &s)
{
    uint64_t n = s.decoded + s.malformed + s.missingField + s.ignored + s.unknownType;
    for (const auto &[x, count] : s.excluded)
        n += count;
    return n;
}

// Reads a gzip (or plain) text file line by line, without the trailing newline.
template <class F>
bool forEachGzLine(const QString &path, F &&f)
{
    gzFile gz = gzopen(QFile::encodeName(path).constData(), "rb");
    if (!gz)
        return false;
    std::string line;
    char buf[1 << 16];
    while (gzgets(gz, buf, sizeof buf)) {
        line += buf;
        if (line.back() != '\n')
            continue; // longer than buf: keep reading
        line.pop_back();
        f(line);
        line.clear();
    }
    if (!line.empty())
        f(line);
    const bool ok = gzeof(gz);
    gzclose(gz);
    return ok;
}

} // namespace decodertest
