#pragma once
// Logging category of the desktop face ("co.gui"); LOG_LEVEL filters it (app/Logging).
#include <QLoggingCategory>

namespace co {
inline const QLoggingCategory &lcGui()
{
    static const QLoggingCategory category("co.gui");
    return category;
}
} // namespace co
