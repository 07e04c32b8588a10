#include "server/SseHub.h"

#include "server/HttpGuard.h"
#include "server/HttpReply.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

namespace co {

struct SseHub::Stream {
    QHttpServerResponder r;
    QTimer keepAlive;
    McpSession session;
    explicit Stream(QHttpServerResponder &&x) : r(std::move(x)) {}
    void chunk(const QByteArray &d) { r.writeBody(QByteArray::number(d.size(), 16) + "\r\n" + d + "\r\n"); }
};

SseHub::SseHub(const McpServer &mcp, QObject *parent) : QObject(parent), mcp_(mcp) {}

SseHub::~SseHub() { closeAll(); }

void SseHub::open(QHttpServerResponder &&responder)
{
    if (streams_.size() >= kMaxStreams)
        return sendRpcError(responder, {ApiErrorKind::TooManyStreams, "Service Unavailable: too many SSE streams"});
    const QByteArray id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    auto s = std::make_shared<Stream>(std::move(responder));
    QTcpSocket *socket = s->r.socket();
    s->r.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    s->r.writeHeader("Content-Type", "text/event-stream");
    s->r.writeHeader("Cache-Control", "no-cache");
    s->r.writeHeader("Transfer-Encoding", "chunked");
    s->chunk("event: endpoint\ndata: /messages?sessionId=" + id + "\n\n"); // the first body write ends the headers
    Stream *raw = s.get(); // the timer dies with the stream: no shared_ptr cycle
    connect(&s->keepAlive, &QTimer::timeout, this, [raw] { raw->chunk(": keepalive\n\n"); });
    s->keepAlive.start(kKeepAliveMs);
    connect(socket, &QTcpSocket::disconnected, this, [this, id] {
        if (auto it = streams_.find(id); it != streams_.end()) {
            it.value()->keepAlive.stop();
            streams_.erase(it);
        }
    });
    streams_.insert(id, std::move(s));
}

void SseHub::post(const QHttpServerRequest &req, QHttpServerResponder &r)
{
    const QByteArray id = QUrlQuery(req.url()).queryItemValue("sessionId").toLatin1();
    if (id.isEmpty())
        return sendRpcError(r, {ApiErrorKind::SessionRequired, "Bad Request: sessionId query parameter is required"});
    auto it = streams_.find(id);
    if (it == streams_.end())
        return sendRpcError(r, {ApiErrorKind::SessionNotFound, "Session not found"});
    if (auto e = checkJsonPost(req.value("Content-Type"), req.value("Accept"), req.body().size()))
        return sendRpcError(r, *e);
    const McpServer::Body body = McpServer::parse(req.body());
    if (body.error)
        return sendRpcError(r, *body.error);
    const QList<QByteArray> replies = mcp_.dispatch(body, it.value()->session);
    sendReply(r, 202, {}, {});
    // The answers follow the 202 on the stream (one message per event).
    QMetaObject::invokeMethod(this, [this, id, replies] { send(id, replies); }, Qt::QueuedConnection);
}

void SseHub::send(const QByteArray &id, const QList<QByteArray> &messages)
{
    auto it = streams_.find(id);
    if (it == streams_.end())
        return; // the client went away meanwhile
    for (const QByteArray &m : messages) // compact JSON: no newline inside a data line
        it.value()->chunk("event: message\ndata: " + m + "\n\n");
}

void SseHub::closeAll()
{
    for (const auto &s : std::as_const(streams_)) {
        s->keepAlive.stop();
        if (s->r.socket()->state() == QAbstractSocket::ConnectedState) {
            s->r.writeBody(QByteArray("0\r\n\r\n"));
            s->r.socket()->flush();
        }
    }
    streams_.clear();
}

} // namespace co
