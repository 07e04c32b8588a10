#include "server/RestApi.h"

#include "server/Tools.h"

#include <QJsonArray>
#include <QJsonObject>

namespace co {

QString RestApi::toolFor(const QString &resource)
{
    static const QHash<QString, QString> tools{{"market", "get_market_snapshot"},
                                               {"key-levels", "get_key_levels"},
                                               {"footprint", "get_footprint"},
                                               {"orderflow", "get_orderflow_metrics"},
                                               {"depth-delta", "get_orderbook_depth_delta"},
                                               {"liquidations", "stream_liquidations"},
                                               {"scan", "scan_market"},
                                               {"swing-liquidity", "get_swing_liquidity"},
                                               {"market-structure", "get_market_structure"},
                                               {"open-interest", "get_open_interest"},
                                               {"footprint-statistics", "get_footprint_statistics"},
                                               {"session-profile", "get_session_profile"},
                                               {"tpo-profile", "get_tpo_profile"},
                                               {"funding-rate", "get_funding_rate"},
                                               {"orderbook-heatmap", "get_orderbook_heatmap"}};
    return tools.value(resource);
}

namespace {
// A query string value as the schema's type; unparsable values stay strings so the tool names them.
QJsonValue typed(const QString &v, const QJsonObject &prop)
{
    const QString type = prop["type"].toString();
    bool ok = false;
    if (type == "integer") {
        const qint64 i = v.toLongLong(&ok);
        return ok ? QJsonValue(i) : QJsonValue(v);
    }
    if (type == "number") {
        const double d = v.toDouble(&ok);
        return ok ? QJsonValue(d) : QJsonValue(v);
    }
    if (type == "boolean") {
        if (v == "true" || v == "1")
            return true;
        if (v == "false" || v == "0")
            return false;
        return v;
    }
    if (type == "array") {
        QJsonArray a;
        for (const QString &s : v.split(',', Qt::SkipEmptyParts))
            a.append(s.trimmed());
        return a;
    }
    return v;
}
} // namespace

std::optional<QJsonObject> RestApi::argsFor(const QString &name, const QString &symbol, const QUrlQuery &query) const
{
    const ToolDef *def = tools_.find(name);
    if (!def)
        return std::nullopt;
    const QJsonObject props = def->inputSchema["properties"].toObject();
    QJsonObject args;
    if (!symbol.isEmpty())
        args.insert("symbol", symbol);
    for (const auto &[k, v] : query.queryItems(QUrl::FullyDecoded))
        args.insert(k, typed(v, props[k].toObject()));
    return args;
}

std::optional<RestApi::Reply> RestApi::get(const QString &resource, const QString &symbol, const QUrlQuery &query) const
{
    const QString name = toolFor(resource);
    const std::optional<QJsonObject> args = argsFor(name, symbol, query);
    if (!args)
        return std::nullopt;
    const auto result = tools_.call(name, *args);
    if (const ApiError *e = std::get_if<ApiError>(&result))
        return Reply{httpStatus(e->kind), restErrorBody(*e), retryAfterSec(*e)};
    return Reply{200, std::get<ToolOutput>(result).text};
}

bool RestApi::prepare(const QString &resource, const QString &symbol, const QUrlQuery &query,
                      const std::function<std::function<void()>()> &waitOne) const
{
    const QString name = toolFor(resource);
    const std::optional<QJsonObject> args = argsFor(name, symbol, query);
    return args && tools_.prepare(name, *args, waitOne);
}

} // namespace co
