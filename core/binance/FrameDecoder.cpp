// The frame: padding, the combined-stream envelope {"stream":…,"data":…}, the dispatch of a payload
// by its "e", and the stats and error text decode() reports.
#include "binance/FrameDecoderImpl.h"

#include <exception>

namespace co {

using namespace framedecode;

namespace {

// @depth5 / @depth10@100ms / @depth20@500ms are partial books; @depth, @depth@100ms, @depth@0ms … diffs.
bool isPartialDepthStream(std::string_view stream) noexcept
{
    const size_t at = stream.find("@depth");
    return at != std::string_view::npos && at + 6 < stream.size() && stream[at + 6] >= '0' && stream[at + 6] <= '9';
}

} // namespace

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

    // The combined envelope starts with "stream" or "data"; anything else is a bare payload. As
    // Binance writes it, the bytes say so (no pass over the first field and rewind).
    bool envelope = text.starts_with(R"({"stream":)") || text.starts_with(R"({"data":)");
    if (!envelope) {
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
    }
    const DecodeResult r = envelope ? combined(top, out, fallbackSymbol) : payload(top, out, fallbackSymbol);
    // An event's object was read to its end, so whatever follows is garbage ("{…}}", "{…}{…}").
    if (r == DecodeResult::Event && doc.current_location().error() != simdjson::OUT_OF_BOUNDS)
        return fail(DecodeResult::Malformed, "frame", nullptr, "trailing content after the JSON object");
    return r;
}

// {"stream":…,"data":…} in either order; the stream name is only needed to tell partial depth.
DecodeResult FrameDecoder::Impl::combined(od::object &top, MarketEvent &out, std::string_view fallbackSymbol)
{
    const char *stream = nullptr; // its text is only looked at for a depth update
    bool haveData = false;
    DecodeResult r = DecodeResult::Ignored;
    for (auto fr : top) {
        od::field f;
        if (auto e = std::move(fr).get(f))
            return json("envelope", e);
        const std::string_view k = rawText(f.key().raw());
        if (k == "stream") {
            od::raw_json_string raw;
            if (f.value().get_raw_json_string().get(raw) != SUCCESS)
                return fail(DecodeResult::Malformed, "envelope", "stream");
            stream = raw.raw();
        } else if (k == "data") {
            od::object data;
            if (f.value().get_object().get(data) != SUCCESS)
                return fail(DecodeResult::Malformed, "envelope", "data", "not a JSON object");
            r = payload(data, out, fallbackSymbol, true);
            haveData = true;
            if (r != DecodeResult::Event && r != DecodeResult::Ignored && r != DecodeResult::Excluded)
                return r;
        }
    }
    if (!haveData)
        return fail(DecodeResult::MissingField, "envelope", "data");
    if (r == DecodeResult::Event)
        if (auto *du = std::get_if<DepthUpdate>(&out.payload))
            du->partial = stream && isPartialDepthStream(rawText(stream));
    return r;
}

DecodeResult FrameDecoder::Impl::payload(od::object &obj, MarketEvent &out, std::string_view fallbackSymbol,
                                         bool enveloped)
{
    od::value ev;
    const simdjson::error_code e = obj.find_field_unordered("e").get(ev);
    if (e == simdjson::NO_SUCH_FIELD) {
        if (auto re = obj.reset().error())
            return json("frame", re);
        if (const auto oi = openInterest(obj, out, fallbackSymbol)) // a recorded OI answer
            return *oi;
        if (auto re = obj.reset().error())
            return json("frame", re);
        return untyped(obj, out, fallbackSymbol);
    }
    if (e)
        return json("frame", e);
    std::string_view type;
    if (!readStr(ev, type))
        return fail(DecodeResult::Malformed, "frame", "e");
    if (enveloped && type == "aggTrade" && aggTradeInOrder(obj, out)) // the usual frame, from where "e" was
        return DecodeResult::Event;
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
