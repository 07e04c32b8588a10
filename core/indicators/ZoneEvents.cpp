#include "indicators/ZoneEvents.h"

namespace co {

std::vector<ZoneFormed> zoneFormation(std::span<const BarPtr> minutes, int64_t k, const ImbalanceConfig &cfg)
{
    ZoneTracker t(k, cfg);
    for (const BarPtr &m : minutes)
        if (m)
            t.addMinute(*m);
    return t.takeEvents();
}

} // namespace co
