#pragma once
// Arguments of the profile tools beyond the row size: valueAreaPercent (footprint, key levels,
// session and TPO profiles), the session profile's `interval` and the TPO's `singlePrintsMode`.
#include "engine/Profiles.h"
#include "server/ToolArgs.h"

#include <QJsonArray>
#include <QJsonObject>

namespace co {

QJsonObject valueAreaPercentSchema();
// The snapshot as the tool reads it: with valueAreaPercent (1 to 100) in place of
// VALUE_AREA_PERCENT when the call gives one (a copy of the small snapshot record; days shared).
SnapshotPtr withValueAreaArg(const ToolArgs &a, SnapshotPtr s);
// Echoes valueAreaPercent when the call gave one.
void addValueArea(QJsonObject &out, const ToolArgs &a);

// get_session_profile `interval` (the Python server's kline interval): 1m, 5m, 15m, 30m, 1h.
QJsonObject sessionIntervalSchema();
// [openTime, volume, delta] per interval of the session window, from its minute bars (exact).
QJsonArray sessionIntervals(const EngineSnapshot &s, const SessionView &v, Timeframe interval);

// get_tpo_profile `singlePrintsMode`: compact (ranges) or full (ranges and every single-print row).
QJsonObject singlePrintsModeSchema();
// compact: the kCompactSinglePrints longest single-print ranges (ties: the higher), in price order.
inline constexpr size_t kCompactSinglePrints = 10;
QJsonArray compactSinglePrints(const TpoProfile &t);
// Every single-print row's price (low edge), lowest first, from the ranges of rows of k ticks.
QJsonArray singlePrintPrices(const TpoProfile &t, int64_t k, int64_t tick);

// The Python server's `mode` (raw, or synthetic: its 3 s normalised approximation) and
// `normalizeSeconds` (get_key_levels, get_session_profile): accepted so its calls keep working.
// Answers here are always exact from the trades; "synthetic" adds a warning saying so.
QJsonObject pythonModeSchema();
QJsonObject normalizeSecondsSchema();
void addPythonModeWarning(QJsonObject &out, const ToolArgs &a);

// get_session_profile windowStartMs/windowEndMs (the Python server's explicit window): both or
// neither, end after start; nullopt when absent.
std::optional<SessionView> explicitWindow(const ToolArgs &a);

} // namespace co
