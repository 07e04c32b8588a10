#pragma once
// POST/GET/DELETE /mcp: the Streamable HTTP transport of mcp.md §2, answering JSON only (no
// server-initiated stream: GET is 405). One per server thread; the sessions are shared.
// Requests of the stateless 2026-07-28 era (no session) go to McpModern.
#include "server/McpServer.h"
#include "server/McpSessions.h"
#include "server/HttpConnection.h"

#include <memory>
#include <optional>

namespace co {

class DeferredReplies;
class AlertStreams;
class ProgressStream;

class StreamableHttp {
public:
    // deferred: where a tools/call that waits for a rebuild parks its answer (may be null: it blocks).
    // streams: where GET /mcp and subscriptions/listen streams go (null: no alerts, GET is 405).
    StreamableHttp(const McpServer &mcp, McpSessions &sessions, DeferredReplies *deferred = nullptr,
                   AlertStreams *streams = nullptr)
        : mcp_(mcp), sessions_(sessions), deferred_(deferred), streams_(streams)
    {
    }

    // Host/Origin/token are checked by the caller.
    void handle(const HttpRequest &req, HttpResponder &r);
    qsizetype sessions() const { return sessions_.size(); }

private:
    void post(const HttpRequest &req, HttpResponder &r);
    void remove(const HttpRequest &req, HttpResponder &r);
    // A 2026-07-28 request (McpModern): no session.
    void modern(const HttpRequest &req, const McpServer::Body &body, HttpResponder &r);
    // session: as found by post(); nullopt: look it up again (a deferred answer).
    // progress: the SSE stream a waiting call's progress went to, if any (ProgressStream).
    void answer(const McpServer::Body &body, const QByteArray &id, std::optional<McpSession> session,
                HttpResponder &r, const std::shared_ptr<ProgressStream> &progress = {});

    const McpServer &mcp_;
    McpSessions &sessions_;
    DeferredReplies *deferred_;
    AlertStreams *streams_;
};

} // namespace co
