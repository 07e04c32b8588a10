#include "server/McpServer.h"

#include "server/McpAlerts.h"
#include "server/Tools.h"

#include <QDateTime>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <exception>

namespace co {

namespace {
enum class Kind { Request, Notification, Response, Invalid };

bool validId(const QJsonValue &id) { return id.isString() || id.isDouble(); }

Kind classify(const QJsonValue &v)
{
    if (!v.isObject())
        return Kind::Invalid;
    const QJsonObject m = v.toObject();
    if (m.value("jsonrpc") != QLatin1String("2.0"))
        return Kind::Invalid;
    if (m.contains("method")) {
        if (!m["method"].isString())
            return Kind::Invalid;
        if (!m.contains("id"))
            return Kind::Notification;
        return validId(m["id"]) ? Kind::Request : Kind::Invalid;
    }
    if (m.contains("id") && (m.contains("result") || m.contains("error")))
        return Kind::Response;
    return Kind::Invalid;
}

bool isInitialize(const QJsonValue &v) { return v.toObject().value("method") == QLatin1String("initialize"); }

QJsonValue idOf(const QJsonValue &v)
{
    const QJsonValue id = v.toObject().value("id");
    return validId(id) ? id : QJsonValue(QJsonValue::Null);
}

QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

// A JSON value as text (id: string or number).
QByteArray valueText(const QJsonValue &v)
{
    QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

// A JSON string literal of UTF-8 text.
QByteArray stringLiteral(const QByteArray &utf8)
{
    // Written through a raw pointer: per-character QByteArray appends cost more than the
    // rest of a cached tools/call answer.
    static const char hex[] = "0123456789abcdef";
    QByteArray out(utf8.size() * 6 + 2, Qt::Uninitialized); // worst case: every byte \u00XX
    char *o = out.data();
    *o++ = '"';
    for (const char c : utf8) {
        const char esc = c == '"' ? '"' : c == '\\' ? '\\' : c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't' : 0;
        if (esc) {
            *o++ = '\\';
            *o++ = esc;
        } else if (uchar(c) < 0x20) {
            *o++ = '\\';
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[uchar(c) >> 4];
            *o++ = hex[uchar(c) & 15];
        } else {
            *o++ = c;
        }
    }
    *o++ = '"';
    out.truncate(o - out.constData());
    return out;
}

// The response envelope around an already encoded result.
QByteArray resultResponse(const QJsonValue &id, const QByteArray &result)
{
    return R"({"jsonrpc":"2.0","id":)" + valueText(id) + R"(,"result":)" + result + '}';
}
QByteArray resultResponse(const QJsonValue &id, const QJsonObject &result) { return resultResponse(id, compact(result)); }
QByteArray errorResponse(const QJsonValue &id, const ApiError &e) { return compact(rpcErrorResponse(id, e)); }

QJsonObject textContent(const QString &text) { return QJsonObject{{"type", "text"}, {"text", text}}; }
} // namespace

const QStringList &McpServer::logLevels()
{
    static const QStringList v{"debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"};
    return v;
}

const QStringList &McpServer::supportedVersions()
{
    static const QStringList v{"2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"};
    return v;
}

McpServer::McpServer(const Tools &tools, QString serverVersion, HttpLimits limits)
    : tools_(tools), features_(tools), version_(std::move(serverVersion)), limits_(limits), toolsList_(compact(QJsonObject{{"tools", tools_.list()}}))
{
}

McpServer::Body McpServer::parse(const QByteArray &bytes, int maxBatch)
{
    Body b;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError) {
        // QJsonDocument takes only objects and arrays: a bare scalar is JSON, just not JSON-RPC.
        QJsonParseError scalar;
        QJsonDocument::fromJson("[" + bytes + "]", &scalar);
        b.error = scalar.error == QJsonParseError::NoError ? ApiError{ApiErrorKind::InvalidRequest, "Invalid Request: not a JSON-RPC 2.0 message"}
                                                           : ApiError{ApiErrorKind::ParseError, "Parse error"};
        return b;
    }
    if (doc.isArray()) {
        b.batch = true;
        const QJsonArray a = doc.array();
        if (a.isEmpty()) {
            b.error = ApiError{ApiErrorKind::InvalidRequest, "Invalid Request: empty batch"};
            return b;
        }
        if (a.size() > maxBatch) {
            b.error = ApiError{ApiErrorKind::BatchTooLarge,
                               QString("Invalid Request: a batch of %1 messages; at most %2 (MAX_BATCH)").arg(a.size()).arg(maxBatch)};
            return b;
        }
        for (const QJsonValue &m : a) {
            if (isInitialize(m)) {
                b.error = ApiError{ApiErrorKind::InvalidRequest, "Invalid Request: initialize must not be part of a batch"};
                return b;
            }
            b.messages << m;
            b.hasRequests = b.hasRequests || classify(m) == Kind::Request || classify(m) == Kind::Invalid;
        }
        return b;
    }
    const Kind k = classify(doc.object());
    if (!doc.isObject() || k == Kind::Invalid) {
        b.error = ApiError{ApiErrorKind::InvalidRequest, "Invalid Request: not a JSON-RPC 2.0 message"};
        return b;
    }
    b.messages << doc.object();
    b.initialize = k == Kind::Request && isInitialize(doc.object());
    b.hasRequests = k == Kind::Request;
    return b;
}

QByteArray McpServer::errorBody(const ApiError &e)
{
    return QJsonDocument(rpcErrorResponse(QJsonValue::Null, e)).toJson(QJsonDocument::Compact);
}

QList<QByteArray> McpServer::dispatch(const Body &body, McpSession &session, const Notify &notify) const
{
    QList<QByteArray> out;
    qsizetype total = 0;
    for (const QJsonValue &m : body.messages) {
        if (total > limits_.maxAnswerBytes) { // the rest are not run: each request learns why
            if (classify(m) == Kind::Request)
                out << errorResponse(idOf(m), {ApiErrorKind::AnswerTooLarge,
                                               QString("Answer too large: the batch's answers passed %1 bytes "
                                                       "(MAX_ANSWER_BYTES); send fewer calls per batch")
                                                   .arg(limits_.maxAnswerBytes)});
            continue;
        }
        if (auto r = handle(m, session, notify)) {
            total += r->size();
            out << *r;
        }
    }
    return out;
}

std::optional<QByteArray> McpServer::handle(const QJsonValue &message, McpSession &session, const Notify &notify) const
{
    const Kind kind = classify(message);
    if (kind == Kind::Invalid)
        return errorResponse(idOf(message), {ApiErrorKind::InvalidRequest, "Invalid Request: not a JSON-RPC 2.0 message"});
    const QJsonObject m = message.toObject();
    const QString method = m["method"].toString();
    if (kind == Kind::Response)
        return std::nullopt;
    if (kind == Kind::Notification) {
        if (method == "notifications/initialized")
            session.initialized = true;
        return std::nullopt; // others (cancelled, roots/list_changed, …) are ignored
    }
    const QJsonValue id = m["id"];
    try {
        if (method == "ping")
            return resultResponse(id, QByteArray("{}"));
        if (method == "initialize") {
            if (m.contains("params") && !m["params"].isObject())
                return errorResponse(id, {ApiErrorKind::InvalidParams, "Invalid params: params must be an object"});
            return resultResponse(id, initialize(m["params"].toObject(), session));
        }
        if (method == "logging/setLevel" && alerts_) { // 2025 era: fired alerts as notice messages
            const int level = logLevels().indexOf(m["params"].toObject()["level"].toString());
            if (level < 0)
                return errorResponse(id, {ApiErrorKind::InvalidParams, "Invalid params: level must be one of " + logLevels().join(", ")});
            session.logLevel = level;
            return resultResponse(id, QByteArray("{}"));
        }
        if ((method == "resources/subscribe" || method == "resources/unsubscribe") && alerts_) {
            // 2025 era: the one subscribable resource; updates go out on the session's GET stream.
            const QString uri = m["params"].toObject()["uri"].toString();
            if (uri != McpAlerts::kUri)
                return errorResponse(id, {ApiErrorKind::InvalidParams, "Invalid params: uri '" + uri.left(100) +
                                                                           "' cannot be subscribed; use orderflow://alerts",
                                          QJsonObject{{"uri", uri}}});
            session.alertsSubscribed = method == "resources/subscribe";
            return resultResponse(id, QByteArray("{}"));
        }
        const auto r = result(method, m.value("params"), notify);
        if (const ApiError *e = std::get_if<ApiError>(&r))
            return errorResponse(id, *e);
        return resultResponse(id, std::get<QByteArray>(r));
    } catch (const std::exception &e) {
        return errorResponse(id, {ApiErrorKind::Internal, QString("Internal error: ") + e.what()});
    } catch (...) {
        return errorResponse(id, {ApiErrorKind::Internal, "Internal error"});
    }
}

std::variant<QByteArray, ApiError> McpServer::result(const QString &method, const QJsonValue &params, const Notify &notify) const
{
    if (method == "tools/list") // a cursor is ignored: one page
        return toolsList_;
    if (method == "tools/call")
        return callTool(params, notify);
    if (alerts_ && method == "resources/read" && params.toObject()["uri"].toString() == McpAlerts::kUri) {
        const QJsonObject c{{"uri", McpAlerts::kUri}, {"mimeType", "application/json"},
                            {"text", QString::fromUtf8(compact(McpAlerts::state(*alerts_)))}};
        return compact(QJsonObject{{"contents", QJsonArray{c}}});
    }
    if (auto r = features_.result(method, params.toObject()))
        return *r;
    return ApiError{ApiErrorKind::MethodNotFound, "Method not found: " + method.left(100)};
}

QJsonObject McpServer::capabilities() const
{
    QJsonObject c = McpFeatures::capabilities();
    if (alerts_) // orderflow://alerts can be subscribed (2025: resources/subscribe; 2026: subscriptions/listen)
        c.insert("resources", QJsonObject{{"subscribe", true}, {"listChanged", false}});
    c.insert("tools", QJsonObject{{"listChanged", false}});
    return c;
}

void McpServer::setAlerts(AlertBook *book)
{
    alerts_ = book;
    features_.setAlertsResource(book != nullptr);
    QJsonArray tools = tools_.list();
    if (book)
        for (const QJsonValue &t : McpAlerts::toolDefs())
            tools.append(t);
    toolsList_ = compact(QJsonObject{{"tools", tools}});
}

QJsonObject McpServer::serverInfo() const
{
    return QJsonObject{{"name", "crypto-orderflow"}, {"title", "Crypto Orderflow"}, {"version", version_}};
}

QString McpServer::instructions()
{
    return "Read-only Binance USD-M order-flow data. Symbols like BTCUSDT. Times are ms since epoch UTC "
           "(plus ISO strings). Read dataQuality before drawing conclusions. Start with scan_market or "
           "get_market_snapshot, then get_key_levels and get_orderflow_metrics.";
}

QJsonObject McpServer::initialize(const QJsonObject &params, McpSession &session) const
{
    const QString asked = params["protocolVersion"].toString();
    session.protocolVersion = supportedVersions().contains(asked) ? asked : QString(kLatestVersion);
    session.initialized = false;
    QJsonObject caps = capabilities();
    if (alerts_) // sessions only: 2026-07-28 has no logging/setLevel
        caps.insert("logging", QJsonObject{});
    return QJsonObject{{"protocolVersion", session.protocolVersion},
                       {"capabilities", caps},
                       {"serverInfo", serverInfo()},
                       {"instructions", instructions()}};
}

bool McpServer::prepare(const Body &body, const std::function<std::function<void()>()> &waitOne, const Notify &notify) const
{
    bool waits = false;
    for (const QJsonValue &m : body.messages) {
        const QJsonObject o = m.toObject();
        if (o["method"].toString() != "tools/call" || !o["params"].isObject())
            continue;
        const QJsonObject p = o["params"].toObject();
        const auto progress = ProgressReporter::forRequest(p, notify);
        waits = tools_.prepare(p["name"].toString(), p["arguments"].toObject(), waitOne,
                               progress ? progress->callback() : ToolProgress{}) || waits;
    }
    return waits;
}

std::variant<QByteArray, ApiError> McpServer::callTool(const QJsonValue &params, const Notify &notify) const
{
    auto invalid = [](const char *why) { return ApiError{ApiErrorKind::InvalidParams, QString("Invalid params: ") + why}; };
    if (!params.isObject())
        return invalid("params must be an object with name and arguments");
    const QJsonObject p = params.toObject();
    if (!p["name"].isString())
        return invalid("missing tool name");
    if (p.contains("arguments") && !p["arguments"].isObject() && !p["arguments"].isNull())
        return invalid("arguments must be an object");
    if (alerts_ && McpAlerts::isAlertTool(p["name"].toString())) {
        const auto r = McpAlerts::call(*alerts_, p["name"].toString(), p["arguments"].toObject(), tools_.symbols(),
                                       QDateTime::currentMSecsSinceEpoch());
        if (const ApiError *e = std::get_if<ApiError>(&r))
            return compact(QJsonObject{{"content", QJsonArray{textContent(e->message)}}, {"isError", true}});
        const QByteArray text = compact(std::get<QJsonObject>(r));
        return R"({"content":[{"type":"text","text":)" + stringLiteral(text) + R"(}],"structuredContent":)" + text + '}';
    }
    const auto progress = ProgressReporter::forRequest(p, notify);
    const auto result = tools_.call(p["name"].toString(), p["arguments"].toObject(), progress ? progress->callback() : ToolProgress{});
    if (progress)
        progress->close(); // the answer follows: no report of this request after it
    if (const ApiError *e = std::get_if<ApiError>(&result)) {
        if (!isToolError(e->kind))
            return *e;
        return compact(QJsonObject{{"content", QJsonArray{textContent(e->message)}}, {"isError", true}});
    }
    const ToolOutput &output = std::get<ToolOutput>(result);
    if (!output.pictures.isEmpty()) { // format "png": the pictures first, then the same JSON as always
        QByteArray r = R"({"content":[)";
        for (const QByteArray &png : output.pictures)
            if (!png.isEmpty())
                r += R"({"type":"image","mimeType":"image/png","data":")" + png.toBase64() + R"("},)";
        return r + R"({"type":"text","text":)" + stringLiteral(output.text) + R"(}],"structuredContent":)" + output.text + '}';
    }
    // The answer is encoded once: the same text is the text content and the structured content.
    const QByteArray &text = output.text;
    if (auto it = encoded_.constFind(text.constData()); it != encoded_.constEnd() && it->first.size() == text.size())
        return it->second;
    QByteArray r = R"({"content":[{"type":"text","text":)" + stringLiteral(text) + R"(}],"structuredContent":)" + text + '}';
    if (encoded_.size() >= 16)
        encoded_.clear();
    encoded_.insert(text.constData(), {text, r});
    return r;
}

} // namespace co
