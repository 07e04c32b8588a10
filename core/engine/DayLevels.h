#pragma once
// Key levels of a requested day: today or the prior day (the two days an engine keeps in full),
// with days counted in a caller's time zone only where its midnights are the engine's own
// (DAY_TZ); another zone's day would need re-bucketed trades, so it is refused here, never
// approximated (the server asks its HistoryProvider for those: server/HistoryProvider.h).
#include "engine/KeyLevels.h"
#include "engine/Query.h"

#include <cstdint>
#include <optional>
#include <string>

namespace co {

struct DayRequest {
    std::optional<int64_t> day; // epoch day (local calendar of zoneId); nullopt = the latest trade's day
    std::string zoneId;         // IANA id; empty = the engine's DAY_TZ
};

// A requested day as a UTC span. zoneId is the engine's DAY_TZ id whenever the day's midnights are
// the engine's (so "Etc/UTC" and "UTC" name the same stored days).
struct DaySpan {
    std::string zoneId;
    int64_t day = 0, startMs = 0, endMs = 0;
};

// lastTradeMs gives the default day (the day of the latest trade).
DaySpan resolveDay(const EngineConfig &config, int64_t lastTradeMs, const DayRequest &r);
bool isToday(const EngineSnapshot &s, const DaySpan &d);

QueryResult<KeyLevels> buildDayLevels(const EngineSnapshot &s, const DayRequest &r, const KeyLevelsOptions &o);

} // namespace co
