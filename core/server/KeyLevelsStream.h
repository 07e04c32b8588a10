#pragma once
// Key levels written straight to a JsonStream: the bytes writeJson(toJson(k)) gives, without the
// QJson tree of the footprint (nearly all of a `report`'s ~20 MB; building that tree cost as much
// as writing it).
#include "engine/KeyLevels.h"
#include "server/JsonStream.h"

#include <QJsonObject>

namespace co {

// One bar as toJson(b) encodes it in the default FootprintStyle (full lists, no bigTrades), with
// its events when asked (FootprintStyle::events).
void writeFootprintBar(json::JsonStream &out, const FootprintBarResult &b, bool events = false);

// toJson(k) with `extra`'s members added (they must not name a member of toJson(k)).
void writeKeyLevels(json::JsonStream &out, KeyLevels k, const QJsonObject &extra = {}, bool events = false);

} // namespace co
