#include "binance/FrameDecoder.h"

#include "model/Fixed.h"

#include <simdjson.h>

#include <bit>
#include <climits>
#include <exception>

// `out` is only meaningful when decode() returns DecodeResult::Event; after any other result it may
// or may not have been overwritten.

namespace co {
namespace {

namespace od = simdjson::ondemand;
using simdjson::SUCCESS;

constexpr uint32_t key2(char a, char b = 0) noexcept { return uint32_t(uint8_t(a)) | uint32_t(uint8_t(b)) << 8; }

// Raw bytes of a JSON string up to its closing quote. Binance never escapes keys, symbols or
// decimals, so comparing raw bytes is exact for real frames; an escaped string merely fails to
// match (or to parse as a decimal). Stage 1 guarantees the closing quote exists.
inline std::string_view rawText(const char *p) noexcept
{
    size_t n = 0;
    while (p[n] != '"')
        ++n;
    return {p, n};
}

// Keys of one or two characters (every payload key we read) packed into an int for one switch;
// 0 for longer or empty keys.
inline uint32_t shortKey(const od::field &f) noexcept
{
    const char *k = f.key().raw();
    if (k[0] == '"')
        return 0;
    if (k[1] == '"')
        return key2(k[0]);
    if (k[2] == '"')
        return key2(k[0], k[1]);
    return 0;
}

inline bool readStr(od::value &v, std::string_view &out) noexcept
{
    od::raw_json_string r;
    if (v.get_raw_json_string().get(r) != SUCCESS)
        return false;
    out = rawText(r.raw());
    return true;
}

inline bool readFixed(od::value &v, int64_t &out) noexcept
{
    std::string_view s;
    return readStr(v, s) && parseFixed(s, out);
}

inline bool readInt(od::value &v, int64_t &out) noexcept { return v.get_int64().get(out) == SUCCESS; }
inline bool readBool(od::value &v, bool &out) noexcept { return v.get_bool().get(out) == SUCCESS; }

// [["price","qty"],…]; elements after the second of a level are ignored.
bool readLevels(od::value &v, std::vector<PriceLevel> &out)
{
    out.clear();
    od::array levels;
    if (v.get_array().get(levels) != SUCCESS)
        return false;
    for (auto lr : levels) {
        od::array pair;
        if (lr.get_array().get(pair) != SUCCESS)
            return false;
        PriceLevel l;
        int n = 0;
        for (auto xr : pair) {
            od::value x;
            if (xr.get(x) != SUCCESS)
                return false;
            if (n < 2 && !readFixed(x, n == 0 ? l.price : l.qty))
                return false;
            ++n;
        }
        if (n < 2)
            return false;
        out.push_back(l);
    }
    return true;
}

// "1m" → 60000. "1M" is a calendar month: no fixed length (and more ms than an int holds) → 0.
bool parseInterval(std::string_view s, int &ms) noexcept
{
    if (s.size() < 2 || s.size() > 5)
        return false;
    int64_t n = 0;
    for (char c : s.substr(0, s.size() - 1)) {
        if (c < '0' || c > '9')
            return false;
        n = n * 10 + (c - '0');
    }
    int64_t unit = 0;
    switch (s.back()) {
    case 's': unit = 1'000; break;
    case 'm': unit = 60'000; break;
    case 'h': unit = 3'600'000; break;
    case 'd': unit = 86'400'000; break;
    case 'w': unit = 604'800'000; break;
    case 'M': ms = 0; return n > 0;
    default: return false;
    }
    if (n <= 0 || n * unit > INT_MAX)
        return false;
    ms = int(n * unit);
    return true;
}

// @depth5 / @depth10@100ms / @depth20@500ms are partial books; @depth, @depth@100ms, @depth@0ms … diffs.
bool isPartialDepthStream(std::string_view stream) noexcept
{
    const size_t at = stream.find("@depth");
    return at != std::string_view::npos && at + 6 < stream.size() && stream[at + 6] >= '0' && stream[at + 6] <= '9';
}

// Index of the first required field not seen, or -1.
inline int firstMissing(uint32_t seen, uint32_t required) noexcept
{
    const uint32_t m = required & ~seen;
    return m ? std::countr_zero(m) : -1;
}

constexpr uint32_t allBits(int n) noexcept { return (1u << n) - 1; }

} // namespace

struct FrameDecoder::Impl {
    od::parser parser;
    std::string padded;       // copy of frames that come without padding; capacity is reused
    DepthUpdate depth;        // scratch, swapped into the event so level vectors keep their capacity
    DepthSnapshot snapshot;

    // Why the current frame was refused; filled on the error path only. Views point into the frame
    // or the parser and are turned into stats.lastError before the next frame.
    const char *errEvent = nullptr;
    const char *errField = nullptr;
    std::string_view errDetail;
    std::string_view excludedBy;

    DecodeResult fail(DecodeResult r, const char *event, const char *field = nullptr, std::string_view detail = {})
    {
        errEvent = event;
        errField = field;
        errDetail = detail;
        return r;
    }
    DecodeResult json(const char *event, simdjson::error_code e)
    {
        return fail(DecodeResult::Malformed, event, nullptr, simdjson::error_message(e));
    }

    DecodeResult frame(std::string_view text, size_t capacity, MarketEvent &out, std::string_view fallbackSymbol);
    DecodeResult combined(od::object &top, MarketEvent &out, std::string_view fallbackSymbol);
    DecodeResult payload(od::object &obj, MarketEvent &out, std::string_view fallbackSymbol);
    DecodeResult trade(od::object &obj, bool agg, MarketEvent &out);
    DecodeResult depthUpdate(od::object &obj, MarketEvent &out);
    DecodeResult markPrice(od::object &obj, MarketEvent &out);
    DecodeResult forceOrder(od::object &obj, MarketEvent &out);
    DecodeResult kline(od::object &obj, MarketEvent &out);
    DecodeResult untyped(od::object &obj, MarketEvent &out, std::string_view fallbackSymbol);
};

DecodeResult FrameDecoder::Impl::frame(std::string_view text, size_t capacity, MarketEvent &out,
                                       std::string_view fallbackSymbol)
{
    simdjson::padded_string_view in;
    if (capacity >= text.size() + simdjson::SIMDJSON_PADDING) {
        in = simdjson::padded_string_view(text.data(), text.size(), capacity);
    } else {
        padded.assign(text);
        padded.append(simdjson::SIMDJSON_PADDING, '\0');
        in = simdjson::padded_string_view(padded.data(), text.size(), padded.size());
    }
    od::document doc;
    if (auto e = parser.iterate(in).get(doc))
        return json("frame", e);
    od::object top;
    if (auto e = doc.get_object().get(top))
        return e == simdjson::INCORRECT_TYPE ? fail(DecodeResult::Malformed, "frame", nullptr, "not a JSON object")
                                             : json("frame", e);

    // The combined envelope starts with "stream" or "data"; anything else is a bare payload.
    bool envelope = false;
    for (auto fr : top) {
        od::field f;
        if (auto e = std::move(fr).get(f))
            return json("frame", e);
        const std::string_view k = rawText(f.key().raw());
        envelope = k == "stream" || k == "data";
        break;
    }
    if (auto e = top.reset().error())
        return json("frame", e);
    const DecodeResult r = envelope ? combined(top, out, fallbackSymbol) : payload(top, out, fallbackSymbol);
    // An event's object was read to its end, so whatever follows is garbage ("{…}}", "{…}{…}").
    if (r == DecodeResult::Event && doc.current_location().error() != simdjson::OUT_OF_BOUNDS)
        return fail(DecodeResult::Malformed, "frame", nullptr, "trailing content after the JSON object");
    return r;
}

// {"stream":…,"data":…} in either order; the stream name is only needed to tell partial depth.
DecodeResult FrameDecoder::Impl::combined(od::object &top, MarketEvent &out, std::string_view fallbackSymbol)
{
    std::string_view stream;
    bool haveData = false;
    DecodeResult r = DecodeResult::Ignored;
    for (auto fr : top) {
        od::field f;
        if (auto e = std::move(fr).get(f))
            return json("envelope", e);
        const std::string_view k = rawText(f.key().raw());
        if (k == "stream") {
            if (!readStr(f.value(), stream))
                return fail(DecodeResult::Malformed, "envelope", "stream");
        } else if (k == "data") {
            od::object data;
            if (f.value().get_object().get(data) != SUCCESS)
                return fail(DecodeResult::Malformed, "envelope", "data", "not a JSON object");
            r = payload(data, out, fallbackSymbol);
            haveData = true;
            if (r != DecodeResult::Event && r != DecodeResult::Ignored && r != DecodeResult::Excluded)
                return r;
        }
    }
    if (!haveData)
        return fail(DecodeResult::MissingField, "envelope", "data");
    if (r == DecodeResult::Event)
        if (auto *du = std::get_if<DepthUpdate>(&out.payload))
            du->partial = isPartialDepthStream(stream);
    return r;
}

DecodeResult FrameDecoder::Impl::payload(od::object &obj, MarketEvent &out, std::string_view fallbackSymbol)
{
    od::value ev;
    const simdjson::error_code e = obj.find_field_unordered("e").get(ev);
    if (e == simdjson::NO_SUCH_FIELD) {
        if (auto re = obj.reset().error())
            return json("frame", re);
        return untyped(obj, out, fallbackSymbol);
    }
    if (e)
        return json("frame", e);
    std::string_view type;
    if (!readStr(ev, type))
        return fail(DecodeResult::Malformed, "frame", "e");
    if (auto re = obj.reset().error())
        return json("frame", re);

    if (type == "aggTrade")
        return trade(obj, true, out);
    if (type == "depthUpdate")
        return depthUpdate(obj, out);
    if (type == "trade")
        return trade(obj, false, out);
    if (type == "bookTicker" || type == "24hrTicker" || type == "24hrMiniTicker" || type == "contractInfo")
        return DecodeResult::Ignored;
    if (type == "markPriceUpdate")
        return markPrice(obj, out);
    if (type == "kline")
        return kline(obj, out);
    if (type == "forceOrder")
        return forceOrder(obj, out);
    return fail(DecodeResult::UnknownType, "frame", "e", type);
}

DecodeResult FrameDecoder::Impl::trade(od::object &obj, bool agg, MarketEvent &out)
{
    static constexpr const char *names[2][6] = {{"s", "t", "p", "q", "T", "m"}, {"s", "a", "p", "q", "T", "m"}};
    const char *const event = agg ? "aggTrade" : "trade";
    const char idKey = agg ? 'a' : 't';
    Trade t;
    t.source = agg ? TradeSource::AggTrade : TradeSource::Trade;
    std::string_view sym, x;
    bool haveX = false;
    uint32_t seen = 0;
    for (auto fr : obj) {
        od::field f;
        if (auto e = std::move(fr).get(f))
            return json(event, e);
        const uint32_t k = shortKey(f);
        od::value &v = f.value();
        int bit = -1;
        bool ok = true;
        switch (k) {
        case key2('s'): bit = 0; ok = readStr(v, sym); break;
        case key2('p'): bit = 2; ok = readFixed(v, t.price); break;
        case key2('q'): bit = 3; ok = readFixed(v, t.qty); break;
        case key2('T'): bit = 4; ok = readInt(v, t.timeMs); break;
        case key2('m'): bit = 5; ok = readBool(v, t.buyerMaker); break;
        case key2('X'):
            if (agg)
                continue;
            if (!readStr(v, x))
                return fail(DecodeResult::Malformed, event, "X");
            haveX = true;
            continue;
        default:
            if (k != key2(idKey))
                continue;
            bit = 1;
            ok = readInt(v, t.id);
        }
        if (!ok)
            return fail(DecodeResult::Malformed, event, names[agg][bit]);
        seen |= 1u << bit;
    }
    if (const int m = firstMissing(seen, allBits(6)); m >= 0)
        return fail(DecodeResult::MissingField, event, names[agg][m]);
    if (haveX && x != "MARKET") {
        excludedBy = x;
        ExcludedTrade ex;
        ex.id = t.id;
        ex.timeMs = t.timeMs;
        x.copy(ex.orderType.data(), std::min(x.size(), ex.orderType.size() - 1));
        out.symbol.assign(sym);
        out.payload = ex;
        return DecodeResult::Excluded;
    }
    out.symbol.assign(sym);
    out.payload = t;
    return DecodeResult::Event;
}

DecodeResult FrameDecoder::Impl::depthUpdate(od::object &obj, MarketEvent &out)
{
    static constexpr const char *names[] = {"s", "E", "U", "u", "pu", "b", "a", "T"};
    DepthUpdate &d = depth;
    d.partial = false;
    d.txMs = 0;
    std::string_view sym;
    uint32_t seen = 0;
    for (auto fr : obj) {
        od::field f;
        if (auto e = std::move(fr).get(f))
            return json("depthUpdate", e);
        od::value &v = f.value();
        int bit = -1;
        bool ok = true;
        switch (shortKey(f)) {
        case key2('s'): bit = 0; ok = readStr(v, sym); break;
        case key2('E'): bit = 1; ok = readInt(v, d.eventMs); break;
        case key2('U'): bit = 2; ok = readInt(v, d.firstId); break;
        case key2('u'): bit = 3; ok = readInt(v, d.lastId); break;
        case key2('p', 'u'): bit = 4; ok = readInt(v, d.prevLastId); break;
        case key2('b'): bit = 5; ok = readLevels(v, d.bids); break;
        case key2('a'): bit = 6; ok = readLevels(v, d.asks); break;
        case key2('T'): bit = 7; ok = readInt(v, d.txMs); break;
        default: continue;
        }
        if (!ok)
            return fail(DecodeResult::Malformed, "depthUpdate", names[bit]);
        seen |= 1u << bit;
    }
    // T (transaction time) is informative only; the others drive book sync.
    if (const int m = firstMissing(seen, allBits(7)); m >= 0)
        return fail(DecodeResult::MissingField, "depthUpdate", names[m]);
    out.symbol.assign(sym);
    if (auto *held = std::get_if<DepthUpdate>(&out.payload))
        std::swap(*held, d);
    else
        out.payload.emplace<DepthUpdate>(std::move(d));
    return DecodeResult::Event;
}

DecodeResult FrameDecoder::Impl::markPrice(od::object &obj, MarketEvent &out)
{
    static constexpr const char *names[] = {"s", "E", "p", "i", "P", "r", "T"};
    MarkPrice mp;
    std::string_view sym;
    uint32_t seen = 0;
    for (auto fr : obj) {
        od::field f;
        if (auto e = std::move(fr).get(f))
            return json("markPriceUpdate", e);
        od::value &v = f.value();
        int bit = -1;
        bool ok = true;
        switch (shortKey(f)) {
        case key2('s'): bit = 0; ok = readStr(v, sym); break;
        case key2('E'): bit = 1; ok = readInt(v, mp.eventMs); break;
        case key2('p'): bit = 2; ok = readFixed(v, mp.markPrice); break;
        case key2('i'): bit = 3; ok = readFixed(v, mp.indexPrice); break;
        case key2('P'): bit = 4; ok = readFixed(v, mp.settlePrice); break;
        case key2('r'): bit = 5; ok = readFixed(v, mp.fundingRate); break;
        case key2('T'): bit = 6; ok = readInt(v, mp.nextFundingMs); break;
        default: continue;
        }
        if (!ok)
            return fail(DecodeResult::Malformed, "markPriceUpdate", names[bit]);
        seen |= 1u << bit;
    }
    if (const int m = firstMissing(seen, allBits(7)); m >= 0)
        return fail(DecodeResult::MissingField, "markPriceUpdate", names[m]);
    out.symbol.assign(sym);
    out.payload = mp;
    return DecodeResult::Event;
}

DecodeResult FrameDecoder::Impl::forceOrder(od::object &obj, MarketEvent &out)
{
    static constexpr const char *names[] = {"E", "o", "o.s", "o.S", "o.p", "o.ap", "o.q", "o.l", "o.z", "o.T"};
    Liquidation liq;
    std::string_view sym;
    uint32_t seen = 0;
    for (auto fr : obj) {
        od::field f;
        if (auto e = std::move(fr).get(f))
            return json("forceOrder", e);
        const uint32_t k = shortKey(f);
        if (k == key2('E')) {
            if (!readInt(f.value(), liq.eventMs))
                return fail(DecodeResult::Malformed, "forceOrder", "E");
            seen |= 1u << 0;
            continue;
        }
        if (k != key2('o'))
            continue;
        od::object o;
        if (f.value().get_object().get(o) != SUCCESS)
            return fail(DecodeResult::Malformed, "forceOrder", "o");
        seen |= 1u << 1;
        for (auto ofr : o) {
            od::field of;
            if (auto e = std::move(ofr).get(of))
                return json("forceOrder", e);
            od::value &v = of.value();
            int bit = -1;
            bool ok = true;
            switch (shortKey(of)) {
            case key2('s'): bit = 2; ok = readStr(v, sym); break;
            case key2('S'): {
                bit = 3;
                std::string_view side;
                ok = readStr(v, side) && (side == "BUY" || side == "SELL");
                liq.side = side == "BUY" ? Side::Buy : Side::Sell;
                break;
            }
            case key2('p'): bit = 4; ok = readFixed(v, liq.price); break;
            case key2('a', 'p'): bit = 5; ok = readFixed(v, liq.avgPrice); break;
            case key2('q'): bit = 6; ok = readFixed(v, liq.origQty); break;
            case key2('l'): bit = 7; ok = readFixed(v, liq.lastFilledQty); break;
            case key2('z'): bit = 8; ok = readFixed(v, liq.filledQty); break;
            case key2('T'): bit = 9; ok = readInt(v, liq.tradeMs); break;
            default: continue;
            }
            if (!ok)
                return fail(DecodeResult::Malformed, "forceOrder", names[bit]);
            seen |= 1u << bit;
        }
    }
    if (const int m = firstMissing(seen, allBits(10)); m >= 0)
        return fail(DecodeResult::MissingField, "forceOrder", names[m]);
    out.symbol.assign(sym);
    out.payload = liq;
    return DecodeResult::Event;
}

DecodeResult FrameDecoder::Impl::kline(od::object &obj, MarketEvent &out)
{
    static constexpr const char *names[] = {"k",   "k.t", "k.T", "k.i", "k.f", "k.L", "k.o", "k.c",
                                            "k.h", "k.l", "k.v", "k.n", "k.x", "k.q", "k.V", "k.Q"};
    Kline kl;
    std::string_view sym, innerSym;
    uint32_t seen = 0;
    for (auto fr : obj) {
        od::field f;
        if (auto e = std::move(fr).get(f))
            return json("kline", e);
        const uint32_t k = shortKey(f);
        if (k == key2('s')) {
            if (!readStr(f.value(), sym))
                return fail(DecodeResult::Malformed, "kline", "s");
            continue;
        }
        if (k != key2('k'))
            continue;
        od::object ko;
        if (f.value().get_object().get(ko) != SUCCESS)
            return fail(DecodeResult::Malformed, "kline", "k");
        seen |= 1u << 0;
        for (auto kfr : ko) {
            od::field kf;
            if (auto e = std::move(kfr).get(kf))
                return json("kline", e);
            od::value &v = kf.value();
            int bit = -1;
            bool ok = true;
            switch (shortKey(kf)) {
            case key2('s'): ok = readStr(v, innerSym); if (!ok) return fail(DecodeResult::Malformed, "kline", "k.s"); continue;
            case key2('t'): bit = 1; ok = readInt(v, kl.openMs); break;
            case key2('T'): bit = 2; ok = readInt(v, kl.closeMs); break;
            case key2('i'): {
                bit = 3;
                std::string_view i;
                ok = readStr(v, i) && parseInterval(i, kl.intervalMs);
                break;
            }
            case key2('f'): bit = 4; ok = readInt(v, kl.firstTradeId); break;
            case key2('L'): bit = 5; ok = readInt(v, kl.lastTradeId); break;
            case key2('o'): bit = 6; ok = readFixed(v, kl.open); break;
            case key2('c'): bit = 7; ok = readFixed(v, kl.close); break;
            case key2('h'): bit = 8; ok = readFixed(v, kl.high); break;
            case key2('l'): bit = 9; ok = readFixed(v, kl.low); break;
            case key2('v'): bit = 10; ok = readFixed(v, kl.volume); break;
            case key2('n'): bit = 11; ok = readInt(v, kl.trades); break;
            case key2('x'): bit = 12; ok = readBool(v, kl.closed); break;
            case key2('q'): bit = 13; ok = readFixed(v, kl.quoteVolume); break;
            case key2('V'): bit = 14; ok = readFixed(v, kl.takerBuyVolume); break;
            case key2('Q'): bit = 15; ok = readFixed(v, kl.takerBuyQuoteVolume); break;
            default: continue;
            }
            if (!ok)
                return fail(DecodeResult::Malformed, "kline", names[bit]);
            seen |= 1u << bit;
        }
    }
    if (const int m = firstMissing(seen, allBits(16)); m >= 0)
        return fail(DecodeResult::MissingField, "kline", names[m]);
    if (sym.empty())
        sym = innerSym;
    if (sym.empty())
        return fail(DecodeResult::MissingField, "kline", "s");
    out.symbol.assign(sym);
    out.payload = kl;
    return DecodeResult::Event;
}

// No "e": a REST depth snapshot, a SUBSCRIBE ack / error reply, or something we cannot name.
DecodeResult FrameDecoder::Impl::untyped(od::object &obj, MarketEvent &out, std::string_view fallbackSymbol)
{
    static constexpr const char *names[] = {"lastUpdateId", "bids", "asks", "E", "T"};
    DepthSnapshot &s = snapshot;
    s.eventMs = 0;
    s.txMs = 0;
    uint32_t seen = 0;
    bool control = false;
    for (auto fr : obj) {
        od::field f;
        if (auto e = std::move(fr).get(f))
            return json("depth snapshot", e);
        const std::string_view k = rawText(f.key().raw());
        od::value &v = f.value();
        int bit = -1;
        bool ok = true;
        if (k == "lastUpdateId") {
            bit = 0;
            ok = readInt(v, s.lastUpdateId);
        } else if (k == "bids") {
            bit = 1;
            ok = readLevels(v, s.bids);
        } else if (k == "asks") {
            bit = 2;
            ok = readLevels(v, s.asks);
        } else if (k == "E") {
            bit = 3;
            ok = readInt(v, s.eventMs);
        } else if (k == "T") {
            bit = 4;
            ok = readInt(v, s.txMs);
        } else {
            control = control || k == "result" || k == "id" || k == "error" || k == "code" || k == "msg";
            continue;
        }
        if (!ok)
            return fail(DecodeResult::Malformed, "depth snapshot", names[bit]);
        seen |= 1u << bit;
    }
    if ((seen & allBits(3)) == 0)
        return control ? DecodeResult::Ignored : fail(DecodeResult::MissingField, "frame", "e");
    if (const int m = firstMissing(seen, allBits(3)); m >= 0)
        return fail(DecodeResult::MissingField, "depth snapshot", names[m]);
    out.symbol.assign(fallbackSymbol);
    if (auto *held = std::get_if<DepthSnapshot>(&out.payload))
        std::swap(*held, s);
    else
        out.payload.emplace<DepthSnapshot>(std::move(s));
    return DecodeResult::Event;
}

FrameDecoder::FrameDecoder() : d_(std::make_unique<Impl>()) {}
FrameDecoder::~FrameDecoder() = default;

DecodeResult FrameDecoder::decode(std::string_view frame, size_t capacity, MarketEvent &out,
                                  std::string_view fallbackSymbol)
{
    ++stats_.frames;
    Impl &d = *d_;
    DecodeResult r;
    try {
        r = d.frame(frame, capacity, out, fallbackSymbol);
    } catch (const std::exception &) { // allocation failure: simdjson itself never throws here
        r = d.fail(DecodeResult::Malformed, "frame", nullptr, "out of memory");
    }
    switch (r) {
    case DecodeResult::Event: ++stats_.decoded; return r;
    case DecodeResult::Ignored: ++stats_.ignored; return r;
    case DecodeResult::Excluded: ++stats_.excluded[std::string(d.excludedBy)]; return r;
    case DecodeResult::Malformed: ++stats_.malformed; break;
    case DecodeResult::MissingField: ++stats_.missingField; break;
    case DecodeResult::UnknownType: ++stats_.unknownType; break;
    }
    std::string &msg = stats_.lastError;
    msg.assign(d.errEvent ? d.errEvent : "frame");
    switch (r) {
    case DecodeResult::Malformed: msg += d.errField ? ": bad value for field '" : ": malformed JSON"; break;
    case DecodeResult::MissingField: msg += ": missing required field '"; break;
    default: msg += ": unknown event type '"; break;
    }
    if (r == DecodeResult::UnknownType)
        msg.append(d.errDetail.substr(0, 64)).push_back('\'');
    else if (d.errField)
        msg.append(d.errField).push_back('\'');
    if (r != DecodeResult::UnknownType && !d.errDetail.empty())
        msg.append(" (").append(d.errDetail).push_back(')');
    return r;
}

} // namespace co
