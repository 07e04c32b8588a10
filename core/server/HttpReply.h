#pragma once
// Writing whole answers on a QHttpServerResponder (Qt 6.4 API: status line, headers, body).
#include "server/ApiError.h"
#include "server/McpServer.h"

#include <QHttpServerResponder>

#include <initializer_list>
#include <utility>

namespace co {

using HeaderPairs = std::initializer_list<std::pair<QByteArray, QByteArray>>;

inline void sendReply(QHttpServerResponder &r, int status, const QByteArray &body, const QByteArray &contentType,
                      HeaderPairs extra = {})
{
    r.writeStatusLine(QHttpServerResponder::StatusCode(status));
    if (!contentType.isEmpty())
        r.writeHeader("Content-Type", contentType);
    for (const auto &[k, v] : extra)
        r.writeHeader(k, v);
    r.writeHeader("Content-Length", QByteArray::number(body.size()));
    r.writeBody(body);
}

inline void sendJson(QHttpServerResponder &r, int status, const QByteArray &body, HeaderPairs extra = {})
{
    sendReply(r, status, body, "application/json", extra);
}

// Transport errors of the MCP endpoints: a JSON-RPC error body with id null.
inline void sendRpcError(QHttpServerResponder &r, const ApiError &e, HeaderPairs extra = {})
{
    sendJson(r, httpStatus(e.kind), McpServer::errorBody(e), extra);
}

// REST and /healthz errors: {"error":{"code","message"}}.
inline void sendRestError(QHttpServerResponder &r, const ApiError &e, HeaderPairs extra = {})
{
    sendJson(r, httpStatus(e.kind), restErrorBody(e), extra);
}

} // namespace co
