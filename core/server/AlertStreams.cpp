#include "server/AlertStreams.h"

#include "alerts/AlertBook.h"
#include "server/HttpReply.h"
#include "server/McpAlerts.h"

#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

#include <utility>

namespace co {

namespace {
const int kNotice = int(McpServer::logLevels().indexOf("notice"));
} // namespace

struct AlertStreams::Stream {
    HttpResponder r;
    Kind kind;
    QByteArray key;
    QJsonValue subscriptionId;
    QTimer keepAlive;
    Stream(HttpResponder x, Kind k) : r(std::move(x)), kind(k) {}
};

AlertStreams::AlertStreams(AlertBook &book, SessionLookup session, QObject *parent)
    : QObject(parent), book_(book), session_(std::move(session))
{
    QPointer<AlertStreams> self(this);
    listener_ = book_.addListener([self](const AlertEvent &e) {
        // An engine thread: the sockets belong to this object's thread.
        QMetaObject::invokeMethod(self.data(), [self, e] { if (self) self->push(e); }, Qt::QueuedConnection);
    });
}

AlertStreams::~AlertStreams()
{
    book_.removeListener(listener_);
    closeAll();
}

void AlertStreams::open(HttpResponder r, Kind kind, const QByteArray &key, const QJsonValue &subscriptionId,
                        const QByteArray &first)
{
    if (streams_.size() >= kMaxStreams)
        return sendRpcError(r, {ApiErrorKind::TooManyStreams, "Service Unavailable: too many alert streams"});
    HttpConnection *connection = r.connection();
    if (!connection)
        return;
    auto s = std::make_shared<Stream>(std::move(r), kind);
    s->key = key;
    s->subscriptionId = subscriptionId;
    s->r.startStream(200, {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}});
    s->r.writeChunk(first.isEmpty() ? QByteArray(": open\n\n") : "event: message\ndata: " + first + "\n\n");
    Stream *raw = s.get();
    connect(&s->keepAlive, &QTimer::timeout, this, [raw] { raw->r.writeChunk(": keepalive\n\n"); });
    s->keepAlive.start(kKeepAliveMs);
    const int id = next_++;
    connect(connection, &HttpConnection::closed, this, [this, id] {
        if (auto it = streams_.find(id); it != streams_.end()) {
            it.value()->keepAlive.stop();
            streams_.erase(it);
        }
    });
    streams_.insert(id, std::move(s));
}

void AlertStreams::push(const AlertEvent &e)
{
    const auto streams = streams_; // copies: a write may drop a slow client meanwhile
    for (const auto &s : streams) {
        if (!s->r.connected())
            continue;
        if (s->kind == Kind::Rest)
            s->r.writeChunk("event: alert\ndata: " + QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact) + "\n\n");
        else if (s->kind == Kind::Listen && !s->key.isEmpty())
            s->r.writeChunk("event: message\ndata: " + McpAlerts::notification(e, s->subscriptionId) + "\n\n");
        else if (const auto session = session_ ? session_(s->key) : std::nullopt) {
            if (session->alertsSubscribed)
                s->r.writeChunk("event: message\ndata: " + McpAlerts::notification(e) + "\n\n");
            if (session->logLevel >= 0 && session->logLevel <= kNotice) // an alert is a notice
                s->r.writeChunk("event: message\ndata: " + McpAlerts::logMessage(e) + "\n\n");
        }
    }
}

void AlertStreams::closeAll()
{
    const auto streams = std::exchange(streams_, {});
    for (const auto &s : streams) {
        s->keepAlive.stop();
        s->r.endStream();
    }
}

} // namespace co
