#pragma once
// Indicator settings of one engine (spec indicators.md §13 names in comments).
#include "indicators/Imbalance.h"
#include "indicators/SessionLevels.h"
#include "indicators/ValueArea.h"
#include "model/ZoneOffsets.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace co {

struct EngineConfig {
    int64_t valueAreaBp = 7000;                 // VALUE_AREA_PERCENT=70
    VaMethod valueAreaMethod = VaMethod::Dual;  // VALUE_AREA_METHOD=dual
    ImbalanceConfig imbalance;                  // IMBALANCE_RATIO_THRESHOLD, _CONSECUTIVE_COUNT, _MIN_VOLUME
    bool cvdContinuous = false;                 // CVD_RESET=day | none
    int64_t largeTradeNotional = 100'000;       // LARGE_TRADE_NOTIONAL (USDT)
    int depthPercentBp = 100;                   // DEPTH_DELTA_PERCENT=1.0
    int cacheDays = 7;                          // TRADE_CACHE_DAYS: naked POCs kept
    std::vector<SessionDef> sessions = defaultUtcSessions(); // SESSION_CLOCK=utc
    std::shared_ptr<const ZoneOffsets> dayZone; // null: UTC days
};

// The settings computed when a snapshot is read (VA %, VA method, imbalance, depth band, CVD
// reset): changing them needs no replay of the trades.
inline void applyReadTimeSettings(EngineConfig &to, const EngineConfig &from)
{
    to.valueAreaBp = from.valueAreaBp;
    to.valueAreaMethod = from.valueAreaMethod;
    to.imbalance = from.imbalance;
    to.depthPercentBp = from.depthPercentBp;
    to.cvdContinuous = from.cvdContinuous;
}

} // namespace co
