#pragma once
// The one error type of the server and its one mapping to HTTP statuses, JSON-RPC codes and MCP
// tool errors (qBittorrent's rule: decide it in one place). Tool code throws ApiError; transports
// only translate it.
#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace co {

enum class ApiErrorKind {
    // JSON-RPC message level
    ParseError,     // body/line is not JSON
    InvalidRequest, // not a JSON-RPC 2.0 message, empty batch, initialize in a batch
    MethodNotFound,
    InvalidParams,  // unknown tool, params/arguments not objects, no tool name
    Internal,
    // tool level: MCP answers a result with isError:true
    BadArgument,    // a bad argument value (names the argument and the allowed values)
    UnknownSymbol,
    NotInMemory,    // a valid request for data the engine does not keep
    Unsupported,    // a valid request that cannot be answered exactly
    NoData,         // nothing received yet: retry later
    WarmingUp,      // a symbol followed on demand, today's backfill running (data: retryAfterSec, progress)
    // transport level
    Forbidden,      // Origin, Host or token
    SessionRequired,
    SessionNotFound,
    UnsupportedVersion,
    PayloadTooLarge,
    UnsupportedMediaType,
    NotAcceptable,
    MethodNotAllowed,
    NotFound,
    TooManyStreams,
    TooManySessions,
    BatchTooLarge,  // more requests in a batch than MAX_BATCH
    AnswerTooLarge, // a batch's answers past MAX_ANSWER_BYTES (per request, inside the batch)
    // 2026-07-28 (stateless era) only: codes that era reserves
    HeaderMismatch,            // MCP-Protocol-Version / Mcp-Method / Mcp-Name vs the body (-32020)
    UnsupportedModernVersion,  // UnsupportedProtocolVersionError (-32022, data: supported, requested)
    MissingMeta,               // request _meta without the required keys (-32602 at HTTP 400)
    RemovedMethod,             // unknown or removed method (-32601 at HTTP 404)
};

struct ApiError {
    ApiErrorKind kind = ApiErrorKind::Internal;
    QString message;
    QJsonValue data = QJsonValue::Undefined; // JSON-RPC error.data when defined
};

// HTTP status when the error is the whole answer (REST bodies, transport errors).
int httpStatus(ApiErrorKind kind);
// JSON-RPC error code; 0 for tool-level kinds (they travel as isError results, never as errors).
int rpcCode(ApiErrorKind kind);
bool isToolError(ApiErrorKind kind);
// Short stable name for REST bodies ("bad_argument", "unknown_symbol", …).
QString errorName(ApiErrorKind kind);

// {"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…}}
QJsonObject rpcErrorResponse(const QJsonValue &id, const ApiError &e);
// Seconds a client should wait before asking again (Retry-After), or 0: from data.retryAfterSec.
int retryAfterSec(const ApiError &e);
// REST body: {"error":{"code":"bad_argument","message":…}} (+ "data" when the error has some)
QByteArray restErrorBody(const ApiError &e);

} // namespace co
