#pragma once
// MCP JSON-RPC dispatch shared by the three transports (Streamable HTTP /mcp, legacy SSE, stdio):
// body parsing with the batch rules of mcp.md §1.4, version negotiation, initialize, ping,
// tools/list and tools/call. Transports own sessions and framing; this class owns the protocol.
#include "server/ApiError.h"
#include "server/McpFeatures.h"
#include "server/HttpLimits.h"
#include "server/ToolProgress.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>
#include <variant>

namespace co {

class Tools;
class AlertBook;

// What a transport remembers per session.
struct McpSession {
    QString protocolVersion = "2025-03-26"; // assumed until initialize (spec: missing header ⇒ 2025-03-26)
    bool initialized = false;
    bool alertsSubscribed = false; // resources/subscribe orderflow://alerts (pushed on the GET stream)
    int logLevel = -1;             // logging/setLevel (index in McpServer::logLevels()); -1: no log messages
};

class McpServer {
public:
    static constexpr const char *kLatestVersion = "2025-11-25";
    static const QStringList &supportedVersions();
    // RFC 5424 severities of logging/setLevel, least severe first.
    static const QStringList &logLevels();

    McpServer(const Tools &tools, QString serverVersion, HttpLimits limits = {});

    struct Body {
        std::optional<ApiError> error; // the whole body is refused (HTTP 400, id null)
        bool batch = false;
        QList<QJsonValue> messages;
        bool initialize = false;  // a single initialize request
        bool hasRequests = false; // anything that gets an answer
    };
    // Not JSON ⇒ ParseError; not a JSON-RPC message, empty batch or initialize in a batch ⇒ InvalidRequest.
    // A batch of more than maxBatch messages ⇒ BatchTooLarge (413).
    static Body parse(const QByteArray &bytes, int maxBatch = HttpLimits{}.maxBatch);
    Body parseBody(const QByteArray &bytes) const { return parse(bytes, limits_.maxBatch); }
    const HttpLimits &limits() const { return limits_; }

    // Where a transport sends the notifications of a request while it runs (progress): one
    // compact JSON message per call, from any thread. Empty: the transport sends none.
    using Notify = ProgressReporter::Sink;
    // Answers in order, each one compact JSON message; notifications and client responses get none.
    // Once the answers pass MAX_ANSWER_BYTES, the remaining requests get AnswerTooLarge errors.
    QList<QByteArray> dispatch(const Body &body, McpSession &session, const Notify &notify = {}) const;
    std::optional<QByteArray> handle(const QJsonValue &message, McpSession &session, const Notify &notify = {}) const;
    // Tools::prepare for every tools/call of the body: true when a call would still wait. Progress
    // of a waiting call with a progressToken goes to notify.
    bool prepare(const Body &body, const std::function<std::function<void()>()> &waitOne, const Notify &notify = {}) const;

    // {"jsonrpc":"2.0","id":null,"error":…} for a refused body.
    static QByteArray errorBody(const ApiError &e);

    // The methods both eras share (tools, resources, prompts, completion): the encoded "result",
    // or the JSON-RPC error (MethodNotFound for a method outside that set).
    std::variant<QByteArray, ApiError> result(const QString &method, const QJsonValue &params, const Notify &notify = {}) const;
    QJsonObject capabilities() const;
    // Alerts (optional): the alert tools, orderflow://alerts and its subscriptions. Before use.
    void setAlerts(AlertBook *book);
    AlertBook *alerts() const { return alerts_; }
    QJsonObject serverInfo() const;
    static QString instructions();

private:
    QJsonObject initialize(const QJsonObject &params, McpSession &session) const;
    // The tools/call "result" as JSON text, or the JSON-RPC error (-32602 unknown tool / malformed params).
    std::variant<QByteArray, ApiError> callTool(const QJsonValue &params, const Notify &notify) const;

    const Tools &tools_;
    McpFeatures features_; // resources, prompts, completions
    AlertBook *alerts_ = nullptr;
    QString version_;
    HttpLimits limits_;
    QByteArray toolsList_; // the tools/list result, built once
    // Results of answers Tools reused: keyed by the shared text's data, which the held copy
    // keeps alive (so an address cannot come back with other bytes). One McpServer per thread.
    mutable QHash<const char *, std::pair<QByteArray, QByteArray>> encoded_;
};

} // namespace co
