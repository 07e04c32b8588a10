#pragma once
// The indicator settings (indicators.md §13) read from named values (VALUE_AREA_PERCENT, …):
// validated, with the variable's name and accepted range in the error.
#include "engine/EngineConfig.h"

#include <QString>

#include <functional>
#include <optional>

namespace co {

std::optional<EngineConfig> engineConfigFrom(const std::function<QString(const QString &)> &value, QString *error);

} // namespace co
