#pragma once
// A day's key levels as the cache keeps them (day_summaries.levels): storage's own record with its
// own field names and version, so renaming a field of the MCP/REST answer never changes what an
// old stored day returns. core/cache converts it from and to the engine's KeyLevels; the server
// encodes that as it encodes a live day. Values are the engine's doubles, kept exactly.
#include "model/Symbol.h"
#include "model/Trade.h"

#include <QByteArray>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace co {

struct StoredSession {
    std::string name, start, end; // start/end: local "HH:MM" of the session
    int64_t trades = 0;
    std::optional<double> high, low, open, close, volume, buyVolume, sellVolume, delta, vwap;
    bool active = false;
    bool operator==(const StoredSession &) const = default;
};

struct StoredNakedPoc {
    std::string date;
    double price = 0, distance = 0, distancePct = 0;
    bool operator==(const StoredNakedPoc &) const = default;
};

struct StoredGap {
    int64_t fromMs = 0, toMs = 0, fromId = 0, toId = 0;
    std::string reason;
    bool operator==(const StoredGap &) const = default;
};

// The day's data quality at its close (model DataQuality, stored field by field).
struct StoredQuality {
    bool live = false;
    std::string source;
    int64_t ageMs = 0, fromMs = 0, toMs = 0;
    double coverage = 0;
    std::optional<TradeSource> tradeSource;
    int64_t tickSize = 0; // 1e-8 units
    TickSource tickSource = TickSource::Inferred;
    std::vector<StoredGap> gaps;
    int64_t gapsOmitted = 0;
    std::map<std::string, int64_t> excluded;
    int64_t duplicates = 0, offGridTrades = 0;
    std::vector<std::string> warnings;
    bool operator==(const StoredQuality &) const = default;
};

struct StoredLevels {
    static constexpr int kVersion = 1; // bump with a migration that converts the stored rows
    std::string symbol, date;
    double tickSize = 0;
    int64_t trades = 0;
    double volume = 0, buyVolume = 0, sellVolume = 0, delta = 0, cvd = 0;
    std::optional<double> open, high, low, close;
    std::optional<double> vwap, vwapSigma; // the bands are vwap ± k·sigma
    std::optional<double> poc, vah, val;
    std::optional<double> priorVwap, priorPoc, priorVah, priorVal, priorHigh, priorLow, priorClose;
    std::vector<StoredSession> sessions;
    std::vector<StoredNakedPoc> nakedPocs;
    StoredQuality quality;
    bool operator==(const StoredLevels &) const = default;
};

// Compact JSON with storage's keys and "v": kVersion (resources/migrations/0003 writes the same).
QByteArray encodeStoredLevels(const StoredLevels &l);
// nullopt on text that is not a record of a version this program reads.
std::optional<StoredLevels> decodeStoredLevels(const QByteArray &text);

} // namespace co
