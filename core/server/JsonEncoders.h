#pragma once
// One JSON encoder per result type, shared by the report command, REST and MCP (the same
// object goes to structuredContent, the text content and REST bodies). Absent values are
// omitted, numbers are JSON numbers, times are ms plus ISO strings.
#include "engine/KeyLevels.h"
#include "model/DataQuality.h"

#include <QJsonArray>
#include <QJsonObject>

namespace co {

QJsonObject toJson(const DataQuality &q);
QJsonObject toJson(const FootprintBarResult &b);
QJsonObject toJson(const SessionResult &s);
QJsonObject toJson(const KeyLevels &k);

QString isoTime(int64_t ms);

} // namespace co
