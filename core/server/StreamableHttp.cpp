#include "server/StreamableHttp.h"

#include "server/AlertStreams.h"
#include "server/DeferredReplies.h"
#include "server/HttpGuard.h"
#include "server/HttpReply.h"
#include "server/McpModern.h"
#include "server/ProgressStream.h"

#include <QDateTime>

namespace co {

namespace {
const QByteArray kSessionHeader = "Mcp-Session-Id";
int64_t nowMs() { return QDateTime::currentMSecsSinceEpoch(); }
} // namespace

void StreamableHttp::handle(const HttpRequest &req, HttpResponder &r)
{
    if (req.method == "POST")
        return post(req, r);
    if (req.method == "DELETE")
        return remove(req, r);
    if (req.method == "GET" && streams_) { // a session's stream: alerts it subscribed to
        const QByteArray id = req.value(kSessionHeader);
        if (id.isEmpty())
            return sendRpcError(r, {ApiErrorKind::SessionRequired, "Bad Request: Mcp-Session-Id header is required"});
        if (!sessions_.find(id, nowMs()))
            return sendRpcError(r, {ApiErrorKind::SessionNotFound, "Session not found"});
        return streams_->open(std::move(r), AlertStreams::Kind::Session, id, {});
    }
    // Without alerts no server-initiated stream is offered (the SDK client reads 405 as "none").
    sendRpcError(r, {ApiErrorKind::MethodNotAllowed, "Method Not Allowed"},
                 {{"Allow", streams_ ? "GET, POST, DELETE" : "POST, DELETE"}});
}

void StreamableHttp::post(const HttpRequest &req, HttpResponder &r)
{
    if (auto e = checkJsonPost(req.value("Content-Type"), req.value("Accept"), req.body().size(),
                                 mcp_.limits().maxBodyBytes))
        return sendRpcError(r, *e);
    const McpServer::Body body = mcp_.parseBody(req.body());
    if (body.error)
        return sendRpcError(r, *body.error);

    QByteArray id = req.value(kSessionHeader);
    // 2026-07-28: a single request outside any session, answered statelessly (initialize too:
    // with a modern version it is a removed method).
    if (id.isEmpty() && !body.batch &&
        McpModern::claims(body.messages.first(), req.value("MCP-Protocol-Version")))
        return modern(req, body, r);
    std::optional<McpSession> session;
    if (body.initialize) { // a new session, even when a stale id came along
        const std::optional<QByteArray> created = sessions_.create(nowMs());
        if (!created)
            return sendRpcError(r, {ApiErrorKind::TooManySessions,
                                    QString("Service Unavailable: %1 MCP sessions are in use (MCP_MAX_SESSIONS); "
                                            "retry later or end unused sessions with DELETE /mcp")
                                        .arg(sessions_.max())});
        id = *created;
        session = McpSession{};
    } else {
        if (id.isEmpty())
            return sendRpcError(r, {ApiErrorKind::SessionRequired, "Bad Request: Mcp-Session-Id header is required"});
        session = sessions_.find(id, nowMs());
        if (!session)
            return sendRpcError(r, {ApiErrorKind::SessionNotFound, "Session not found"});
        const QByteArray version = req.value("MCP-Protocol-Version");
        // A supported version other than the negotiated one is accepted (conformance sends 2025-03-26).
        if (!version.isEmpty() && !McpServer::supportedVersions().contains(QString::fromLatin1(version)))
            return sendRpcError(r, {ApiErrorKind::UnsupportedVersion,
                                    "Bad Request: unsupported MCP-Protocol-Version " + QString::fromLatin1(version.left(40)) +
                                        "; supported: " + McpServer::supportedVersions().join(", ")});
    }

    const auto progress = ProgressStream::forPost(body, req.value("Accept"), r, id);
    if (deferred_ && deferred_->defer(
                         r, [&](const Tools::WaitOne &waitOne) { return mcp_.prepare(body, waitOne, ProgressStream::notify(progress)); },
                         [this, body, id, progress](HttpResponder &later) { answer(body, id, std::nullopt, later, progress); }))
        return;
    answer(body, id, session, r);
}

void StreamableHttp::answer(const McpServer::Body &body, const QByteArray &id, std::optional<McpSession> session,
                            HttpResponder &r, const std::shared_ptr<ProgressStream> &progress)
{
    if (!session) { // a deferred answer: the session as it is now
        session = sessions_.find(id, nowMs());
        if (!session)
            return sendRpcError(r, {ApiErrorKind::SessionNotFound, "Session not found"});
    }
    const McpSession before = *session;
    const QList<QByteArray> replies = mcp_.dispatch(body, *session);
    if (session->protocolVersion != before.protocolVersion || session->initialized != before.initialized ||
        session->alertsSubscribed != before.alertsSubscribed || session->logLevel != before.logLevel)
        sessions_.update(id, *session);
    if (replies.isEmpty())
        return sendReply(r, 202, {}, {}, {{kSessionHeader, id}});
    if (progress && progress->finish(r, replies.first()))
        return;
    sendJson(r, 200, body.batch ? '[' + replies.join(',') + ']' : replies.first(), {{kSessionHeader, id}});
}

void StreamableHttp::modern(const HttpRequest &req, const McpServer::Body &body, HttpResponder &r)
{
    McpModern::Headers h{req.value("MCP-Protocol-Version"), req.value("Mcp-Method"), req.value("Mcp-Name")};
    const auto progress = ProgressStream::forPost(body, req.value("Accept"), r, {});
    auto finish = [this, message = body.messages.first(), h, progress](HttpResponder &out) {
        const McpModern::Reply reply = McpModern(mcp_).handle(message, &h);
        if (progress && !reply.body.isEmpty() && progress->finish(out, reply.body)) // errors too, once streaming
            return;
        if (reply.stream && streams_)
            return streams_->open(std::move(out), AlertStreams::Kind::Listen, reply.alerts ? "alerts" : "",
                                  reply.subscriptionId, reply.body);
        if (reply.body.isEmpty())
            return sendReply(out, 202, {}, {});
        sendJson(out, reply.status, reply.body);
    };
    if (deferred_ && deferred_->defer(
                         r, [&](const Tools::WaitOne &waitOne) { return mcp_.prepare(body, waitOne, ProgressStream::notify(progress)); },
                         finish))
        return;
    finish(r);
}

void StreamableHttp::remove(const HttpRequest &req, HttpResponder &r)
{
    const QByteArray id = req.value(kSessionHeader);
    if (id.isEmpty())
        return sendRpcError(r, {ApiErrorKind::SessionRequired, "Bad Request: Mcp-Session-Id header is required"});
    if (!sessions_.remove(id))
        return sendRpcError(r, {ApiErrorKind::SessionNotFound, "Session not found"});
    sendReply(r, 200, {}, {});
}

} // namespace co
