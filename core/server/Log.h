#pragma once
// Logging category of core/server ("co.server"); LOG_LEVEL filters it (app/Logging).
#include <QLoggingCategory>

namespace co {
inline const QLoggingCategory &lcServer()
{
    static const QLoggingCategory category("co.server");
    return category;
}
} // namespace co
