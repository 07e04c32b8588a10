#pragma once
// Whole answers on an HttpResponder: JSON bodies and the two error shapes.
#include "server/ApiError.h"
#include "server/McpServer.h"

#include "server/HttpConnection.h"

namespace co {

inline void sendReply(HttpResponder &r, int status, const QByteArray &body, const QByteArray &contentType,
                      HeaderPairs extra = {})
{
    r.send(status, body, contentType, extra);
}

inline void sendJson(HttpResponder &r, int status, const QByteArray &body, HeaderPairs extra = {})
{
    sendReply(r, status, body, "application/json", extra);
}

// Transport errors of the MCP endpoints: a JSON-RPC error body with id null.
inline void sendRpcError(HttpResponder &r, const ApiError &e, HeaderPairs extra = {})
{
    sendJson(r, httpStatus(e.kind), McpServer::errorBody(e), extra);
}

// REST and /healthz errors: {"error":{"code","message"}}.
inline void sendRestError(HttpResponder &r, const ApiError &e, HeaderPairs extra = {})
{
    sendJson(r, httpStatus(e.kind), restErrorBody(e), extra);
}

} // namespace co
