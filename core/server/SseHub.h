#pragma once
// The legacy HTTP+SSE transport (2024-11-05) of mcp.md §3: GET /sse opens a stream whose first
// event names /messages?sessionId=…; POST there answers 202 and the JSON-RPC answers go out on
// that stream as "message" events. Keep-alive comments every 15 s; a stream and its session end
// when the client disconnects. Qt 6.4 has no streaming response API, so chunked encoding is
// written by hand on the responder, which lives as long as the stream.
#include "server/McpServer.h"

#include <QHash>
#include <QObject>

#include <memory>

class QHttpServerRequest;
class QHttpServerResponder;

namespace co {

class SseHub : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxStreams = 64;
    static constexpr int kKeepAliveMs = 15'000;

    explicit SseHub(const McpServer &mcp, QObject *parent = nullptr);
    ~SseHub() override;

    // Host/Origin/token are checked by the caller.
    void open(QHttpServerResponder &&r);
    void post(const QHttpServerRequest &req, QHttpServerResponder &r);
    // Ends every stream with the last chunk (shutdown).
    void closeAll();
    qsizetype size() const { return streams_.size(); }

private:
    struct Stream;
    void send(const QByteArray &id, const QList<QByteArray> &messages);

    const McpServer &mcp_;
    QHash<QByteArray, std::shared_ptr<Stream>> streams_;
};

} // namespace co
