#pragma once
// Logging through QLoggingCategory (co.binance, co.engine, co.storage, co.server, co.gui, co.app)
// honouring LOG_LEVEL, to stderr and to a rotating file in the app data folder. stdout stays
// free for the stdio MCP transport and the report command.
#include <QString>

namespace co {

// level: debug | info | warning | error. logDir empty: no file.
void installLogging(const QString &level, const QString &logDir);
QString defaultLogDir();

// Rotation: the file is renamed to .1 (… .3) once it passes maxBytes.
inline constexpr qint64 kLogMaxBytes = 5 * 1024 * 1024;
inline constexpr int kLogKeep = 3;

} // namespace co
