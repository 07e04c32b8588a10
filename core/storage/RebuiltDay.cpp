#include "storage/RebuiltDay.h"

#include <zstd.h>

#include <cstring>
#include <map>
#include <string_view>
#include <type_traits>

namespace co {

namespace {
// One field list per struct (io below) serves both directions: Writer appends, Reader fills.
class Writer {
public:
    std::string out;
    void var(uint64_t v)
    {
        while (v >= 0x80) {
            out.push_back(char(v | 0x80));
            v >>= 7;
        }
        out.push_back(char(v));
    }
    void operator()(const int64_t &v) { var((uint64_t(v) << 1) ^ uint64_t(v >> 63)); } // zigzag
    void operator()(const int8_t &v) { (*this)(int64_t(v)); }
    void operator()(const bool &v) { var(v ? 1 : 0); }
    void operator()(const double &v)
    {
        uint64_t bits;
        static_assert(sizeof bits == sizeof v);
        std::memcpy(&bits, &v, sizeof v);
        var(bits);
    }
    void operator()(const __int128 &v)
    {
        (*this)(int64_t(uint64_t(v)));
        (*this)(int64_t(v >> 64));
    }
    void operator()(const std::string &s)
    {
        var(s.size());
        out.append(s);
    }
    template <class E>
        requires std::is_enum_v<E>
    void operator()(const E &e) { (*this)(int64_t(e)); }
};

class Reader {
public:
    std::string_view in;
    bool ok = true;
    uint64_t var()
    {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (in.empty()) {
                ok = false;
                return 0;
            }
            const auto b = uint8_t(in.front());
            in.remove_prefix(1);
            v |= uint64_t(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        ok = false;
        return 0;
    }
    size_t count() // a length: never more than the bytes left (a corrupt record stays small)
    {
        const uint64_t n = var();
        if (n > in.size())
            ok = false;
        return ok ? size_t(n) : 0;
    }
    void operator()(int64_t &v)
    {
        const uint64_t z = var();
        v = int64_t(z >> 1) ^ -int64_t(z & 1);
    }
    void operator()(int8_t &v)
    {
        int64_t x = 0;
        (*this)(x);
        v = int8_t(x);
    }
    void operator()(bool &v) { v = var() != 0; }
    void operator()(double &v)
    {
        const uint64_t bits = var();
        std::memcpy(&v, &bits, sizeof v);
    }
    void operator()(__int128 &v)
    {
        int64_t lo = 0, hi = 0;
        (*this)(lo);
        (*this)(hi);
        v = (__int128(hi) << 64) | __int128(uint64_t(lo));
    }
    void operator()(std::string &s)
    {
        const size_t n = count();
        s.assign(in.substr(0, n));
        in.remove_prefix(n);
    }
    template <class E>
        requires std::is_enum_v<E>
    void operator()(E &e)
    {
        int64_t x = 0;
        (*this)(x);
        e = E(x);
    }
};

template <class A, class T> void io(A &a, T &v) { a(v); }
template <class A, class T> void io(A &a, std::vector<T> &v);
template <class A, class T> void io(A &a, std::optional<T> &v);
template <class A, class K, class V> void io(A &a, std::map<K, V> &m);

template <class A> void io(A &a, RebuiltSums &s)
{
    io(a, s.q), io(a, s.pq), io(a, s.p2q), io(a, s.pd), io(a, s.qd);
}
template <class A> void io(A &a, RebuiltRows &r) { io(a, r.lowRow), io(a, r.buy), io(a, r.sell), io(a, r.trades); }
template <class A> void io(A &a, RebuiltBigTrade &t)
{
    io(a, t.id), io(a, t.timeMs), io(a, t.price), io(a, t.qty), io(a, t.takerBuy);
}
template <class A> void io(A &a, RebuiltBar &b)
{
    for (int64_t *f : {&b.openTime, &b.open, &b.high, &b.low, &b.close, &b.openId, &b.closeId, &b.buy, &b.sell,
                       &b.trades, &b.largeVolume, &b.deltaMax, &b.deltaMin, &b.highRow, &b.lowRow, &b.lastMs})
        io(a, *f);
    io(a, b.rows), io(a, b.sums), io(a, b.bigTrades);
}
template <class A> void io(A &a, RebuiltTotals &t)
{
    for (int64_t *f : {&t.trades, &t.buy, &t.sell, &t.open, &t.high, &t.low, &t.close, &t.openId, &t.closeId,
                       &t.firstMs, &t.lastMs})
        io(a, *f);
    io(a, t.sums);
}
template <class A> void io(A &a, RebuiltDayView &d)
{
    io(a, d.day), io(a, d.startMs), io(a, d.endMs), io(a, d.cvdBefore), io(a, d.totals), io(a, d.profile),
        io(a, d.minuteBars);
}
template <class A> void io(A &a, RebuiltSessionStats &s)
{
    for (int64_t *f : {&s.startUtcMs, &s.endUtcMs, &s.open, &s.high, &s.low, &s.close, &s.openId, &s.closeId, &s.buy,
                       &s.sell, &s.trades})
        io(a, *f);
    io(a, s.sums);
}
template <class A> void io(A &a, RebuiltSession &s)
{
    io(a, s.name), io(a, s.startMin), io(a, s.endMin), io(a, s.windowStartMs), io(a, s.windowEndMs), io(a, s.stats);
}
template <class A> void io(A &a, RebuiltSummary &s)
{
    io(a, s.day), io(a, s.startMs), io(a, s.endMs), io(a, s.pocRow), io(a, s.high), io(a, s.low), io(a, s.hasTrades);
}
template <class A> void io(A &a, Gap &g) { io(a, g.fromMs), io(a, g.toMs), io(a, g.fromId), io(a, g.toId), io(a, g.reason); }
template <class A> void io(A &a, DataQuality &q)
{
    io(a, q.live), io(a, q.source), io(a, q.ageMs), io(a, q.fromMs), io(a, q.toMs), io(a, q.coverage),
        io(a, q.tradeSource), io(a, q.tickSize), io(a, q.tickSource), io(a, q.gaps), io(a, q.gapsOmitted),
        io(a, q.excluded), io(a, q.duplicates), io(a, q.offGridTrades), io(a, q.warnings);
}
template <class A> void io(A &a, SymbolInfo &s)
{
    io(a, s.name), io(a, s.tickSize), io(a, s.stepSize), io(a, s.tickSource), io(a, s.status), io(a, s.contractType),
        io(a, s.quoteAsset);
}
template <class A> void io(A &a, RebuiltDay &d)
{
    for (int64_t *f : {&d.seq, &d.asOfMs, &d.lastPrice, &d.lastTradeMs, &d.lastTradeId, &d.cvdAll})
        io(a, *f);
    io(a, d.symbol), io(a, d.hasTrade), io(a, d.today), io(a, d.prior), io(a, d.todaySessions),
        io(a, d.priorSessions), io(a, d.history), io(a, d.quality), io(a, d.warnings);
}

template <class A, class T> void io(A &a, std::vector<T> &v)
{
    if constexpr (std::is_same_v<A, Writer>) {
        a.var(v.size());
    } else {
        v.resize(a.count());
    }
    for (T &x : v)
        io(a, x);
}
template <class A, class T> void io(A &a, std::optional<T> &v)
{
    bool has = v.has_value();
    io(a, has);
    if (has && !v)
        v.emplace();
    if (has)
        io(a, *v);
}
template <class A, class K, class V> void io(A &a, std::map<K, V> &m)
{
    if constexpr (std::is_same_v<A, Writer>) {
        a.var(m.size());
        for (auto &[k, v] : m) {
            K key = k;
            io(a, key), io(a, v);
        }
    } else {
        const size_t n = a.count();
        for (size_t i = 0; i < n && a.ok; ++i) {
            K key{};
            V value{};
            io(a, key), io(a, value);
            m.emplace(std::move(key), std::move(value));
        }
    }
}
} // namespace

bool RebuiltDay::operator==(const RebuiltDay &o) const { return encodeRebuiltDay(*this) == encodeRebuiltDay(o); }

QByteArray encodeRebuiltDay(const RebuiltDay &d)
{
    Writer w;
    w.var(RebuiltDay::kVersion);
    io(w, const_cast<RebuiltDay &>(d)); // the Writer only reads
    QByteArray out(qsizetype(ZSTD_compressBound(w.out.size())), Qt::Uninitialized);
    const size_t n = ZSTD_compress(out.data(), size_t(out.size()), w.out.data(), w.out.size(), 3);
    if (ZSTD_isError(n))
        return {};
    out.resize(qsizetype(n));
    return out;
}

std::optional<RebuiltDay> decodeRebuiltDay(const QByteArray &bytes)
{
    const unsigned long long size = ZSTD_getFrameContentSize(bytes.constData(), size_t(bytes.size()));
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ull << 31))
        return std::nullopt;
    std::string raw(size_t(size), '\0');
    const size_t n = ZSTD_decompress(raw.data(), raw.size(), bytes.constData(), size_t(bytes.size()));
    if (ZSTD_isError(n) || n != raw.size())
        return std::nullopt;
    Reader r;
    r.in = raw;
    if (r.var() != uint64_t(RebuiltDay::kVersion) || !r.ok)
        return std::nullopt;
    RebuiltDay d;
    io(r, d);
    if (!r.ok || !r.in.empty())
        return std::nullopt;
    return d;
}

} // namespace co
