// Market-state payloads: markPriceUpdate, forceOrder (liquidations) and kline.
#include "binance/FrameDecoderImpl.h"

#include <climits>

namespace co {

using namespace framedecode;

namespace {

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

} // namespace

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

// A REST open-interest answer as the recorder writes it: /fapi/v1/openInterest
// {"openInterest","symbol","time"} or one /futures/data/openInterestHist row {"symbol",
// "sumOpenInterest","sumOpenInterestValue","timestamp"}. nullopt: the object is neither.
std::optional<DecodeResult> FrameDecoder::Impl::openInterest(od::object &obj, MarketEvent &out,
                                                             std::string_view fallbackSymbol)
{
    OpenInterest oi;
    std::string_view sym = fallbackSymbol;
    bool haveOi = false, haveTime = false;
    for (auto fr : obj) {
        od::field f;
        if (auto e = std::move(fr).get(f))
            return json("openInterest", e);
        const std::string_view k = rawText(f.key().raw());
        od::value &v = f.value();
        bool ok = true;
        if (k == "openInterest" || k == "sumOpenInterest") {
            ok = readFixed(v, oi.openInterest);
            haveOi = true;
        } else if (k == "sumOpenInterestValue") {
            ok = readFixed(v, oi.valueUsdt);
        } else if (k == "time" || k == "timestamp") {
            ok = readInt(v, oi.timeMs);
            haveTime = true;
        } else if (k == "symbol") {
            ok = readStr(v, sym);
        }
        if (!ok)
            return fail(DecodeResult::Malformed, "openInterest", k == "symbol" ? "symbol" : "value");
    }
    if (!haveOi)
        return std::nullopt;
    if (!haveTime)
        return fail(DecodeResult::MissingField, "openInterest", "time");
    out.symbol.assign(sym);
    out.payload = oi;
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

} // namespace co
