#pragma once
// POST/GET/DELETE /mcp: the Streamable HTTP transport of mcp.md §2, answering JSON only (no
// server-initiated stream: GET is 405). One per server thread; the sessions are shared.
#include "server/McpServer.h"
#include "server/McpSessions.h"

class QHttpServerRequest;
class QHttpServerResponder;

namespace co {

class StreamableHttp {
public:
    StreamableHttp(const McpServer &mcp, McpSessions &sessions) : mcp_(mcp), sessions_(sessions) {}

    // Host/Origin/token are checked by the caller.
    void handle(const QHttpServerRequest &req, QHttpServerResponder &r);
    qsizetype sessions() const { return sessions_.size(); }

private:
    void post(const QHttpServerRequest &req, QHttpServerResponder &r);
    void remove(const QHttpServerRequest &req, QHttpServerResponder &r);

    const McpServer &mcp_;
    McpSessions &sessions_;
};

} // namespace co
