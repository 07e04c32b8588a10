#include "server/McpAlerts.h"

#include <QJsonDocument>

namespace co {

namespace {
QJsonObject prop(const char *type, const QString &description)
{
    return QJsonObject{{"type", type}, {"description", description}};
}

QJsonObject tool(const char *name, const char *title, const QString &description, const QJsonObject &input, bool destructive)
{
    return QJsonObject{{"name", name},
                       {"title", title},
                       {"description", description},
                       {"inputSchema", input},
                       {"annotations", QJsonObject{{"readOnlyHint", false}, {"destructiveHint", destructive},
                                                   {"idempotentHint", false}, {"openWorldHint", false}}}};
}
} // namespace

QJsonArray McpAlerts::toolDefs()
{
    QJsonObject kind = prop("string", "price_cross: price crosses a level; stacked_imbalance: a closed bar has a stacked "
                                      "imbalance of at least rows rows; liquidations: at least usdt liquidated within windowSeconds; divergence: "
                                      "a closed timeframe bar makes a new session high (low) while CVD stays at or below (above) "
                                      "its value at the previous high (low)");
    kind.insert("enum", QJsonArray{"price_cross", "stacked_imbalance", "liquidations", "divergence"});
    QJsonObject level = prop("string", "price_cross: a named level of get_key_levels, or 'price' with price");
    level.insert("enum", QJsonArray::fromStringList(alertLevelNames()));
    QJsonObject tf = prop("string", "stacked_imbalance and divergence: bar size (divergence: default 5m)");
    tf.insert("enum", QJsonArray{"1m", "5m", "15m", "30m", "1h"});
    const QJsonObject set{{"type", "object"},
                          {"properties", QJsonObject{{"symbol", prop("string", "Binance USD-M symbol, e.g. BTCUSDT")},
                                                     {"kind", kind},
                                                     {"level", level},
                                                     {"price", prop("number", "price_cross with level 'price': the price")},
                                                     {"rows", prop("integer", "stacked_imbalance: at least this many rows (2…50)")},
                                                     {"timeframe", tf},
                                                     {"usdt", prop("number", "liquidations: notional in USDT")},
                                                     {"windowSeconds", prop("number", "liquidations: window, 1…3600 s")},
                                                     {"note", prop("string", "free text kept with the alert")}}},
                          {"required", QJsonArray{"symbol", "kind"}}};
    const QJsonObject none{{"type", "object"}, {"properties", QJsonObject{}}};
    const QJsonObject del{{"type", "object"},
                          {"properties", QJsonObject{{"id", prop("integer", "the alert's id (list_alerts)")}}},
                          {"required", QJsonArray{"id"}}};
    return QJsonArray{
        tool("set_alert", "Set an alert",
             "Alerts the user when price crosses a level (dPOC, pdVAH, a naked POC, the session high, … or a price), a "
             "stacked imbalance forms, liquidations cluster, or price and CVD diverge at a new session high/low. Evaluated on every trade; fires once. Fired alerts appear in "
             "list_alerts and the orderflow://alerts resource (subscribe to be notified). Annotates only: cannot trade.",
             set, false),
        tool("list_alerts", "List alerts", "The alert rules (active and fired) and the alerts fired, newest first.", none, false),
        tool("delete_alert", "Delete an alert", "Removes an alert rule by id (its fired alerts stay in the history).", del, false),
    };
}

bool McpAlerts::isAlertTool(const QString &name)
{
    return name == "set_alert" || name == "list_alerts" || name == "delete_alert";
}

std::variant<QJsonObject, ApiError> McpAlerts::call(AlertBook &book, const QString &name, const QJsonObject &args,
                                                    const QStringList &symbols, int64_t nowMs)
{
    if (name == "list_alerts")
        return state(book);
    if (name == "delete_alert") {
        if (!args["id"].isDouble())
            return ApiError{ApiErrorKind::BadArgument, "Invalid id: give the integer id of an alert from list_alerts"};
        const int64_t id = int64_t(args["id"].toDouble());
        if (!book.remove(id))
            return ApiError{ApiErrorKind::BadArgument, QString("Invalid id %1: no such alert; list_alerts shows the ids").arg(id)};
        return QJsonObject{{"deleted", double(id)}};
    }
    QString error;
    auto rule = AlertRule::fromJson(args, &error);
    if (rule && !symbols.contains(rule->symbol))
        error = "Invalid symbol '" + rule->symbol.left(30) + "': use one of " + symbols.join(", ");
    if (!error.isEmpty())
        return ApiError{ApiErrorKind::BadArgument, error};
    const auto added = book.add(*rule, nowMs, &error);
    if (!added)
        return ApiError{ApiErrorKind::BadArgument, error};
    return QJsonObject{{"alert", added->toJson()}, {"resource", kUri}};
}

QJsonObject McpAlerts::state(const AlertBook &book)
{
    QJsonArray rules, fired;
    for (const AlertRule &r : book.rules())
        rules.append(r.toJson());
    for (const AlertEvent &e : book.history())
        fired.append(e.toJson());
    return QJsonObject{{"alerts", rules}, {"fired", fired}};
}

QByteArray McpAlerts::notification(const AlertEvent &e, const QJsonValue &subscriptionId)
{
    QJsonObject meta{{"crypto-orderflow/alert", e.toJson()}};
    if (!subscriptionId.isUndefined())
        meta.insert("io.modelcontextprotocol/subscriptionId", subscriptionId);
    const QJsonObject n{{"jsonrpc", "2.0"},
                        {"method", "notifications/resources/updated"},
                        {"params", QJsonObject{{"uri", kUri}, {"title", e.message}, {"_meta", meta}}}};
    return QJsonDocument(n).toJson(QJsonDocument::Compact);
}

QByteArray McpAlerts::logMessage(const AlertEvent &e)
{
    const QJsonObject n{{"jsonrpc", "2.0"},
                        {"method", "notifications/message"},
                        {"params", QJsonObject{{"level", "notice"}, {"logger", "alerts"}, {"data", e.toJson()}}}};
    return QJsonDocument(n).toJson(QJsonDocument::Compact);
}

} // namespace co
