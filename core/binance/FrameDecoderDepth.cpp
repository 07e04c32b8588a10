// Order-book payloads: the depthUpdate diff (and partial book) and the REST depth snapshot, which
// has no "e" and so also arrives here with SUBSCRIBE acks and error replies.
#include "binance/FrameDecoderImpl.h"

namespace co {

using namespace framedecode;

bool framedecode::readLevels(od::value &v, std::vector<PriceLevel> &out)
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

} // namespace co
