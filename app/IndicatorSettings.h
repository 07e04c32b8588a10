#pragma once
// Indicator settings from the environment (spec indicators.md §13), validated: a bad value is
// refused with the variable's name and the accepted range.
#include "engine/EngineConfig.h"

#include <QProcessEnvironment>
#include <QString>
#include <optional>

namespace co {

// Reads VALUE_AREA_PERCENT, VALUE_AREA_METHOD, IMBALANCE_RATIO_THRESHOLD, IMBALANCE_CONSECUTIVE_COUNT,
// IMBALANCE_MIN_VOLUME, DEPTH_DELTA_PERCENT, CVD_RESET, SESSION_CLOCK, LARGE_TRADE_NOTIONAL,
// TRADE_CACHE_DAYS, DAY_TZ. Returns nullopt and sets *error on the first invalid one.
std::optional<EngineConfig> engineConfigFrom(const QProcessEnvironment &env, QString *error);

} // namespace co
