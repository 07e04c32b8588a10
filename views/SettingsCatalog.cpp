#include "views/SettingsCatalog.h"

namespace co {

namespace {
const char *const kCtx = "Settings";
QString t(const char *s) { return QCoreApplication::translate(kCtx, s); }
} // namespace

QStringList settingGroups()
{
    return {QCoreApplication::translate("Settings", "Market"), QCoreApplication::translate("Settings", "Indicators"),
            QCoreApplication::translate("Settings", "Server"), QCoreApplication::translate("Settings", "Data"),
            QCoreApplication::translate("Settings", "Network"), QCoreApplication::translate("Settings", "Other")};
}

SettingInfo settingInfo(const QString &n)
{
    SettingInfo i;
    i.known = true;
    auto set = [&](const char *group, const char *label, const char *help, EditorKind kind) {
        i.group = t(group);
        i.label = t(label);
        i.help = t(help);
        i.kind = kind;
    };
    if (n == "SYMBOLS") {
        set(QT_TRANSLATE_NOOP("Settings", "Market"), QT_TRANSLATE_NOOP("Settings", "Symbols"),
            QT_TRANSLATE_NOOP("Settings", "USD-M perpetuals to follow, comma separated (e.g. BTCUSDT,ETHUSDT)"),
            EditorKind::Symbols);
    } else if (n == "VALUE_AREA_PERCENT") {
        set(QT_TRANSLATE_NOOP("Settings", "Indicators"), QT_TRANSLATE_NOOP("Settings", "Value area %"),
            QT_TRANSLATE_NOOP("Settings", "Share of the volume inside the value area (1–100)"), EditorKind::Decimal);
        i.min = 1, i.max = 100, i.decimals = 2, i.live = true;
    } else if (n == "VALUE_AREA_METHOD") {
        set(QT_TRANSLATE_NOOP("Settings", "Indicators"), QT_TRANSLATE_NOOP("Settings", "Value area method"),
            QT_TRANSLATE_NOOP("Settings", "How the value area grows from the POC"), EditorKind::Choice);
        i.choices = {"dual", "single"};
        i.choiceLabels = {t(QT_TRANSLATE_NOOP("Settings", "Two rows at a time (CBOT)")),
                          t(QT_TRANSLATE_NOOP("Settings", "One row at a time"))};
        i.live = true;
    } else if (n == "IMBALANCE_RATIO_THRESHOLD") {
        set(QT_TRANSLATE_NOOP("Settings", "Indicators"), QT_TRANSLATE_NOOP("Settings", "Imbalance ratio"),
            QT_TRANSLATE_NOOP("Settings", "Diagonal imbalance when one side is at least this many times the other (1–100)"),
            EditorKind::Decimal);
        i.min = 1, i.max = 100, i.decimals = 2, i.live = true;
    } else if (n == "IMBALANCE_CONSECUTIVE_COUNT") {
        set(QT_TRANSLATE_NOOP("Settings", "Indicators"), QT_TRANSLATE_NOOP("Settings", "Stacked imbalance rows"),
            QT_TRANSLATE_NOOP("Settings", "Consecutive imbalance rows that make a stacked zone (2–50)"), EditorKind::Integer);
        i.min = 2, i.max = 50, i.live = true;
    } else if (n == "IMBALANCE_MIN_VOLUME") {
        set(QT_TRANSLATE_NOOP("Settings", "Indicators"), QT_TRANSLATE_NOOP("Settings", "Imbalance minimum volume"),
            QT_TRANSLATE_NOOP("Settings", "Smallest volume (base asset) a cell needs to count as an imbalance"),
            EditorKind::Decimal);
        i.min = 0, i.max = 1e9, i.decimals = 3, i.live = true;
    } else if (n == "DEPTH_DELTA_PERCENT") {
        set(QT_TRANSLATE_NOOP("Settings", "Indicators"), QT_TRANSLATE_NOOP("Settings", "Depth band %"),
            QT_TRANSLATE_NOOP("Settings", "Order-book depth counted within this distance of the mid price (0.01–10)"),
            EditorKind::Decimal);
        i.min = 0.01, i.max = 10, i.decimals = 2, i.live = true;
    } else if (n == "CVD_RESET") {
        set(QT_TRANSLATE_NOOP("Settings", "Indicators"), QT_TRANSLATE_NOOP("Settings", "CVD reset"),
            QT_TRANSLATE_NOOP("Settings", "Whether cumulative delta starts again each day"), EditorKind::Choice);
        i.choices = {"day", "none"};
        i.choiceLabels = {t(QT_TRANSLATE_NOOP("Settings", "Each day")), t(QT_TRANSLATE_NOOP("Settings", "Never"))};
        i.live = true;
    } else if (n == "SESSION_CLOCK") {
        set(QT_TRANSLATE_NOOP("Settings", "Indicators"), QT_TRANSLATE_NOOP("Settings", "Sessions"),
            QT_TRANSLATE_NOOP("Settings", "Tokyo, London and New York sessions in fixed UTC windows or local market hours"),
            EditorKind::Choice);
        i.choices = {"utc", "local"};
        i.choiceLabels = {t(QT_TRANSLATE_NOOP("Settings", "UTC windows (00–09, 07–16, 13–22)")),
                          t(QT_TRANSLATE_NOOP("Settings", "Local market hours (with daylight saving)"))};
    } else if (n == "SESSIONS") {
        set(QT_TRANSLATE_NOOP("Settings", "Indicators"), QT_TRANSLATE_NOOP("Settings", "Named sessions"),
            QT_TRANSLATE_NOOP("Settings", "Sessions instead of the above: name=HH:MM-HH:MM or name=HH:MM-HH:MM@Zone, comma "
                                          "separated, e.g. asia=22:00-06:00@Asia/Tokyo,ny=09:30-16:00@America/New_York"),
            EditorKind::Text);
    } else if (n == "LARGE_TRADE_NOTIONAL") {
        set(QT_TRANSLATE_NOOP("Settings", "Indicators"), QT_TRANSLATE_NOOP("Settings", "Large trade (USDT)"),
            QT_TRANSLATE_NOOP("Settings", "Notional from which a trade counts as large"), EditorKind::Integer);
        i.min = 1, i.max = 1e12;
    } else if (n == "DAY_TZ") {
        set(QT_TRANSLATE_NOOP("Settings", "Indicators"), QT_TRANSLATE_NOOP("Settings", "Day time zone"),
            QT_TRANSLATE_NOOP("Settings", "IANA time zone whose midnight starts a trading day (e.g. UTC, Asia/Shanghai)"),
            EditorKind::Text);
    } else if (n == "HOST") {
        set(QT_TRANSLATE_NOOP("Settings", "Server"), QT_TRANSLATE_NOOP("Settings", "Listen address"),
            QT_TRANSLATE_NOOP("Settings", "127.0.0.1 keeps the server on this computer; other addresses need a token"),
            EditorKind::Text);
        i.live = true;
    } else if (n == "PORT") {
        set(QT_TRANSLATE_NOOP("Settings", "Server"), QT_TRANSLATE_NOOP("Settings", "Port"),
            QT_TRANSLATE_NOOP("Settings", "TCP port of the MCP/REST server (0: any free port)"), EditorKind::Integer);
        i.min = 0, i.max = 65535, i.live = true;
    } else if (n == "API_TOKEN") {
        set(QT_TRANSLATE_NOOP("Settings", "Server"), QT_TRANSLATE_NOOP("Settings", "Access token"),
            QT_TRANSLATE_NOOP("Settings", "Bearer token every request must carry (required off this computer)"),
            EditorKind::Password);
        i.live = true;
    } else if (n == "ALLOWED_ORIGINS") {
        set(QT_TRANSLATE_NOOP("Settings", "Server"), QT_TRANSLATE_NOOP("Settings", "Allowed browser origins"),
            QT_TRANSLATE_NOOP("Settings", "Extra web page origins allowed to call the server, comma separated"),
            EditorKind::Text);
        i.live = true;
    } else if (n == "CACHE_DB_PATH") {
        set(QT_TRANSLATE_NOOP("Settings", "Data"), QT_TRANSLATE_NOOP("Settings", "Cache file"),
            QT_TRANSLATE_NOOP("Settings", "SQLite file for cached trades (empty: the default in the app data folder)"),
            EditorKind::Text);
    } else if (n == "TRADE_CACHE_DAYS") {
        set(QT_TRANSLATE_NOOP("Settings", "Data"), QT_TRANSLATE_NOOP("Settings", "Cache days"),
            QT_TRANSLATE_NOOP("Settings", "Days of trades kept in the cache (1–365)"), EditorKind::Integer);
        i.min = 1, i.max = 365;
    } else if (n == "BINANCE_REST_URL") {
        set(QT_TRANSLATE_NOOP("Settings", "Network"), QT_TRANSLATE_NOOP("Settings", "Binance REST URL"),
            QT_TRANSLATE_NOOP("Settings", "USD-M futures REST base URL"), EditorKind::Text);
    } else if (n == "BINANCE_WS_URL") {
        set(QT_TRANSLATE_NOOP("Settings", "Network"), QT_TRANSLATE_NOOP("Settings", "Binance WebSocket URL"),
            QT_TRANSLATE_NOOP("Settings", "USD-M futures WebSocket root"), EditorKind::Text);
    } else if (n == "BINANCE_ARCHIVE_URL") {
        set(QT_TRANSLATE_NOOP("Settings", "Network"), QT_TRANSLATE_NOOP("Settings", "Binance archive URL"),
            QT_TRANSLATE_NOOP("Settings", "Public data archive used for history imports"), EditorKind::Text);
    } else if (n == "HTTPS_PROXY") {
        set(QT_TRANSLATE_NOOP("Settings", "Network"), QT_TRANSLATE_NOOP("Settings", "Proxy"),
            QT_TRANSLATE_NOOP("Settings",
                              "Proxy for Binance, e.g. http://127.0.0.1:7890 or socks5://127.0.0.1:1080 (the HTTPS_PROXY "
                              "environment variable wins when set)"),
            EditorKind::Text);
    } else if (n == "LOG_LEVEL") {
        set(QT_TRANSLATE_NOOP("Settings", "Other"), QT_TRANSLATE_NOOP("Settings", "Log level"),
            QT_TRANSLATE_NOOP("Settings", "How much the program writes to its log"), EditorKind::Choice);
        i.choices = {"debug", "info", "warning", "error"};
        i.choiceLabels = {t(QT_TRANSLATE_NOOP("Settings", "Debug")), t(QT_TRANSLATE_NOOP("Settings", "Info")),
                          t(QT_TRANSLATE_NOOP("Settings", "Warning")), t(QT_TRANSLATE_NOOP("Settings", "Error"))};
    } else {
        i = {};
        i.group = t(QT_TRANSLATE_NOOP("Settings", "Other"));
        i.label = n;
    }
    return i;
}

} // namespace co
