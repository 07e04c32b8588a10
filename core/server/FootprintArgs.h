#pragma once
// The arguments get_footprint and get_footprint_statistics share, read in one place: timeframe,
// startTime/endTime, cursor, limit, the Python server's view/level names, and the A3 lists.
#include "engine/KeyLevels.h"
#include "server/ToolArgs.h"

#include <QJsonObject>

namespace co {

// The query from the tool's arguments (those its schema lists); grouping is left at 1 (RowSizeArgs).
FootprintQuery footprintQueryFrom(const ToolArgs &a);

// Schema entries of includeBigTrades / includeEvents.
QJsonObject includeBigTradesSchema();
QJsonObject includeEventsSchema();

} // namespace co
