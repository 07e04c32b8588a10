#pragma once
// FrameDecoder's internals, shared by its sources: the simdjson field readers and the decoder
// state (Impl). FrameDecoder.cpp holds the envelope and the dispatch by "e"; the payload
// decoders are in FrameDecoderTrades.cpp, FrameDecoderDepth.cpp and FrameDecoderMarket.cpp.
#include "binance/FrameDecoder.h"

#include "model/Fixed.h"

#include <simdjson.h>

#include <bit>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

namespace co::framedecode {

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

// Index of the first required field not seen, or -1.
inline int firstMissing(uint32_t seen, uint32_t required) noexcept
{
    const uint32_t m = required & ~seen;
    return m ? std::countr_zero(m) : -1;
}

constexpr uint32_t allBits(int n) noexcept { return (1u << n) - 1; }

// [["price","qty"],…]; elements after the second of a level are ignored. (FrameDecoderDepth.cpp)
bool readLevels(od::value &v, std::vector<PriceLevel> &out);

} // namespace co::framedecode

namespace co {

// `out` is only meaningful when a decoder returns DecodeResult::Event; after any other result it
// may or may not have been overwritten.
struct FrameDecoder::Impl {
    simdjson::ondemand::parser parser;
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
    DecodeResult combined(framedecode::od::object &top, MarketEvent &out, std::string_view fallbackSymbol);
    DecodeResult payload(framedecode::od::object &obj, MarketEvent &out, std::string_view fallbackSymbol,
                         bool enveloped = false);
    DecodeResult trade(framedecode::od::object &obj, bool agg, MarketEvent &out);
    bool aggTradeInOrder(framedecode::od::object &obj, MarketEvent &out);
    DecodeResult depthUpdate(framedecode::od::object &obj, MarketEvent &out);
    DecodeResult markPrice(framedecode::od::object &obj, MarketEvent &out);
    DecodeResult forceOrder(framedecode::od::object &obj, MarketEvent &out);
    DecodeResult kline(framedecode::od::object &obj, MarketEvent &out);
    DecodeResult untyped(framedecode::od::object &obj, MarketEvent &out, std::string_view fallbackSymbol);
    std::optional<DecodeResult> openInterest(framedecode::od::object &obj, MarketEvent &out,
                                             std::string_view fallbackSymbol);
};

} // namespace co
