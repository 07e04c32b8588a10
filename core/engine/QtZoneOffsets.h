#pragma once
// ZoneOffsets over QTimeZone (IANA database shipped with the system).
#include "model/ZoneOffsets.h"

#include <memory>
#include <string>
#include <vector>

namespace co {

// nullptr when the IANA id is unknown.
std::shared_ptr<const ZoneOffsets> makeZoneOffsets(const std::string &ianaId);

// Sessions in each market's local hours with DST (SESSION_CLOCK=local): Tokyo 09:00–18:00
// Asia/Tokyo, London 08:00–17:00 Europe/London, New York 08:00–17:00 America/New_York.
std::vector<struct SessionDef> localClockSessions();

} // namespace co

namespace co {
bool zoneIdValid(const std::string &ianaId); // "UTC" or any id QTimeZone knows
}
