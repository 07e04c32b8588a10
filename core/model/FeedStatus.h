#pragma once
// The live Binance feed's status as typed values: core/binance fills them, engine/ServiceStatus
// holds them, the /healthz encoder (core/server/HealthEncoder) alone turns them into JSON. Here in
// core/model because both sides include it and binance may include nothing else.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace co {

// One combined-stream WebSocket ("market" or "public").
struct StreamStatus {
    std::string route;
    bool connected = false;
    int64_t lastMessageAgeMs = -1; // -1: no message yet
    uint64_t connects = 0, reconnects = 0, messages = 0, rotations = 0, watchdogTrips = 0;
    std::string lastError; // "" = none
    int connections = 1;   // of this route (a new one when 1024 streams fill one)
};

// The REST client and its weight limiter.
struct RestStatus {
    enum class State : uint8_t { Ok, RateLimited, Banned };
    State state = State::Ok;
    int usedWeight = 0, weightLimit = 0; // this minute
    int inFlight = 0;
    uint64_t queued = 0, sent = 0, failed = 0, retried = 0, http429 = 0, bans = 0;
    int64_t pausedUntilMs = 0; // UTC ms, meaningful unless Ok
    std::string lastError;     // "" = none
};

// Stream frames through the decoder.
struct DecodeStatus {
    uint64_t frames = 0, decoded = 0, malformed = 0, missingField = 0, unknownType = 0, ignored = 0;
    uint64_t unknownSymbol = 0; // decoded, but for no symbol of ours
    std::string lastError;      // "" = none
};

// Today's trades fetched by REST from before start-up.
struct BackfillStatus {
    bool active = false;
    double progress = 0; // 0..1
    bool cancelled = false;
};

// The last 24 h ticker poll (fixed-point, model/Fixed.h).
struct TickerStatus {
    int64_t lastPrice = 0, priceChangePercent = 0, volume = 0, quoteVolume = 0;
    int64_t trades = 0;
};

struct SymbolFeedStatus {
    std::optional<TickerStatus> ticker24h;    // none polled yet
    std::optional<int64_t> lastMarkAgeMs;     // none seen yet
    std::optional<std::string> lastPollError; // the last failed poll, if any
    std::optional<int64_t> lastTradeId;
    int64_t lastTradeAgeMs = -1; // -1: none yet
    uint64_t pendingTrades = 0;  // held back until the gap before them is filled
    uint64_t tradesFromRest = 0, duplicatesDropped = 0, gapsFilled = 0, gapsUnfilled = 0, idsUnfilled = 0;
    BackfillStatus backfill;
    bool todayComplete = false; // no backfill running or awaited: today's trades are all in
    uint64_t depthSnapshots = 0;
};

// The exchange's clock as measured from /fapi/v1/time.
struct ExchangeClockStatus {
    bool measured = false;
    int64_t offsetMs = 0, roundTripMs = 0;
};

// --record: where the session is written and what it holds on disk.
struct RecordingStatus {
    std::string dir;
    int64_t bytesOnDisk = 0, files = 0, maxBytes = 0, filesRemoved = 0, lines = 0;
    std::string error; // "" = none
};

struct BinanceStatus {
    enum class State : uint8_t { Starting, Connecting, Live, Reconnecting, Unreachable, RestBanned, Error, Stopped };
    State state = State::Starting;
    std::string message; // why it is not live; "" = none
    std::string restUrl, wsUrl;
    RestStatus rest;
    std::optional<RecordingStatus> recording; // with --record
    ExchangeClockStatus exchangeClock;
    std::optional<StreamStatus> marketStream, publicStream; // once the streams exist
    std::map<std::string, SymbolFeedStatus> symbols;        // by upper-case name
    DecodeStatus decode;
};

// The English word for a state: the /healthz value and the status bar's (translated) word.
inline const char *stateName(BinanceStatus::State s)
{
    switch (s) {
    case BinanceStatus::State::Starting: return "starting";
    case BinanceStatus::State::Connecting: return "connecting";
    case BinanceStatus::State::Live: return "live";
    case BinanceStatus::State::Reconnecting: return "reconnecting";
    case BinanceStatus::State::Unreachable: return "unreachable";
    case BinanceStatus::State::RestBanned: return "rest_banned";
    case BinanceStatus::State::Error: return "error";
    case BinanceStatus::State::Stopped: return "stopped";
    }
    return "unknown";
}

inline const char *stateName(RestStatus::State s)
{
    switch (s) {
    case RestStatus::State::Ok: return "ok";
    case RestStatus::State::RateLimited: return "rate_limited";
    case RestStatus::State::Banned: return "banned";
    }
    return "unknown";
}

} // namespace co
