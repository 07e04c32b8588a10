#include "server/ApiError.h"

#include <QJsonDocument>

#include <algorithm>

namespace co {

namespace {
struct Mapping {
    ApiErrorKind kind;
    int http;
    int rpc;
    const char *name;
};

// The table. JSON-RPC errors raised while dispatching a message (-32601/-32602/-32603) travel in
// a 200 answer on /mcp; "http" is used when the error is the whole answer (REST, transport).
constexpr Mapping kTable[] = {
    {ApiErrorKind::ParseError, 400, -32700, "parse_error"},
    {ApiErrorKind::InvalidRequest, 400, -32600, "invalid_request"},
    {ApiErrorKind::MethodNotFound, 404, -32601, "method_not_found"},
    {ApiErrorKind::InvalidParams, 400, -32602, "invalid_params"},
    {ApiErrorKind::Internal, 500, -32603, "internal_error"},
    {ApiErrorKind::BadArgument, 400, 0, "bad_argument"},
    {ApiErrorKind::UnknownSymbol, 404, 0, "unknown_symbol"},
    {ApiErrorKind::NotInMemory, 404, 0, "not_in_memory"},
    {ApiErrorKind::Unsupported, 422, 0, "unsupported"},
    {ApiErrorKind::NoData, 503, 0, "no_data"},
    {ApiErrorKind::WarmingUp, 503, 0, "warming_up"},
    {ApiErrorKind::Forbidden, 403, -32000, "forbidden"},
    {ApiErrorKind::SessionRequired, 400, -32000, "session_required"},
    {ApiErrorKind::SessionNotFound, 404, -32001, "session_not_found"},
    {ApiErrorKind::UnsupportedVersion, 400, -32000, "unsupported_protocol_version"},
    {ApiErrorKind::PayloadTooLarge, 413, -32000, "payload_too_large"},
    {ApiErrorKind::UnsupportedMediaType, 415, -32000, "unsupported_media_type"},
    {ApiErrorKind::NotAcceptable, 406, -32000, "not_acceptable"},
    {ApiErrorKind::MethodNotAllowed, 405, -32000, "method_not_allowed"},
    {ApiErrorKind::NotFound, 404, -32000, "not_found"},
    {ApiErrorKind::TooManyStreams, 503, -32000, "too_many_streams"},
    {ApiErrorKind::TooManySessions, 503, -32000, "too_many_sessions"},
    {ApiErrorKind::BatchTooLarge, 413, -32600, "batch_too_large"},
    {ApiErrorKind::AnswerTooLarge, 413, -32000, "answer_too_large"},
    {ApiErrorKind::HeaderMismatch, 400, -32020, "header_mismatch"},
    {ApiErrorKind::UnsupportedModernVersion, 400, -32022, "unsupported_protocol_version"},
    {ApiErrorKind::MissingMeta, 400, -32602, "invalid_params"},
    {ApiErrorKind::RemovedMethod, 404, -32601, "method_not_found"},
};

const Mapping &mappingOf(ApiErrorKind kind)
{
    for (const Mapping &m : kTable)
        if (m.kind == kind)
            return m;
    return kTable[4]; // Internal
}
} // namespace

int httpStatus(ApiErrorKind kind) { return mappingOf(kind).http; }
int rpcCode(ApiErrorKind kind) { return mappingOf(kind).rpc; }
bool isToolError(ApiErrorKind kind) { return mappingOf(kind).rpc == 0; }
QString errorName(ApiErrorKind kind) { return QString::fromLatin1(mappingOf(kind).name); }

QJsonObject rpcErrorResponse(const QJsonValue &id, const ApiError &e)
{
    // A tool-level error reaching here (outside tools/call) is a bad parameter.
    const int code = isToolError(e.kind) ? rpcCode(ApiErrorKind::InvalidParams) : rpcCode(e.kind);
    QJsonObject error{{"code", code}, {"message", e.message}};
    if (!e.data.isUndefined())
        error.insert("data", e.data);
    return QJsonObject{{"jsonrpc", "2.0"}, {"id", id}, {"error", error}};
}

int retryAfterSec(const ApiError &e)
{
    return e.data.isObject() ? std::max(0, e.data.toObject().value("retryAfterSec").toInt()) : 0;
}

QByteArray restErrorBody(const ApiError &e)
{
    QJsonObject err{{"code", errorName(e.kind)}, {"message", e.message}};
    if (!e.data.isUndefined())
        err.insert("data", e.data);
    const QJsonObject o{{"error", err}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace co
