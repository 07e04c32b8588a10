#include "server/SseHub.h"

#include "server/HttpGuard.h"
#include "server/HttpReply.h"

#include <QTimer>
#include <QUuid>

#include <utility>

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
    HttpResponder r;
    QTimer keepAlive;
    explicit Stream(HttpResponder x) : r(std::move(x)) {}
    void chunk(const QByteArray &d) { r.writeChunk(d); }
};

SseHub::SseHub(const McpServer &mcp, SseDirectory &directory, QObject *parent)
    : QObject(parent), mcp_(mcp), directory_(directory)
{
}

SseHub::~SseHub() { closeAll(); }

void SseHub::open(HttpResponder responder)
{
    const QByteArray id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    if (!directory_.add(id, this))
        return sendRpcError(responder, {ApiErrorKind::TooManyStreams, "Service Unavailable: too many SSE streams"});
    auto s = std::make_shared<Stream>(std::move(responder));
    HttpConnection *connection = s->r.connection();
    if (!connection) {
        directory_.remove(id);
        return;
    }
    s->r.startStream(200, {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}});
    s->chunk("event: endpoint\ndata: /messages?sessionId=" + id + "\n\n");
    Stream *raw = s.get(); // the timer dies with the stream: no shared_ptr cycle
    connect(&s->keepAlive, &QTimer::timeout, this, [raw] { raw->chunk(": keepalive\n\n"); });
    s->keepAlive.start(kKeepAliveMs);
    connect(connection, &HttpConnection::closed, this, [this, id] {
        directory_.remove(id);
        if (auto it = streams_.find(id); it != streams_.end()) {
            it.value()->keepAlive.stop();
            streams_.erase(it);
        }
    });
    streams_.insert(id, std::move(s));
}

void SseHub::post(const HttpRequest &req, HttpResponder &r)
{
    const QByteArray id = req.query().queryItemValue("sessionId").toLatin1();
    if (id.isEmpty())
        return sendRpcError(r, {ApiErrorKind::SessionRequired, "Bad Request: sessionId query parameter is required"});
    std::optional<SseDirectory::Entry> entry = directory_.find(id);
    if (!entry)
        return sendRpcError(r, {ApiErrorKind::SessionNotFound, "Session not found"});
    if (auto e = checkJsonPost(req.value("Content-Type"), req.value("Accept"), req.body().size(),
                                 mcp_.limits().maxBodyBytes))
        return sendRpcError(r, *e);
    const McpServer::Body body = mcp_.parseBody(req.body());
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
    const std::shared_ptr<Stream> s = streams_.value(id); // a copy: a dropped client is erased meanwhile
    if (!s)
        return; // the client went away meanwhile
    for (const QByteArray &m : messages) { // compact JSON: no newline inside a data line
        if (!s->r.connected())
            return; // dropped: it did not read its answers
        s->chunk("event: message\ndata: " + m + "\n\n");
    }
}

void SseHub::closeAll()
{
    // Taken out first: ending a stream may close its connection at once, whose handler erases.
    const auto streams = std::exchange(streams_, {});
    for (auto it = streams.cbegin(); it != streams.cend(); ++it) {
        directory_.remove(it.key());
        it.value()->keepAlive.stop();
        it.value()->r.endStream(); // the last chunk goes out before the connection closes
    }
}

} // namespace co
