#pragma once
// The server's own HTTP/1.1 layer on QTcpSocket (replaces QHttpServer, which in Qt 6.4 reads heads
// and bodies without a limit or a timer, keeps every connection alive, takes the first of two
// Content-Lengths and accepts Content-Length with Transfer-Encoding). One HttpConnection per
// socket, on its server thread: strict heads (HttpRequest.h), the body read only after its
// Content-Length passed the limit, one request at a time (the next is read once the answer is
// out), header/body and keep-alive timers, Connection: close and HTTP/1.0 honoured, and a
// client that does not read its answers dropped (unsent bytes over a limit for too long).
#include "server/HttpLimits.h"
#include "server/HttpRequest.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <atomic>
#include <functional>
#include <initializer_list>
#include <utility>

class QTcpSocket;

namespace co {

using HeaderPairs = std::initializer_list<std::pair<QByteArray, QByteArray>>;

// Counters of the guard, shared by the server threads (/healthz "server").
struct HttpCounters {
    std::atomic<qint64> connections{0}, refused{0}, badRequests{0}, tooLarge{0}, headerTimeouts{0},
        idleTimeouts{0}, slowClientsDropped{0};
};

class HttpConnection;

// Where one request's answer goes: a whole answer, or a chunked stream (SSE). A handle: it may
// outlive the connection (then writes are dropped). Use it on the connection's thread only.
class HttpResponder {
public:
    HttpResponder() = default;
    explicit HttpResponder(HttpConnection *c) : c_(c) {}

    void send(int status, const QByteArray &body, const QByteArray &contentType, HeaderPairs extra = {});
    void startStream(int status, HeaderPairs headers);
    void writeChunk(const QByteArray &data);
    void endStream(); // the last chunk; the connection closes once it is sent
    bool connected() const;
    HttpConnection *connection() const { return c_.data(); }

private:
    QPointer<HttpConnection> c_;
};

class HttpConnection : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<void(HttpRequest &, HttpResponder)>;
    // reserve: accepted beyond MAX_CONNECTIONS: one request, /healthz only, a short head timer.
    HttpConnection(qintptr fd, const HttpLimits &limits, HttpCounters &counters, Handler handler, bool reserve,
                   QObject *parent = nullptr);
    ~HttpConnection() override;

    bool valid() const { return socket_ != nullptr; }
    bool reserve() const { return reserve_; }
    // Waiting for a request with nothing of it received (may be closed to make room).
    bool idle() const { return state_ == State::Head && in_.isEmpty(); }
    qint64 idleSinceMs() const { return idleSince_.elapsed(); }
    QTcpSocket *socket() const { return socket_; }
    void close(); // now, unsent bytes dropped

Q_SIGNALS:
    void closed(); // once, before deletion

private:
    friend class HttpResponder;
    enum class State { Head, Body, Handling, Streaming, Closing };
    void readInput();
    void process();
    void fail(int status, const QString &message, const QString &path); // an error answer, then close
    void finish(); // once: closed(), then deleted
    void write(const QByteArray &bytes);
    void answered(); // the answer is out: next request, or close
    void checkOutput();
    void shutWriteWhenSent(); // FIN after the last byte of the answer (lingering close)
    void onTimeout();
    void arm(int ms);

    HttpLimits limits_;
    HttpCounters &counters_;
    Handler handler_;
    QTcpSocket *socket_ = nullptr;
    QTimer timer_;       // head/body deadline, keep-alive idle
    QTimer outputTimer_; // while unsent bytes are over the limit
    QElapsedTimer overSince_, idleSince_;
    QByteArray in_;
    HttpRequest request_;
    qsizetype scanned_ = 0; // bytes of in_ already known to hold no complete head
    qint64 lingered_ = 0;   // bytes dropped while closing
    State state_ = State::Head;
    bool keepAlive_ = true, reserve_ = false, closedSent_ = false, streamChunked_ = true, writeShut_ = false;
};

} // namespace co
