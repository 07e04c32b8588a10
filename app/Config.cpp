#include "app/Config.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>
#include <QUrl>

namespace co {

const QList<ConfigVar> &configVars()
{
    static const QList<ConfigVar> vars = {
        {"BINANCE_REST_URL", "https://fapi.binance.com", "Binance USD-M REST base URL"},
        {"BINANCE_WS_URL", "wss://fstream.binance.com", "Binance USD-M WebSocket root (routes /public, /market appended)"},
        {"BINANCE_ARCHIVE_URL", "https://data.binance.vision", "Binance public data archive base URL"},
        {"SYMBOLS", "BTCUSDT,ETHUSDT", "USD-M perpetuals to follow, comma separated"},
        {"MAX_SYMBOLS", "20", "symbols followed at once, SYMBOLS and on-demand ones (1-200); the least recently asked on-demand one is dropped"},
        {"HOST", "127.0.0.1", "address the server binds; non-loopback needs API_TOKEN"},
        {"PORT", "8022", "server port (0 = any free port)"},
        {"API_TOKEN", "", "bearer token required on every route but /healthz (required off loopback); prefer API_TOKEN_FILE"},
        {"API_TOKEN_FILE", "", "file holding API_TOKEN, read once at start; refused if group or others may read it"},
        {"SERVER_THREADS", "0", "HTTP server threads sharing the port (0 = half the cores, 1 to 4; else 1-16)"},
        {"ALLOWED_ORIGINS", "", "extra allowed browser Origins, comma separated"},
        {"CACHE_DB_PATH", "", "SQLite cache file (default: <app data>/orderflow.sqlite)"},
        {"TRADE_CACHE_DAYS", "30", "days of trades kept in the cache (1-365)"},
        {"VALUE_AREA_PERCENT", "70", "value area percent (1-100)"},
        {"VALUE_AREA_METHOD", "dual", "value area rule: dual (CBOT two rows) or single"},
        {"IMBALANCE_RATIO_THRESHOLD", "3.0", "diagonal imbalance ratio (1.0-100)"},
        {"IMBALANCE_CONSECUTIVE_COUNT", "3", "rows in a stacked imbalance (2-50)"},
        {"IMBALANCE_MIN_VOLUME", "0", "minimum volume of an imbalance cell (base units)"},
        {"DEPTH_DELTA_PERCENT", "1.0", "order-book depth band in percent (0.01-10)"},
        {"CVD_RESET", "day", "CVD reset: day or none"},
        {"SESSION_CLOCK", "utc", "sessions in utc windows or local market hours (local)"},
        {"SESSIONS", "", "named sessions name=HH:MM-HH:MM[@Zone], comma separated (overrides SESSION_CLOCK)"},
        {"LARGE_TRADE_NOTIONAL", "100000", "USDT notional of a large trade"},
        {"DAY_TZ", "UTC", "IANA time zone whose midnight starts a day"},
        {"LOG_LEVEL", "info", "debug, info, warning or error"},
        {"RECORD_DIR", "", "record the live session here (gzip, one file per symbol and UTC hour; --replay reads it)"},
        {"RECORD_MAX_GB", "10", "disk the recording may use; the oldest files go first (0.01-100000)"},
        // Server limits (README "Limits")
        {"MAX_BODY_BYTES", "1048576", "largest request body, checked on Content-Length before reading (413)"},
        {"MAX_HEADER_BYTES", "16384", "largest request line + headers (431)"},
        {"HEADER_TIMEOUT", "10", "seconds for a request's head, then for its body (408)"},
        {"IDLE_TIMEOUT", "60", "seconds a keep-alive connection may wait for its next request"},
        {"MAX_CONNECTIONS", "256", "open connections per server thread (503 beyond; /healthz still answers)"},
        {"MAX_OUTPUT_BYTES", "8388608", "unsent answer bytes a connection or SSE stream may hold..."},
        {"SLOW_CLIENT_TIMEOUT", "5", "...for this many seconds before the client is dropped"},
        {"MAX_BATCH", "50", "JSON-RPC messages in one batch (413 beyond)"},
        {"MAX_ANSWER_BYTES", "4194304", "bytes of a batch's answers; the calls after that get an error"},
        {"MCP_MAX_SESSIONS", "10000", "Streamable HTTP sessions kept (initialize answers 503 when all are in use)"},
        {"MCP_SESSION_IDLE", "1800", "seconds after which an unused MCP session expires"},
    };
    return vars;
}

namespace {
QString flagFor(const QString &name)
{
    if (name == "API_TOKEN")
        return "--token";
    if (name == "RECORD_DIR")
        return "--record";
    return "--" + name.toLower().replace('_', '-');
}

bool isVar(const QString &name)
{
    for (const ConfigVar &v : configVars())
        if (name == QLatin1String(v.name))
            return true;
    return false;
}

// The token of API_TOKEN_FILE: a regular file only its owner may read (mode 0600 or 0400).
std::optional<QString> readTokenFile(const QString &path, QString *why)
{
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile()) {
        *why = "not a regular file";
        return std::nullopt;
    }
    if (info.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther)) {
        *why = "group or others may read or write it; run chmod 600 " + path;
        return std::nullopt;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *why = f.errorString();
        return std::nullopt;
    }
    const QString token = QString::fromUtf8(f.read(4096)).trimmed();
    if (token.isEmpty() || token.contains(QRegularExpression("\\s"))) {
        *why = "it must hold one token (no spaces) on its first line";
        return std::nullopt;
    }
    return token;
}

bool validUrl(const QString &s, const QStringList &schemes)
{
    const QUrl u(s, QUrl::StrictMode);
    return u.isValid() && schemes.contains(u.scheme()) && !u.host().isEmpty();
}
} // namespace

bool Config::loopbackHost() const
{
    const QHostAddress a(host);
    return host == "localhost" || (!a.isNull() && a.isLoopback());
}

QMap<QString, QString> readDotEnv(const QString &path)
{
    QMap<QString, QString> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return out;
    QTextStream in(&f);
    while (!in.atEnd()) {
        QString line = in.readLine().trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        if (line.startsWith("export "))
            line = line.mid(7).trimmed();
        const int eq = line.indexOf('=');
        if (eq <= 0)
            continue;
        QString key = line.left(eq).trimmed(), value = line.mid(eq + 1).trimmed();
        if (value.size() >= 2 && (value.startsWith('"') || value.startsWith('\'')) && value.endsWith(value[0]))
            value = value.mid(1, value.size() - 2);
        out.insert(key, value);
    }
    return out;
}

QString defaultCacheDbPath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + "/.local/share/crypto-orderflow";
    return QDir(dir).filePath("orderflow.sqlite");
}

namespace {
// The typed views of c.values, validated (c.values and c.origin set; the typed fields are filled).
std::optional<Config> withTypedViews(Config c, QString *error)
{
    auto fail = [error](const QString &msg) {
        if (error)
            *error = msg;
        return std::nullopt;
    };
    c.symbols.clear();
    c.allowedOrigins.clear();
    c.warnings.clear();
    const auto &v = c.values;
    c.restUrl = v["BINANCE_REST_URL"];
    if (!validUrl(c.restUrl, {"http", "https"}))
        return fail("invalid BINANCE_REST_URL=" + c.restUrl + ": accepted an http(s) URL");
    c.wsUrl = v["BINANCE_WS_URL"];
    if (!validUrl(c.wsUrl, {"ws", "wss"}))
        return fail("invalid BINANCE_WS_URL=" + c.wsUrl + ": accepted a ws(s) URL");
    c.archiveUrl = v["BINANCE_ARCHIVE_URL"];
    if (!validUrl(c.archiveUrl, {"http", "https", "file"}) && !c.archiveUrl.startsWith("file:"))
        return fail("invalid BINANCE_ARCHIVE_URL=" + c.archiveUrl + ": accepted an http(s) URL");
    static const QRegularExpression symRe("^[A-Z0-9]{2,20}$");
    for (QString s : v["SYMBOLS"].split(',', Qt::SkipEmptyParts)) {
        s = s.trimmed().toUpper();
        if (!symRe.match(s).hasMatch())
            return fail("invalid SYMBOLS entry '" + s + "': accepted USD-M symbols like BTCUSDT, comma separated");
        if (!c.symbols.contains(s))
            c.symbols << s;
    }
    if (c.symbols.isEmpty())
        return fail("invalid SYMBOLS: at least one symbol, e.g. BTCUSDT,ETHUSDT");
    c.host = v["HOST"].trimmed();
    if (c.host != "localhost" && QHostAddress(c.host).isNull())
        return fail("invalid HOST=" + c.host + ": accepted an IP address such as 127.0.0.1 or 0.0.0.0");
    bool ok = false;
    c.port = v["PORT"].toInt(&ok);
    if (!ok || c.port < 0 || c.port > 65535)
        return fail("invalid PORT=" + v["PORT"] + ": accepted 0 to 65535");
    c.serverThreads = v["SERVER_THREADS"].toInt(&ok);
    if (!ok || c.serverThreads < 0 || c.serverThreads > 16)
        return fail("invalid SERVER_THREADS=" + v["SERVER_THREADS"] + ": accepted 0 (half the cores) to 16");
    c.apiToken = v["API_TOKEN"];
    if (c.origin["API_TOKEN"] == "cli" && !c.apiToken.isEmpty())
        c.warnings << "--token puts the token where other local users can read it (/proc/PID/cmdline); use "
                      "API_TOKEN_FILE (a file of mode 600) or the API_TOKEN environment variable";
    if (!v["API_TOKEN_FILE"].isEmpty()) {
        if (!c.apiToken.isEmpty())
            return fail("API_TOKEN and API_TOKEN_FILE are both set: accepted one of them");
        QString why;
        const auto token = readTokenFile(v["API_TOKEN_FILE"], &why);
        if (!token)
            return fail("invalid API_TOKEN_FILE=" + v["API_TOKEN_FILE"] + ": " + why);
        c.apiToken = *token;
    }
    if (!c.loopbackHost() && c.apiToken.isEmpty() && c.mode != RunMode::Report && c.mode != RunMode::Import)
        return fail("HOST=" + c.host + " is not loopback: set API_TOKEN (or --token) to require a bearer token");
    c.allowedOrigins = v["ALLOWED_ORIGINS"].split(',', Qt::SkipEmptyParts);
    for (QString &o : c.allowedOrigins)
        o = o.trimmed();
    c.cacheDbPath = v["CACHE_DB_PATH"].isEmpty() ? defaultCacheDbPath() : v["CACHE_DB_PATH"];
    c.tradeCacheDays = v["TRADE_CACHE_DAYS"].toInt(&ok);
    if (!ok || c.tradeCacheDays < 1 || c.tradeCacheDays > 365)
        return fail("invalid TRADE_CACHE_DAYS=" + v["TRADE_CACHE_DAYS"] + ": accepted 1 to 365");
    // Server limits: integers in a range; seconds and bytes as named.
    auto limit = [&](const char *name, qint64 lo, qint64 hi, qint64 *out) {
        const qint64 n = v[name].toLongLong(&ok);
        if (!ok || n < lo || n > hi) {
            fail(QString("invalid %1=%2: accepted an integer from %3 to %4").arg(name, v[name].left(40)).arg(lo).arg(hi));
            return false;
        }
        *out = n;
        return true;
    };
    qint64 body, head, headerS, idleS, conns, output, slowS, batch, answer, sessions, sessionS;
    if (!limit("MAX_BODY_BYTES", 1024, 64LL << 20, &body) || !limit("MAX_HEADER_BYTES", 1024, 1 << 20, &head) ||
        !limit("HEADER_TIMEOUT", 1, 300, &headerS) || !limit("IDLE_TIMEOUT", 1, 3600, &idleS) ||
        !limit("MAX_CONNECTIONS", 8, 100'000, &conns) || !limit("MAX_OUTPUT_BYTES", 64 << 10, 1LL << 30, &output) ||
        !limit("SLOW_CLIENT_TIMEOUT", 1, 300, &slowS) || !limit("MAX_BATCH", 1, 10'000, &batch) ||
        !limit("MAX_ANSWER_BYTES", 64 << 10, 1LL << 30, &answer) || !limit("MCP_MAX_SESSIONS", 1, 10'000'000, &sessions) ||
        !limit("MCP_SESSION_IDLE", 60, 30 * 86'400, &sessionS))
        return std::nullopt;
    c.serverLimits.maxBodyBytes = body;
    c.serverLimits.maxHeaderBytes = head;
    c.serverLimits.headerTimeoutMs = int(headerS * 1000);
    c.serverLimits.idleTimeoutMs = int(idleS * 1000);
    c.serverLimits.maxConnections = int(conns);
    c.serverLimits.maxOutputBytes = output;
    c.serverLimits.slowClientMs = int(slowS * 1000);
    c.serverLimits.maxBatch = int(batch);
    c.serverLimits.maxAnswerBytes = answer;
    c.mcpMaxSessions = sessions;
    c.mcpSessionIdleMs = int(sessionS * 1000);
    c.logLevel = v["LOG_LEVEL"].toLower();
    if (!QStringList{"debug", "info", "warning", "error"}.contains(c.logLevel))
        return fail("invalid LOG_LEVEL=" + v["LOG_LEVEL"] + ": accepted debug, info, warning or error");
    c.recordDir = v["RECORD_DIR"].trimmed();
    c.maxSymbols = v["MAX_SYMBOLS"].toInt(&ok);
    if (!ok || c.maxSymbols < 1 || c.maxSymbols > 200)
        return fail("invalid MAX_SYMBOLS=" + v["MAX_SYMBOLS"] + ": accepted 1 to 200");
    c.recordMaxGb = v["RECORD_MAX_GB"].toDouble(&ok);
    if (!ok || c.recordMaxGb < 0.01 || c.recordMaxGb > 100'000)
        return fail("invalid RECORD_MAX_GB=" + v["RECORD_MAX_GB"] + ": accepted 0.01 to 100000");
    QString engineError;
    const auto engine = engineConfigFrom([&v](const QString &n) { return v.value(n); }, &engineError);
    if (!engine)
        return fail(engineError);
    c.engine = *engine;
    return c;
}
} // namespace


std::optional<Config> loadConfig(const ConfigSources &src, QString *error)
{
    auto fail = [error](const QString &msg) {
        if (error)
            *error = msg;
        return std::nullopt;
    };
    Config c;
    // 1. defaults, 2. saved settings, 3. .env, 4. environment, 5. command line
    for (const ConfigVar &v : configVars()) {
        c.values[v.name] = QString::fromLatin1(v.defaultValue);
        c.origin[v.name] = "default";
    }
    if (src.settings)
        for (const ConfigVar &v : configVars())
            if (src.settings->contains(v.name)) {
                c.values[v.name] = src.settings->value(v.name).toString();
                c.origin[v.name] = "settings";
            }
    if (!src.dotEnvPath.isEmpty()) {
        const auto dot = readDotEnv(src.dotEnvPath);
        for (auto it = dot.begin(); it != dot.end(); ++it)
            if (isVar(it.key())) {
                c.values[it.key()] = it.value();
                c.origin[it.key()] = ".env";
            }
    }
    if (src.env)
        for (const ConfigVar &v : configVars()) {
            const QString e = src.env(v.name);
            if (!e.isNull() && !e.isEmpty()) {
                c.values[v.name] = e;
                c.origin[v.name] = "env";
            }
        }

    const QStringList &a = src.args;
    int i = 0;
    if (!a.isEmpty() && (a[0] == "report" || a[0] == "import")) {
        c.mode = a[0] == "report" ? RunMode::Report : RunMode::Import;
        c.rest = a.mid(1);
        i = int(a.size()); // the subcommand parses its own arguments
    }
    bool modeSet = false;
    for (; i < a.size(); ++i) {
        const QString &arg = a[i];
        auto setMode = [&](RunMode m) {
            c.mode = m;
            modeSet = true;
        };
        if (arg == "--headless") {
            setMode(RunMode::Headless);
        } else if (arg == "--tray") {
            setMode(RunMode::Tray);
        } else if (arg == "--stdio") {
            setMode(RunMode::Stdio);
        } else if (arg == "--gui") {
            setMode(RunMode::Gui);
        } else if (arg == "--replay") {
            while (i + 1 < a.size() && !a[i + 1].startsWith("--"))
                c.replayFiles << a[++i];
            if (c.replayFiles.isEmpty())
                return fail("--replay needs at least one file");
        } else if (arg == "--speed") {
            if (i + 1 >= a.size())
                return fail("--speed needs a value: a positive number or max");
            const QString v = a[++i];
            bool ok = v == "max";
            double s = 0;
            if (!ok)
                s = v.toDouble(&ok);
            if (!ok || s < 0)
                return fail("--speed must be a positive number or max, got " + v);
            c.replaySpeed = s;
        } else if (arg == "--exit-when-done") {
            c.exitWhenDone = true;
        } else if (arg == "--offline") {
            c.offline = true;
        } else {
            QString name, value;
            const int eq = arg.indexOf('=');
            const QString flag = eq > 0 ? arg.left(eq) : arg;
            for (const ConfigVar &v : configVars())
                if (flag == flagFor(v.name) || flag == "--" + QString(v.name).toLower().replace('_', '-'))
                    name = v.name;
            if (name.isEmpty())
                return fail("unknown argument " + arg + " (see --help)");
            if (eq > 0) {
                value = arg.mid(eq + 1);
            } else {
                if (i + 1 >= a.size())
                    return fail(flag + " needs a value");
                value = a[++i];
            }
            c.values[name] = value;
            c.origin[name] = "cli";
        }
    }
    Q_UNUSED(modeSet);
    if (c.mode == RunMode::Gui && !c.replayFiles.isEmpty() && c.exitWhenDone)
        c.mode = RunMode::Headless;

    return withTypedViews(std::move(c), error);
}

QString configHelp()
{
    QString h;
    QTextStream s(&h);
    s << "crypto-orderflow: Binance USD-M order-flow analytics (GUI, MCP/REST server, headless)\n\n"
         "usage:\n"
         "  crypto-orderflow [--gui|--tray|--headless] [--replay FILE... [--speed N|max]] [--exit-when-done]\n"
         "                   [--offline] [--NAME VALUE ...]\n"
         "  crypto-orderflow --stdio             MCP over stdin/stdout (Claude Desktop)\n"
         "  crypto-orderflow report --replay FILE... --symbol SYM [--date YYYY-MM-DD]\n"
         "                   [--exchange-info FILE] [--timeframe 1m|5m|15m|30m|1h|4h|1d] [--rows] [--ticks-per-row K|auto] [--events] [--pretty]\n"
         "  crypto-orderflow import --symbol SYM (--from YYYY-MM-DD --to YYYY-MM-DD | --file PATH...)\n"
         "  crypto-orderflow --version | --help\n\n"
         "Configuration (command line > environment > .env > saved settings > default).\n"
         "Each NAME is also a flag: --name-in-lower-case VALUE (API_TOKEN: --token, readable by other local\n"
         "users: prefer API_TOKEN_FILE).\n\n";
    for (const ConfigVar &v : configVars())
        s << "  " << QString(v.name).leftJustified(28) << " default " << (*v.defaultValue ? v.defaultValue : "(none)")
          << "\n      " << v.help << "\n";
    return h;
}

Config relayered(const Config &base, const QSettings &store)
{
    Config c = base;
    for (const ConfigVar &v : configVars()) {
        const QString origin = c.origin.value(v.name);
        if (origin == "cli" || origin == "env" || origin == ".env")
            continue; // a higher layer wins over saved settings
        const bool saved = store.contains(v.name);
        c.values[v.name] = saved ? store.value(v.name).toString() : QString::fromLatin1(v.defaultValue);
        c.origin[v.name] = saved ? "settings" : "default";
    }
    return c;
}

std::optional<Config> withSettings(const Config &base, const QSettings &store, QString *error)
{
    return withTypedViews(relayered(base, store), error);
}

std::optional<Config> configFromValues(const QMap<QString, QString> &values, QString *error)
{
    Config c;
    for (const ConfigVar &v : configVars()) {
        const bool given = values.contains(v.name);
        c.values[v.name] = given ? values.value(v.name) : QString::fromLatin1(v.defaultValue);
        c.origin[v.name] = given ? "settings" : "default";
    }
    return withTypedViews(std::move(c), error);
}

} // namespace co
