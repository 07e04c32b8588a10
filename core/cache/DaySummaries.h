#pragma once
// A day as the cache keeps it beyond TRADE_CACHE_DAYS: its key levels (storage's record) and the
// volume profile, from the snapshot of the day's engine (at its close, or the latest).
#include "engine/KeyLevels.h"
#include "engine/Snapshot.h"
#include "storage/Records.h"

#include <optional>

namespace co {

class MarketEngine;

// The summary of s.today; nullopt when the day has no trades.
std::optional<DaySummaryRecord> summarizeToday(const EngineSnapshot &s);

// The engine's key levels as storage keeps them, and back: keyLevelsOf(storedLevelsOf(k)) is k
// but for its footprint bars, which a summary does not keep.
StoredLevels storedLevelsOf(const KeyLevels &k);
KeyLevels keyLevelsOf(const StoredLevels &s);

// A stored day as an engine keeps it in its history (naked POCs), its POC in rows of `tick`
// (the engine's; the stored day's own when tick <= 0).
DaySummary historyDayOf(const DaySummaryRecord &r, int64_t tick);

// Seeds a fresh engine (before its first trade) with stored days (CacheReader::dayHistory).
void seedEngine(MarketEngine &engine, const DayHistory &h);
} // namespace co
