#pragma once
// simdjson (on-demand) decoders for Binance USD-M market frames: aggTrade, trade, depthUpdate
// (diff and partial), markPriceUpdate, forceOrder, kline and the REST depth snapshot, raw or
// inside the combined-stream envelope {"stream":…,"data":…}. Unknown fields are ignored; a
// malformed frame or a missing required field is counted and skipped, never thrown.
#include "model/Event.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace co {

struct DecodeStats {
    uint64_t frames = 0;       // decode() calls
    uint64_t decoded = 0;      // frames that produced an event
    uint64_t malformed = 0;    // not JSON / wrong types / bad decimal
    uint64_t missingField = 0; // a required field absent
    uint64_t ignored = 0;      // known but unused types (bookTicker, SUBSCRIBE acks, …)
    uint64_t unknownType = 0;  // an "e" we do not know
    std::map<std::string, uint64_t> excluded; // raw trades with X != MARKET, by X
    std::string lastError;                    // for logs: why the last bad frame was refused
};

enum class DecodeResult : uint8_t { Event, Ignored, Excluded, Malformed, MissingField, UnknownType };

class FrameDecoder {
public:
    FrameDecoder();
    ~FrameDecoder();
    FrameDecoder(const FrameDecoder &) = delete;
    FrameDecoder &operator=(const FrameDecoder &) = delete;

    // `frame` must stay valid during the call. When `capacity` >= frame.size() + 64
    // (simdjson::SIMDJSON_PADDING) the bytes are parsed in place; otherwise they are copied to a
    // padded buffer first. `out.symbol` is upper case; for a REST depth snapshot (which names no
    // symbol) it is left as `fallbackSymbol`. `out` is meaningful for Event, and for Excluded
    // (an ExcludedTrade payload, so the exclusion can be counted per symbol).
    DecodeResult decode(std::string_view frame, size_t capacity, MarketEvent &out,
                        std::string_view fallbackSymbol = {});
    DecodeResult decode(std::string_view frame, MarketEvent &out, std::string_view fallbackSymbol = {})
    {
        return decode(frame, 0, out, fallbackSymbol);
    }

    const DecodeStats &stats() const noexcept { return stats_; }
    void resetStats() { stats_ = {}; }

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
    DecodeStats stats_;
};

} // namespace co
