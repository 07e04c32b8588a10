#pragma once
// A day as the cache keeps it beyond TRADE_CACHE_DAYS: the key-levels JSON of the report and the
// volume profile, from the snapshot of the day's engine (at its close, or the latest).
#include "engine/Snapshot.h"
#include "storage/Records.h"

#include <optional>

namespace co {

// The summary of s.today; nullopt when the day has no trades.
std::optional<DaySummaryRecord> summarizeToday(const EngineSnapshot &s);

} // namespace co
