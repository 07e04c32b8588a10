#include "model/ZoneOffsets.h"

#include "model/Time.h"

#include <algorithm>

namespace co {

int64_t ZoneClock::localDay(int64_t utcMs) const { return floorDiv(localMs(utcMs), kMsPerDay); }

int64_t ZoneClock::utcOf(int64_t localDay, int64_t msOfDay) const
{
    const int64_t wall = localDay * kMsPerDay + msOfDay;
    if (!zone_)
        return wall;
    // Two rounds settle the offset except in a DST gap, where the wall time does not exist.
    int64_t utc = wall - offsetAt(wall);
    utc = wall - offsetAt(utc);
    if (localMs(utc) != wall) {
        const int64_t alt = wall - offsetAt(utc - kMsPerHour * 3);
        if (localMs(alt) == wall)
            utc = std::min(utc, alt);
    }
    return utc;
}

} // namespace co
