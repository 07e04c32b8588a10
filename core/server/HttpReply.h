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

// REST and /healthz errors: {"error":{"code","message"}}; an error that says when to ask again
// (a symbol warming up) carries Retry-After.
inline void sendRestError(HttpResponder &r, const ApiError &e, HeaderPairs extra = {})
{
    if (const int after = retryAfterSec(e); after > 0 && extra.size() == 0)
        return sendJson(r, httpStatus(e.kind), restErrorBody(e), {{"Retry-After", QByteArray::number(after)}});
    sendJson(r, httpStatus(e.kind), restErrorBody(e), extra);
}

} // namespace co
