#pragma once
// Open streams that fired alerts are pushed to, on one server thread: the 2025 GET /mcp stream of
// a session that subscribed to orderflow://alerts (resources/subscribe), the 2026-07-28
// subscriptions/listen stream (its subscriptionId on every notification), and the REST SSE
// stream /api/alerts/stream (plain alert JSON, for scripts). The AlertBook calls back on an
// engine thread; the event is queued to this object's thread, which owns the sockets.
// Keep-alive comments every 15 s; a stream ends when its client goes away.
#include "server/HttpConnection.h"
#include "server/McpServer.h"

#include <QHash>
#include <QJsonValue>
#include <QObject>

#include <functional>
#include <memory>

namespace co {

class AlertBook;
struct AlertEvent;

class AlertStreams : public QObject {
public:
    static constexpr int kKeepAliveMs = 15'000;
    static constexpr int kMaxStreams = 64;

    // session(id): a 2025 session as it is now (subscribed to orderflow://alerts? its log level).
    using SessionLookup = std::function<std::optional<McpSession>(const QByteArray &)>;
    AlertStreams(AlertBook &book, SessionLookup session, QObject *parent = nullptr);
    ~AlertStreams() override;

    enum class Kind { Session, Listen, Rest };
    // first: written at once (the listen stream's acknowledgement); key: the session id (Session),
    // non-empty for a Listen stream that asked for orderflow://alerts.
    void open(HttpResponder r, Kind kind, const QByteArray &key, const QJsonValue &subscriptionId, const QByteArray &first = {});
    void closeAll();
    qsizetype size() const { return streams_.size(); }

private:
    struct Stream;
    void push(const AlertEvent &e);

    AlertBook &book_;
    SessionLookup session_;
    int listener_ = 0;
    int next_ = 1;
    QHash<int, std::shared_ptr<Stream>> streams_;
};

} // namespace co
