#include "storage/TradeBlock.h"

#include <zstd.h>

#include <cstring>
#include <memory>

namespace co {

namespace {
constexpr uint8_t kVersion = 1;
constexpr uint8_t kPriceRaw = 1, kQtyRaw = 2;
constexpr uint32_t kMaxTrades = 1u << 20; // a decoder bound: blocks hold a few thousand
constexpr int kZstdLevel = 1;             // ~4x at several hundred MB/s: ingest stays cheap

uint64_t zigzag(int64_t v) { return (uint64_t(v) << 1) ^ uint64_t(v >> 63); }
int64_t unzigzag(uint64_t v) { return int64_t(v >> 1) ^ -int64_t(v & 1); }

void putVarint(std::string &out, uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(char(uint8_t(v) | 0x80));
        v >>= 7;
    }
    out.push_back(char(uint8_t(v)));
}

struct Reader {
    const uint8_t *p, *end;
    bool ok = true;
    uint64_t varint()
    {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p == end) {
                ok = false;
                return 0;
            }
            const uint8_t b = *p++;
            v |= uint64_t(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        ok = false; // longer than 10 bytes
        return 0;
    }
    int64_t signedVarint() { return unzigzag(varint()); }
};

bool failWith(QString *error, const char *why)
{
    if (error)
        *error = QStringLiteral("trade block: %1").arg(QLatin1String(why));
    return false;
}
} // namespace

std::string encodeTradeBlock(std::span<const Trade> trades, TradeBlockUnits units)
{
    uint8_t flags = 0;
    for (const Trade &t : trades) {
        if (t.price % units.price)
            flags |= kPriceRaw;
        if (t.qty % units.qty)
            flags |= kQtyRaw;
    }
    const int64_t pu = (flags & kPriceRaw) ? 1 : units.price;
    const int64_t qu = (flags & kQtyRaw) ? 1 : units.qty;
    std::string raw;
    raw.reserve(trades.size() * 8 + 16);
    raw.push_back(char(kVersion));
    raw.push_back(char(flags));
    putVarint(raw, trades.size());
    // Columns one after another: zstd finds the repeats within each column.
    int64_t prev = 0;
    for (const Trade &t : trades) {
        putVarint(raw, zigzag(t.id - prev));
        prev = t.id;
    }
    prev = 0;
    for (const Trade &t : trades) {
        putVarint(raw, zigzag(t.timeMs - prev));
        prev = t.timeMs;
    }
    prev = 0;
    for (const Trade &t : trades) {
        putVarint(raw, zigzag(t.price / pu - prev));
        prev = t.price / pu;
    }
    for (const Trade &t : trades)
        putVarint(raw, zigzag(t.qty / qu));
    uint8_t bits = 0;
    for (size_t i = 0; i < trades.size(); ++i) {
        bits |= uint8_t(trades[i].buyerMaker ? 1 : 0) << (i % 8);
        if (i % 8 == 7 || i + 1 == trades.size()) {
            raw.push_back(char(bits));
            bits = 0;
        }
    }
    std::string out(ZSTD_compressBound(raw.size()) + 4, '\0');
    // The raw size first: the decoder allocates once and checks it.
    const uint32_t rawSize = uint32_t(raw.size());
    std::memcpy(out.data(), &rawSize, 4);
    // A context per thread, reused; the frame checksum makes a damaged block an error, not
    // wrong trades.
    thread_local std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx *)> ctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
    if (!ctx)
        return {};
    ZSTD_CCtx_setParameter(ctx.get(), ZSTD_c_compressionLevel, kZstdLevel);
    ZSTD_CCtx_setParameter(ctx.get(), ZSTD_c_checksumFlag, 1);
    const size_t n = ZSTD_compress2(ctx.get(), out.data() + 4, out.size() - 4, raw.data(), raw.size());
    if (ZSTD_isError(n))
        return {};
    out.resize(n + 4);
    return out;
}

bool decodeTradeBlock(std::string_view blob, TradeBlockUnits units, TradeSource source, std::vector<Trade> &out,
                      QString *error)
{
    if (blob.size() < 4)
        return failWith(error, "cut short");
    uint32_t rawSize = 0;
    std::memcpy(&rawSize, blob.data(), 4);
    if (rawSize < 3 || rawSize > kMaxTrades * 40)
        return failWith(error, "bad size");
    const unsigned long long frame = ZSTD_getFrameContentSize(blob.data() + 4, blob.size() - 4);
    if (frame != rawSize)
        return failWith(error, "cut short or corrupt");
    thread_local std::string raw;
    raw.resize(rawSize);
    thread_local std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx *)> ctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
    if (!ctx)
        return failWith(error, "no zstd context");
    const size_t got = ZSTD_decompressDCtx(ctx.get(), raw.data(), raw.size(), blob.data() + 4, blob.size() - 4);
    if (ZSTD_isError(got) || got != rawSize)
        return failWith(error, "corrupt");
    Reader r{reinterpret_cast<const uint8_t *>(raw.data()), reinterpret_cast<const uint8_t *>(raw.data()) + raw.size()};
    const uint8_t version = *r.p++;
    const uint8_t flags = *r.p++;
    if (version != kVersion)
        return failWith(error, "unknown version");
    const uint64_t n = r.varint();
    if (!r.ok || n == 0 || n > kMaxTrades)
        return failWith(error, "bad count");
    const int64_t pu = (flags & kPriceRaw) ? 1 : units.price;
    const int64_t qu = (flags & kQtyRaw) ? 1 : units.qty;
    const size_t base = out.size();
    out.resize(base + n);
    Trade *t = out.data() + base;
    int64_t acc = 0;
    for (uint64_t i = 0; i < n; ++i)
        t[i].id = acc += r.signedVarint();
    acc = 0;
    for (uint64_t i = 0; i < n; ++i)
        t[i].timeMs = acc += r.signedVarint();
    acc = 0;
    for (uint64_t i = 0; i < n; ++i)
        t[i].price = (acc += r.signedVarint()) * pu;
    for (uint64_t i = 0; i < n; ++i)
        t[i].qty = r.signedVarint() * qu;
    if (!r.ok || size_t(r.end - r.p) != (n + 7) / 8) {
        out.resize(base);
        return failWith(error, "corrupt columns");
    }
    for (uint64_t i = 0; i < n; ++i) {
        t[i].buyerMaker = (r.p[i / 8] >> (i % 8)) & 1;
        t[i].source = source;
    }
    return true;
}

} // namespace co
