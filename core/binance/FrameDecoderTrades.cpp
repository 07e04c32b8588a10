// Trade payloads: aggTrade and trade (raw trades of an order type other than MARKET are excluded).
#include "binance/FrameDecoderImpl.h"

#include <algorithm>

namespace co {

using namespace framedecode;

// An aggTrade inside the combined envelope, its fields looked up in Binance's order (e E a s p q f
// l T m): each lookup resumes where the last one stopped, one pass as in a bare parse, with no
// switch over the keys. Only when "m" is the last field (the envelope's loop then steps over the
// closing brace), so every field was seen as the loop in trade() sees it. False: anything else —
// another order, a field missing or bad; the caller rewinds and trade() decides.
bool FrameDecoder::Impl::aggTradeInOrder(od::object &obj, MarketEvent &out)
{
    Trade t;
    t.source = TradeSource::AggTrade;
    std::string_view sym;
    od::value v;
    const bool ok = obj.find_field("a").get(v) == SUCCESS && readInt(v, t.id)         //
                    && obj.find_field("s").get(v) == SUCCESS && readStr(v, sym)     //
                    && obj.find_field("p").get(v) == SUCCESS && readFixed(v, t.price) //
                    && obj.find_field("q").get(v) == SUCCESS && readFixed(v, t.qty) //
                    && obj.find_field("T").get(v) == SUCCESS && readInt(v, t.timeMs) //
                    && obj.find_field("m").get(v) == SUCCESS;
    if (!ok)
        return false;
    const std::string_view last = v.raw_json_token(); // "true" up to the next structural character
    if (!readBool(v, t.buyerMaker) || last.data()[last.size()] != '}')
        return false;
    out.symbol.assign(sym);
    out.payload = t;
    return true;
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

} // namespace co
