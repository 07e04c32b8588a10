#pragma once
// One JSON encoder per result type, shared by the report command, REST and MCP (the same
// object goes to structuredContent, the text content and REST bodies). Absent values are
// omitted, numbers are JSON numbers, times are ms plus ISO strings.
#include "engine/BarQueries.h"
#include "engine/DepthDeltaQuery.h"
#include "engine/KeyLevels.h"
#include "engine/LiquidationQuery.h"
#include "engine/MarketScan.h"
#include "engine/MarketSnapshot.h"
#include "model/DataQuality.h"

#include <QJsonArray>
#include <QJsonObject>

namespace co {

QJsonObject toJson(const DataQuality &q);
// Compact: imbalance prices become counts (buyImbalanceCount/sellImbalanceCount) and only the
// largest stacked zones are listed (stackedCount says how many there are), for answers that go
// into a model's context.
struct FootprintStyle {
    bool compact = false;
    bool bigTrades = false, events = false; // A3 lists asked for (FootprintQuery), empty arrays included
};
QJsonObject toJson(const FootprintBarResult &b, FootprintStyle style = {});
QJsonObject toJson(const SessionResult &s);
QJsonObject toJson(const KeyLevels &k, FootprintStyle style = {}); // style: its footprint bars'

// Tool/REST results (MarketEncoders.cpp).
QJsonObject toJson(const MarketSnapshotResult &r);
QJsonObject toJson(const FootprintRange &r, FootprintStyle style);
QJsonObject toJson(const OrderflowMetrics &r);
QJsonObject toJson(const DepthDeltaResult &r);
// Compact: items as rows [timeMs, symbol, side, price, avgPrice, qty, notional] under "columns".
QJsonObject toJson(const LiquidationsResult &r, bool compact);
QJsonObject toJson(const ScanRow &r);

QString isoTime(int64_t ms);

} // namespace co
