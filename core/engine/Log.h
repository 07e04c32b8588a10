#pragma once
// Logging category of core/engine ("co.engine"); LOG_LEVEL filters it (app/Logging).
#include <QLoggingCategory>

namespace co {
inline const QLoggingCategory &lcEngine()
{
    static const QLoggingCategory category("co.engine");
    return category;
}
} // namespace co
