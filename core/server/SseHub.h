#pragma once
// The legacy HTTP+SSE transport (2024-11-05) of mcp.md §3: GET /sse opens a stream whose first
// event names /messages?sessionId=…; POST there answers 202 and the JSON-RPC answers go out on
// that stream as "message" events. Keep-alive comments every 15 s; a stream and its session end
// when the client disconnects, or when it stops reading (HttpConnection drops a client whose
// unsent bytes stay over MAX_OUTPUT_BYTES). The responder lives as long as the stream.
// One SseHub per server thread holds the streams it accepted; the POST may arrive on another
// thread, so the SseDirectory (shared, locked) finds the stream's hub and the answers are queued
// to that hub's thread.
#include "server/HttpConnection.h"
#include "server/McpServer.h"

#include <QHash>
#include <QObject>

#include <memory>
#include <mutex>
#include <optional>

namespace co {

class SseHub;

class SseDirectory {
public:
    static constexpr int kMaxStreams = 64;

    bool add(const QByteArray &id, SseHub *owner); // false when full
    void remove(const QByteArray &id);
    struct Entry {
        SseHub *owner = nullptr;
        McpSession session;
    };
    std::optional<Entry> find(const QByteArray &id) const;
    void update(const QByteArray &id, const McpSession &session);
    qsizetype size() const;

private:
    mutable std::mutex mutex_;
    QHash<QByteArray, Entry> entries_;
};

class SseHub : public QObject {
    Q_OBJECT
public:
    static constexpr int kKeepAliveMs = 15'000;

    SseHub(const McpServer &mcp, SseDirectory &directory, QObject *parent = nullptr);
    ~SseHub() override;

    // Host/Origin/token are checked by the caller.
    void open(HttpResponder r);
    void post(const HttpRequest &req, HttpResponder &r);
    // Ends this thread's streams with the last chunk (shutdown).
    void closeAll();

private:
    struct Stream;
    void send(const QByteArray &id, const QList<QByteArray> &messages);

    const McpServer &mcp_;
    SseDirectory &directory_;
    QHash<QByteArray, std::shared_ptr<Stream>> streams_;
};

} // namespace co
