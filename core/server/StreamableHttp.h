#pragma once
// POST/GET/DELETE /mcp: the Streamable HTTP transport of mcp.md §2, answering JSON only (no
// server-initiated stream: GET is 405). Runs on the server thread.
#include "server/McpServer.h"
#include "server/McpSessions.h"

class QHttpServerRequest;
class QHttpServerResponder;

namespace co {

class DeferredReplies;

class StreamableHttp {
public:
    // deferred: where a tools/call that waits for a rebuild parks its answer (may be null: it blocks).
    explicit StreamableHttp(const McpServer &mcp, DeferredReplies *deferred = nullptr) : mcp_(mcp), deferred_(deferred) {}

    // Host/Origin/token are checked by the caller.
    void handle(const QHttpServerRequest &req, QHttpServerResponder &r);
    qsizetype sessions() const { return sessions_.size(); }

private:
    void post(const QHttpServerRequest &req, QHttpServerResponder &r);
    void remove(const QHttpServerRequest &req, QHttpServerResponder &r);
    void answer(const McpServer::Body &body, const QByteArray &id, QHttpServerResponder &r);

    const McpServer &mcp_;
    DeferredReplies *deferred_;
    McpSessions sessions_;
};

} // namespace co
