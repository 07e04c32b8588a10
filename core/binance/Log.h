#pragma once
// Logging category of core/binance ("co.binance"); LOG_LEVEL filters it (app/Logging).
#include <QLoggingCategory>

namespace co {
inline const QLoggingCategory &lcBinance()
{
    static const QLoggingCategory category("co.binance");
    return category;
}
} // namespace co
