#pragma once
// One day of one symbol from the SQLite cache, in any zone: a MarketEngine with that day zone is
// fed the stored trades of the day and of the stored day before it (pd… levels, sessions that
// start before midnight), so its snapshot is the one a live engine had at the day's end; the days
// before come from the day summaries kept for that zone, as a restart seeds them (naked POCs,
// cvd with CVD_RESET=none). Days whose trades are gone:
// the summary stored at their close; nothing stored: an error naming the dates that are.
#include "engine/EngineConfig.h"
#include "engine/HistoryProvider.h"

#include <atomic>

namespace co {

class CacheReader;

// engine: the server's settings (its dayZone is DAY_TZ). cancel stops a scan early.
QueryResult<HistoryDay> rebuildDay(CacheReader &db, const EngineConfig &engine, const HistoryRequest &r,
                                   const std::atomic<bool> &cancel);
// The DAY_TZ days rebuildDay answers for the symbol (stored trades or a day summary), newest first.
std::vector<int64_t> storedDays(CacheReader &db, const EngineConfig &engine, const std::string &symbol);

} // namespace co
