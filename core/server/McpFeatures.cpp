#include "server/McpFeatures.h"

#include "server/McpApps.h"
#include "server/Tools.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace co {

namespace {
QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

const QStringList kTfNames{"1m", "5m", "15m", "30m", "1h"};

struct Template {
    const char *uriTemplate, *name, *title, *description;
};
const Template kTemplates[] = {
    {"orderflow://{symbol}/snapshot", "snapshot", "Market snapshot",
     "Last price, 24h stats, mark/funding, open interest and the session's order-flow summary (get_market_snapshot)."},
    {"orderflow://{symbol}/key-levels{?date}", "key-levels", "Key levels",
     "Developing and prior-day POC/VAH/VAL, session high/low, naked POCs; date is YYYY-MM-DD (get_key_levels)."},
    {"orderflow://{symbol}/footprint/{timeframe}", "footprint", "Footprint bars",
     "Footprint bars of the timeframe (1m, 5m, 15m, 30m, 1h) with bid/ask volume per price (get_footprint)."},
};

struct PromptDef {
    const char *name, *title, *description;
    QList<std::tuple<const char *, const char *, bool>> args; // name, description, required
};
const QList<PromptDef> &prompts()
{
    static const QList<PromptDef> p{
        {"session_brief", "Session brief",
         "Brief for the trading session: where price sits against today's and yesterday's value areas and naked POCs.",
         {{"symbol", "Binance USD-M symbol, e.g. BTCUSDT", true}, {"date", "Calendar day YYYY-MM-DD (default: today, UTC)", false}}},
        {"footprint_read", "Footprint read of the last hour",
         "Read the footprint bars of the last hour: absorption, stacked imbalances, delta at the extremes.",
         {{"symbol", "Binance USD-M symbol, e.g. BTCUSDT", true}, {"timeframe", "Bar size: 1m, 5m, 15m, 30m or 1h (default 5m)", false}}},
        {"liquidation_sweep", "Liquidation sweep check",
         "Check whether a recent move swept liquidations into a key level and how order flow reacted.",
         {{"symbol", "Binance USD-M symbol, e.g. BTCUSDT", true}}},
        {"market_scan", "Market scan", "Rank the followed symbols by order-flow activity and pick one to study.", {}},
    };
    return p;
}

QString promptText(const QString &name, const QJsonObject &a)
{
    const QString sym = a["symbol"].toString();
    if (name == "session_brief")
        return QString("Write a session brief for %1%2. Call get_key_levels (symbol %1%3) and get_market_snapshot; "
                       "say where price sits against the developing POC/VAH/VAL, the prior day's value area and any naked "
                       "POCs, and which levels are nearest above and below. Read dataQuality first.")
            .arg(sym, a.contains("date") ? " on " + a["date"].toString() : QString(),
                 a.contains("date") ? ", date " + a["date"].toString() : QString());
    if (name == "footprint_read")
        return QString("Read the last hour of %1 footprint bars: call get_footprint (symbol %1, timeframe %2) and "
                       "get_orderflow_metrics. Point out absorption, stacked imbalances and delta divergences at the "
                       "highs and lows, with prices. Read dataQuality first.")
            .arg(sym, a["timeframe"].toString("5m"));
    if (name == "liquidation_sweep")
        return QString("Check %1 for a liquidation sweep: call stream_liquidations and get_key_levels for %1, then "
                       "get_footprint (1m). Did a cluster of liquidations run into a key level, and did order flow "
                       "absorb or continue? Give prices and times.")
            .arg(sym);
    return "Call scan_market, rank the followed symbols by order-flow activity and suggest which one to study "
           "next, with the numbers that support it.";
}

ApiError notFound(const QString &uri, const QString &why)
{
    // SEP-2164: -32602 with the URI in data.
    return ApiError{ApiErrorKind::InvalidParams, "Resource not found: " + uri.left(200) + " (" + why + ")",
                    QJsonObject{{"uri", uri}}};
}

QJsonObject completion(QStringList values, const QString &prefix)
{
    QJsonArray out;
    for (const QString &v : values)
        if (v.startsWith(prefix, Qt::CaseInsensitive) && out.size() < 100)
            out.append(v);
    return QJsonObject{{"completion", QJsonObject{{"values", out}, {"total", out.size()}, {"hasMore", false}}}};
}
} // namespace

QJsonObject McpFeatures::capabilities()
{
    return QJsonObject{{"resources", QJsonObject{{"listChanged", false}}},
                       {"prompts", QJsonObject{{"listChanged", false}}},
                       {"completions", QJsonObject{}}};
}

std::optional<McpFeatures::Result> McpFeatures::result(const QString &method, const QJsonObject &params) const
{
    if (method == "resources/list")
        return listResources();
    if (method == "resources/templates/list") {
        QJsonArray t;
        for (const Template &x : kTemplates)
            t.append(QJsonObject{{"uriTemplate", x.uriTemplate}, {"name", x.name}, {"title", x.title},
                                 {"description", x.description}, {"mimeType", "application/json"}});
        return compact(QJsonObject{{"resourceTemplates", t}});
    }
    if (method == "resources/read")
        return readResource(params);
    if (method == "prompts/list") {
        QJsonArray list;
        for (const PromptDef &p : prompts()) {
            QJsonArray args;
            for (const auto &[n, d, req] : p.args)
                args.append(QJsonObject{{"name", n}, {"description", d}, {"required", req}});
            list.append(QJsonObject{{"name", p.name}, {"title", p.title}, {"description", p.description}, {"arguments", args}});
        }
        return compact(QJsonObject{{"prompts", list}});
    }
    if (method == "prompts/get")
        return getPrompt(params);
    if (method == "completion/complete")
        return complete(params);
    return std::nullopt;
}

McpFeatures::Result McpFeatures::listResources() const
{
    QJsonArray list;
    if (alerts_)
        list.append(QJsonObject{{"uri", "orderflow://alerts"}, {"name", "alerts"}, {"title", "Alerts"},
                                {"description", "Alert rules and fired alerts; subscribe to be told when one fires"},
                                {"mimeType", "application/json"}});
    list.append(McpApps::footprintEntry());
    for (const QString &s : tools_.symbols())
        list.append(QJsonObject{{"uri", "orderflow://" + s + "/snapshot"}, {"name", s + " snapshot"},
                                {"title", s + " market snapshot"}, {"mimeType", "application/json"}});
    return compact(QJsonObject{{"resources", list}});
}

McpFeatures::Result McpFeatures::readResource(const QJsonObject &params) const
{
    if (!params["uri"].isString())
        return ApiError{ApiErrorKind::InvalidParams, "Invalid params: uri must be a string like orderflow://BTCUSDT/snapshot"};
    const QString uri = params["uri"].toString();
    const QUrl url(uri);
    if (url.scheme() == "ui") {
        if (const auto page = McpApps::read(uri))
            return compact(QJsonObject{{"contents", QJsonArray{*page}}});
        return notFound(uri, QString("the one page is ") + McpApps::kFootprintUri);
    }
    if (url.scheme() != "orderflow")
        return notFound(uri, "use orderflow://{symbol}/snapshot, /key-levels{?date} or /footprint/{timeframe}");
    const QString symbol = url.host().toUpper();
    const QStringList path = url.path().split('/', Qt::SkipEmptyParts);
    QString tool;
    QJsonObject args{{"symbol", symbol}};
    if (path == QStringList{"snapshot"}) {
        tool = "get_market_snapshot";
    } else if (path == QStringList{"key-levels"}) {
        tool = "get_key_levels";
        if (const QString d = QUrlQuery(url).queryItemValue("date"); !d.isEmpty())
            args.insert("date", d);
    } else if (path.size() == 2 && path[0] == "footprint") {
        if (!kTfNames.contains(path[1]))
            return notFound(uri, "timeframe: use one of " + kTfNames.join(", "));
        tool = "get_footprint";
        args.insert("timeframe", path[1]);
    } else {
        return notFound(uri, "use orderflow://{symbol}/snapshot, /key-levels{?date} or /footprint/{timeframe}");
    }
    const auto r = tools_.call(tool, args);
    if (const ApiError *e = std::get_if<ApiError>(&r))
        return e->kind == ApiErrorKind::UnknownSymbol ? notFound(uri, e->message) : ApiError{e->kind, e->message, QJsonObject{{"uri", uri}}};
    const QJsonObject content{{"uri", uri}, {"mimeType", "application/json"}, {"text", QString::fromUtf8(std::get<ToolOutput>(r).text)}};
    return compact(QJsonObject{{"contents", QJsonArray{content}}});
}

McpFeatures::Result McpFeatures::getPrompt(const QJsonObject &params) const
{
    const QString name = params["name"].toString();
    const QJsonObject args = params["arguments"].toObject();
    for (const PromptDef &p : prompts()) {
        if (name != p.name)
            continue;
        for (const auto &[n, d, req] : p.args)
            if (req && args[n].toString().isEmpty())
                return ApiError{ApiErrorKind::InvalidParams, QString("Invalid params: argument '%1' is required (%2)").arg(n, d)};
        if (args.contains("timeframe") && !kTfNames.contains(args["timeframe"].toString()))
            return ApiError{ApiErrorKind::InvalidParams, "Invalid params: timeframe must be one of " + kTfNames.join(", ")};
        const QJsonObject msg{{"role", "user"}, {"content", QJsonObject{{"type", "text"}, {"text", promptText(name, args)}}}};
        return compact(QJsonObject{{"description", p.description}, {"messages", QJsonArray{msg}}});
    }
    QStringList names;
    for (const PromptDef &p : prompts())
        names << p.name;
    return ApiError{ApiErrorKind::InvalidParams, "Invalid params: unknown prompt '" + name.left(100) + "'; use one of " + names.join(", ")};
}

McpFeatures::Result McpFeatures::complete(const QJsonObject &params) const
{
    const QJsonObject arg = params["argument"].toObject();
    const QString name = arg["name"].toString();
    const QString value = arg["value"].toString();
    if (name == "symbol")
        return compact(completion(tools_.symbols(), value));
    if (name == "timeframe")
        return compact(completion(kTfNames, value));
    if (name == "date") // the days that can be answered, newest first
        return compact(completion(tools_.dates(params["context"].toObject()["arguments"].toObject()["symbol"].toString()), value));
    return compact(completion({}, value));
}

} // namespace co
