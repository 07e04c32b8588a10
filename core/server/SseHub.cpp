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

bool SseDirectory::add(const QByteArray &id, SseHub *owner)
{
    std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxStreams)
        return false;
    entries_.insert(id, Entry{owner, {}});
    return true;
}

void SseDirectory::remove(const QByteArray &id)
{
    std::lock_guard lock(mutex_);
    entries_.remove(id);
}

std::optional<SseDirectory::Entry> SseDirectory::find(const QByteArray &id) const
{
    std::lock_guard lock(mutex_);
    auto it = entries_.constFind(id);
    if (it == entries_.constEnd())
        return std::nullopt;
    return *it;
}

void SseDirectory::update(const QByteArray &id, const McpSession &session)
{
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(id); it != entries_.end())
        it->session = session;
}

qsizetype SseDirectory::size() const
{
    std::lock_guard lock(mutex_);
    return entries_.size();
}

struct SseHub::Stream {
    QHttpServerResponder r;
    QTimer keepAlive;
    explicit Stream(QHttpServerResponder &&x) : r(std::move(x)) {}
    void chunk(const QByteArray &d) { r.writeBody(QByteArray::number(d.size(), 16) + "\r\n" + d + "\r\n"); }
};

SseHub::SseHub(const McpServer &mcp, SseDirectory &directory, QObject *parent)
    : QObject(parent), mcp_(mcp), directory_(directory)
{
}

SseHub::~SseHub() { closeAll(); }

void SseHub::open(QHttpServerResponder &&responder)
{
    const QByteArray id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    if (!directory_.add(id, this))
        return sendRpcError(responder, {ApiErrorKind::TooManyStreams, "Service Unavailable: too many SSE streams"});
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
        directory_.remove(id);
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
    std::optional<SseDirectory::Entry> entry = directory_.find(id);
    if (!entry)
        return sendRpcError(r, {ApiErrorKind::SessionNotFound, "Session not found"});
    if (auto e = checkJsonPost(req.value("Content-Type"), req.value("Accept"), req.body().size()))
        return sendRpcError(r, *e);
    const McpServer::Body body = McpServer::parse(req.body());
    if (body.error)
        return sendRpcError(r, *body.error);
    const McpSession before = entry->session;
    const QList<QByteArray> replies = mcp_.dispatch(body, entry->session);
    if (entry->session.protocolVersion != before.protocolVersion || entry->session.initialized != before.initialized)
        directory_.update(id, entry->session); // only a change: another thread may hold a copy too
    sendReply(r, 202, {}, {});
    // The answers follow the 202 on the stream (one message per event), from the stream's thread.
    SseHub *owner = entry->owner;
    QMetaObject::invokeMethod(owner, [owner, id, replies] { owner->send(id, replies); }, Qt::QueuedConnection);
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
    for (auto it = streams_.cbegin(); it != streams_.cend(); ++it) {
        directory_.remove(it.key());
        const auto &s = it.value();
        s->keepAlive.stop();
        if (s->r.socket()->state() == QAbstractSocket::ConnectedState) {
            s->r.writeBody(QByteArray("0\r\n\r\n"));
            s->r.socket()->flush();
        }
    }
    streams_.clear();
}

} // namespace co
