#pragma once
// The `date` argument of the footprint and profile tools: the engine's own snapshot for the days it
// holds (today, the prior day), else that day rebuilt from the trade cache (HistoryProvider), whose
// today is the day asked with all its minute bars (every timeframe and row size merge from them).
#include "engine/HistoryProvider.h"
#include "engine/KeyLevels.h"
#include "engine/Snapshot.h"

#include <QJsonObject>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace co {

class ToolArgs;

struct DatedSnapshot {
    SnapshotPtr snapshot;                           // its today or prior is the day asked
    const DayView *day = nullptr;                   // the day asked (nullptr without a date)
    int64_t startMs = INT64_MIN, endMs = INT64_MAX; // its span UTC [start, end); everything without a date
    std::vector<std::string> warnings;              // from a rebuild (dataQuality.warnings)
    bool stored = false;                            // rebuilt from the trade cache
};

// The day to ask the HistoryProvider for (Tools::prepare), when the engine does not hold it.
std::optional<HistoryRequest> storedDayRequest(const ToolArgs &a);
// Throws ApiError: a date that is no calendar day, a day not stored (naming what is), a rebuild
// still running (ask again).
DatedSnapshot datedSnapshot(const ToolArgs &a);
// q's startTime/endTime within the day asked (bars of that day only); rejects a window outside it.
void clampToDay(const ToolArgs &a, const DatedSnapshot &d, FootprintQuery &q);
// The `date` property of a tool's inputSchema.
QJsonObject dateSchema(const char *what);
// Appends warnings to out.dataQuality.warnings.
void addDayWarnings(QJsonObject &out, const std::vector<std::string> &warnings);
// Inserts out.warnings (answers without dataQuality) when there are any.
void addWarningList(QJsonObject &out, const std::vector<std::string> &warnings);

} // namespace co
