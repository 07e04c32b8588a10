#pragma once
// All configuration in one place. Every variable keeps the original server's name and default;
// precedence: command line > environment > .env file > saved settings (QSettings) > defaults.
// On the command line a variable NAME is --name-in-lower-case (PORT → --port, API_TOKEN → --token
// too). Invalid values are refused with the variable's name and the accepted range.
#include "engine/EngineConfig.h"
#include "engine/EngineSettings.h"
#include "server/HttpLimits.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QSettings;

namespace co {

struct ConfigVar {
    const char *name;
    const char *defaultValue;
    const char *help;
};
// The table --help prints and every loader walks.
const QList<ConfigVar> &configVars();

enum class RunMode { Gui, Tray, Headless, Stdio, Report, Import };

struct Config {
    // Values by variable name, after precedence.
    QMap<QString, QString> values;
    QMap<QString, QString> origin; // name → "cli" | "env" | ".env" | "settings" | "default"

    // Typed views, validated.
    QString restUrl, wsUrl, archiveUrl;
    QStringList symbols;
    QString host;
    int port = 8022;
    int serverThreads = 0; // 0: half the cores, 1 to 4
    QString apiToken;
    QString cacheDbPath;
    int tradeCacheDays = 30;
    int maxSymbols = 20; // MAX_SYMBOLS: SYMBOLS + on-demand ones
    QString logLevel = "info";
    QStringList allowedOrigins;
    HttpLimits serverLimits;         // MAX_BODY_BYTES … MAX_ANSWER_BYTES
    qint64 mcpMaxSessions = 10'000;  // MCP_MAX_SESSIONS
    int mcpSessionIdleMs = 1'800'000; // MCP_SESSION_IDLE
    QStringList warnings;            // for the log at start (--token on the command line)
    EngineConfig engine;

    // Mode flags (not variables).
    RunMode mode = RunMode::Gui;
    QString recordDir;       // --record DIR: the live session as replayable files ("" = off)
    double recordMaxGb = 10;
    QStringList replayFiles;
    double replaySpeed = 0; // 0 = max
    bool exitWhenDone = false;
    bool offline = false;   // --offline: no Binance connection (replay/demo)
    QStringList rest;       // arguments left for a subcommand (report/import)

    bool loopbackHost() const;
};

struct ConfigSources {
    QStringList args;                              // without argv[0]
    std::function<QString(const QString &)> env;   // environment lookup ("" = unset)
    QString dotEnvPath;                            // "" = none
    QSettings *settings = nullptr;                 // nullptr = none
};

// Parses and validates. On error returns nullopt and *error names the variable/argument.
std::optional<Config> loadConfig(const ConfigSources &src, QString *error);

// The same configuration with its saved-settings layer replaced by store (the GUI's Settings
// dialog): values from the command line, the environment or .env still win. relayered: the
// values only (not validated); withSettings: validated, with the typed views.
Config relayered(const Config &base, const QSettings &store);
std::optional<Config> withSettings(const Config &base, const QSettings &store, QString *error);
// A whole set of values (missing ones default) checked as the settings layer would be.
std::optional<Config> configFromValues(const QMap<QString, QString> &values, QString *error);

// Reads KEY=VALUE lines (comments, blank lines, optional quotes, "export " prefix).
QMap<QString, QString> readDotEnv(const QString &path);

// Help text listing modes and every variable with its default.
QString configHelp();

// Default database path: <AppDataLocation>/orderflow.sqlite.
QString defaultCacheDbPath();


} // namespace co
