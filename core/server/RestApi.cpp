#include "server/RestApi.h"

#include "server/Tools.h"

#include <QJsonArray>
#include <QJsonObject>

namespace co {

namespace {
const QList<std::pair<QString, QString>> &routes()
{
    static const QList<std::pair<QString, QString>> r{{"market", "get_market_snapshot"},
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
    return r;
}
} // namespace

QString RestApi::toolFor(const QString &resource)
{
    for (const auto &[res, tool] : routes())
        if (res == resource)
            return tool;
    return {};
}

QStringList RestApi::resources()
{
    QStringList out;
    for (const auto &r : routes())
        out << r.first;
    return out;
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
    QUrlQuery toolQuery = query;
    const QString picture = query.queryItemValue("picture");
    toolQuery.removeAllQueryItems("picture"); // REST's own: which picture, not a tool argument
    const std::optional<QJsonObject> args = argsFor(name, symbol, toolQuery);
    if (!args)
        return std::nullopt;
    const auto result = tools_.call(name, *args);
    if (const ApiError *e = std::get_if<ApiError>(&result))
        return Reply{httpStatus(e->kind), restErrorBody(*e), retryAfterSec(*e)};
    const ToolOutput &out = std::get<ToolOutput>(result);
    QList<QByteArray> pictures; // a session without trades has none
    for (const QByteArray &png : out.pictures)
        if (!png.isEmpty())
            pictures << png;
    if (out.pictures.isEmpty())
        return Reply{200, out.text};
    if (pictures.isEmpty())
        return Reply{httpStatus(ApiErrorKind::NoData),
                     restErrorBody({ApiErrorKind::NoData, "format: png drew nothing (no trades in what was asked); use json"})};
    const qsizetype n = pictures.size();
    bool ok = picture.isEmpty();
    const qsizetype i = ok ? 0 : picture.toLongLong(&ok);
    if (!ok || i < 0 || i >= n) {
        const ApiError e{ApiErrorKind::BadArgument,
                         QString("picture: '%1' is not one of this answer's pictures; allowed: 0..%2")
                             .arg(picture.left(40))
                             .arg(n - 1)};
        return Reply{httpStatus(e.kind), restErrorBody(e)};
    }
    return Reply{200, pictures[i], 0, "image/png", int(n)};
}

bool RestApi::prepare(const QString &resource, const QString &symbol, const QUrlQuery &query,
                      const std::function<std::function<void()>()> &waitOne) const
{
    const QString name = toolFor(resource);
    const std::optional<QJsonObject> args = argsFor(name, symbol, query);
    return args && tools_.prepare(name, *args, waitOne);
}

} // namespace co
