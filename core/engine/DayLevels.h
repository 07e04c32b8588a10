#pragma once
// Key levels of a requested day: today or the prior day (the two days an engine keeps in full),
// with days counted in a caller's time zone only where its midnights are the engine's own
// (DAY_TZ); another zone's day would need re-bucketed trades, so it is refused, never approximated.
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

QueryResult<KeyLevels> buildDayLevels(const EngineSnapshot &s, const DayRequest &r, const KeyLevelsOptions &o);

} // namespace co
