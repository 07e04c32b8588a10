#pragma once
// Logging category of core/storage ("co.storage"); LOG_LEVEL filters it (app/Logging).
#include <QLoggingCategory>

namespace co {
inline const QLoggingCategory &lcStorage()
{
    static const QLoggingCategory category("co.storage");
    return category;
}
} // namespace co
