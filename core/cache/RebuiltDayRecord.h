#pragma once
// A day rebuilt from the trade cache (cache/DayRebuild) to and from storage's record of it
// (storage/RebuiltDay), field by field, so the answer built from the record equals the rebuild's.
#include "engine/EngineConfig.h"
#include "engine/HistoryProvider.h"
#include "storage/RebuiltDay.h"

#include <string>

namespace co {

// A complete rebuilt day (snapshot set) as stored.
RebuiltDay rebuiltDayRecord(const HistoryDay &d);
// The day again; config: the engine settings it is read with (dayZone = the record's zone).
HistoryDay historyDayOf(const RebuiltDay &r, const EngineConfig &config);
// The build-time settings a rebuilt day depends on (a record made with others is not used).
std::string rebuildSettingsKey(const EngineConfig &config);

} // namespace co
