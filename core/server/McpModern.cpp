#include "server/McpModern.h"

#include "server/McpServer.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <exception>

namespace co {

namespace {
QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

QByteArray idText(const QJsonValue &id)
{
    const QByteArray a = QJsonDocument(QJsonArray{id}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

// Results that may be cached (SEP-2549), with how long: the tool, prompt and template lists are
// fixed for the life of the process; resources are live data.
std::optional<std::pair<int, const char *>> cacheHint(const QString &method)
{
    if (method == "tools/list" || method == "prompts/list" || method == "resources/templates/list" ||
        method == "server/discover")
        return std::pair{3600000, "public"};
    if (method == "resources/list" || method == "resources/read")
        return std::pair{0, "private"};
    return std::nullopt;
}

// {"resultType":"complete",[ttlMs,cacheScope,]…rest of an encoded result object}
QByteArray wrapResult(const QString &method, const QByteArray &result)
{
    QByteArray head = R"({"resultType":"complete")";
    if (const auto hint = cacheHint(method))
        head += R"(,"ttlMs":)" + QByteArray::number(hint->first) + R"(,"cacheScope":")" + hint->second + '"';
    const bool empty = result.size() <= 2; // "{}"
    return head + (empty ? QByteArray("}") : ',' + result.mid(1));
}

QByteArray response(const QJsonValue &id, const QByteArray &result)
{
    return R"({"jsonrpc":"2.0","id":)" + idText(id) + R"(,"result":)" + result + '}';
}

bool validId(const QJsonValue &id) { return id.isString() || id.isDouble(); }

// What Mcp-Name must equal for the named methods (SEP-2243); empty for the others.
QString nameOf(const QString &method, const QJsonObject &params)
{
    if (method == "tools/call" || method == "prompts/get")
        return params["name"].toString();
    if (method == "resources/read")
        return params["uri"].toString();
    return {};
}
} // namespace

const QStringList &McpModern::versions()
{
    static const QStringList v{kVersion};
    return v;
}

QStringList McpModern::allVersions() { return versions() + McpServer::supportedVersions(); }

bool McpModern::claims(const QJsonValue &message, const QByteArray &headerVersion)
{
    const QJsonObject m = message.toObject();
    if (m["method"].toString() == "server/discover")
        return true;
    if (m["params"].toObject()["_meta"].toObject().contains(kMetaVersion))
        return true;
    // A version header no session era knows (2026-07-28, or one from the future): answered here,
    // so the client learns the supported versions rather than "session required".
    return !headerVersion.isEmpty() && !McpServer::supportedVersions().contains(QString::fromLatin1(headerVersion));
}

std::optional<ApiError> McpModern::check(const QString &method, const QJsonObject &params, const Headers *h) const
{
    const QByteArray header = h ? h->version.trimmed() : QByteArray();
    if (h && header.isEmpty())
        return ApiError{ApiErrorKind::HeaderMismatch, "Header mismatch: the MCP-Protocol-Version header is required "
                                                      "(it must equal _meta." + QString(kMetaVersion) + ")"};
    const QJsonObject meta = params["_meta"].toObject();
    QStringList missing;
    for (const char *key : {kMetaVersion, kMetaCapabilities})
        if (!meta.contains(key))
            missing << key;
    if (!missing.isEmpty())
        return ApiError{ApiErrorKind::MissingMeta, "Invalid params: missing _meta keys: " + missing.join(", ")};
    if (!meta[kMetaCapabilities].isObject())
        return ApiError{ApiErrorKind::MissingMeta, "Invalid params: _meta." + QString(kMetaCapabilities) + " must be an object"};
    const QString version = meta[kMetaVersion].toString();
    if (h && version != QString::fromLatin1(header))
        return ApiError{ApiErrorKind::HeaderMismatch, "Header mismatch: MCP-Protocol-Version '" + QString::fromLatin1(header.left(40)) +
                                                          "' differs from _meta." + kMetaVersion + " '" + version.left(40) + "'"};
    if (!versions().contains(version))
        return ApiError{ApiErrorKind::UnsupportedModernVersion,
                        "Unsupported protocol version '" + version.left(40) + "'; supported: " + allVersions().join(", ") +
                            " (the 2025 and 2024 versions after initialize)",
                        QJsonObject{{"supported", QJsonArray::fromStringList(allVersions())}, {"requested", version}}};
    if (!h)
        return std::nullopt;
    if (h->method.trimmed() != method.toUtf8())
        return ApiError{ApiErrorKind::HeaderMismatch, "Header mismatch: the Mcp-Method header must equal the body's method '" +
                                                          method.left(100) + "'"};
    const QString name = nameOf(method, params);
    if (!name.isEmpty() && QString::fromUtf8(h->name.trimmed()) != name)
        return ApiError{ApiErrorKind::HeaderMismatch, "Header mismatch: the Mcp-Name header must equal '" + name.left(200) + "'"};
    return std::nullopt;
}

McpModern::Reply McpModern::listen(const QJsonValue &id, const QJsonObject &params) const
{
    // Only resource updates of orderflow://alerts are offered: the acknowledgement names what is
    // honoured (the list-changed kinds never change here and are omitted).
    const QJsonArray asked = params["notifications"].toObject()["resourceSubscriptions"].toArray();
    QJsonObject honoured;
    if (asked.contains(QString("orderflow://alerts")))
        honoured.insert("resourceSubscriptions", QJsonArray{"orderflow://alerts"});
    const QJsonObject ack{{"jsonrpc", "2.0"},
                          {"method", "notifications/subscriptions/acknowledged"},
                          {"params", QJsonObject{{"notifications", honoured},
                                                 {"_meta", QJsonObject{{"io.modelcontextprotocol/subscriptionId", id}}}}}};
    Reply r{200, compact(ack)};
    r.stream = true;
    r.subscriptionId = id;
    r.alerts = !honoured.isEmpty();
    return r;
}

QByteArray McpModern::discover() const
{
    const QJsonObject info = mcp_.serverInfo();
    return compact(QJsonObject{{"supportedVersions", QJsonArray::fromStringList(allVersions())},
                               {"capabilities", mcp_.capabilities()},
                               {"serverInfo", info},
                               {"instructions", McpServer::instructions()},
                               {"_meta", QJsonObject{{"io.modelcontextprotocol/serverInfo", info}}}});
}

McpModern::Reply McpModern::handle(const QJsonValue &message, const Headers *headers,
                                  const std::function<void(const QByteArray &)> &notify) const
{
    const QJsonObject m = message.toObject();
    const QJsonValue id = m.value("id");
    auto fail = [&](const ApiError &e) {
        // Transport-level kinds carry their own HTTP status; errors of a dispatched method answer 200.
        const bool own = e.kind == ApiErrorKind::HeaderMismatch || e.kind == ApiErrorKind::UnsupportedModernVersion ||
                         e.kind == ApiErrorKind::MissingMeta || e.kind == ApiErrorKind::RemovedMethod ||
                         e.kind == ApiErrorKind::InvalidRequest;
        return Reply{own ? httpStatus(e.kind) : 200,
                     QJsonDocument(rpcErrorResponse(validId(id) ? id : QJsonValue(QJsonValue::Null), e)).toJson(QJsonDocument::Compact)};
    };
    if (m.value("jsonrpc") != QLatin1String("2.0") || (m.contains("method") && !m["method"].isString()))
        return fail({ApiErrorKind::InvalidRequest, "Invalid Request: not a JSON-RPC 2.0 message"});
    if (!m.contains("method") || !m.contains("id"))
        return {202, {}}; // notifications and client responses: nothing to answer
    if (!validId(id))
        return fail({ApiErrorKind::InvalidRequest, "Invalid Request: id must be a string or a number"});
    const QString method = m["method"].toString();
    if (m.contains("params") && !m["params"].isObject())
        return fail({ApiErrorKind::MissingMeta, "Invalid params: params must be an object with _meta"});
    const QJsonObject params = m["params"].toObject();
    if (const auto e = check(method, params, headers))
        return fail(*e);
    try {
        if (method == "server/discover")
            return {200, response(id, wrapResult(method, discover()))};
        if (method == "subscriptions/listen" && mcp_.alerts())
            return listen(id, params);
        const auto r = mcp_.result(method, params, notify);
        if (const ApiError *e = std::get_if<ApiError>(&r)) {
            if (e->kind == ApiErrorKind::MethodNotFound) // initialize, ping, logging/setLevel, … are gone
                return fail({ApiErrorKind::RemovedMethod, e->message + " (protocol " + kVersion + ")"});
            return fail(*e);
        }
        return {200, response(id, wrapResult(method, std::get<QByteArray>(r)))};
    } catch (const std::exception &e) {
        return fail({ApiErrorKind::Internal, QString("Internal error: ") + e.what()});
    }
}

} // namespace co
