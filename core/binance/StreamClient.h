#pragma once
// One combined-stream WebSocket connection on a routed path (binance.md §4): connects to
// <root>/<route>/stream?streams=…, subscribes the rest in batched SUBSCRIBE messages, reconnects
// with exponential backoff and full jitter (reset after a healthy minute), reconnects when no data
// frame came for the watchdog period, and rotates before the 24 h limit: a second connection is
// opened and takes over at its first data frame, then the old one is closed. QWebSocket answers
// server pings by itself.
#include "binance/Backoff.h"
#include "model/FeedStatus.h"

#include <QElapsedTimer>
#include <QNetworkProxy>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <deque>
#include <memory>

class QWebSocket;

namespace co {

class StreamClient : public QObject {
    Q_OBJECT
public:
    struct Options {
        int64_t backoffInitialMs = 500;
        int64_t backoffMaxMs = 30'000;
        int64_t healthyResetMs = 60'000;     // a connection this old resets the backoff
        int64_t watchdogMs = 10'000;         // no data frame for this long → reconnect
        int64_t rotateAfterMs = 85'800'000;  // 23 h 50 min: before the server's 24 h cut
        int64_t handshakeTimeoutMs = 15'000;
        int maxUrlStreams = 200;             // more streams go in SUBSCRIBE batches
        int messageSpacingMs = 250;          // between our messages: 4 a second, under Binance's 10
    };

    // root: BINANCE_WS_URL (no route); route: "public" or "market"; streams: lower-case names.
    StreamClient(QUrl root, QString route, QStringList streams, Options options, QObject *parent = nullptr);
    ~StreamClient() override;

    void setProxy(const QNetworkProxy &proxy) { proxy_ = proxy; }
    void start();
    void stop();

    // Adds/removes streams: on the live connection by (UN)SUBSCRIBE, and in every later one.
    void subscribe(const QStringList &streams);
    void unsubscribe(const QStringList &streams);
    const QStringList &streams() const noexcept { return streams_; }

    bool isConnected() const noexcept { return connected_; }
    const QString &route() const noexcept { return route_; }
    QUrl url() const;

    struct Stats {
        uint64_t connects = 0, reconnects = 0, messages = 0, controlReplies = 0, rotations = 0, watchdogTrips = 0;
    };
    const Stats &stats() const noexcept { return stats_; }
    int64_t msSinceLastMessage() const; // -1: none yet
    StreamStatus status() const;

Q_SIGNALS:
    void message(const QByteArray &utf8); // every text frame of the live connection
    void connected();                      // a new connection is up (not on rotation)
    void disconnected(const QString &reason);
    // Connecting failed (afterDrop false) or a live connection dropped: next attempt in `delayMs`.
    void retrying(const QString &reason, qint64 delayMs, bool afterDrop);

private:
    std::unique_ptr<QWebSocket> makeSocket();
    void open();
    void onConnected(QWebSocket *s);
    void onText(QWebSocket *s, const QString &text);
    void onClosed(QWebSocket *s);
    void scheduleReconnect(const QString &reason, bool afterDrop);
    void rotate();
    void sendSubscribes(QWebSocket *s);
    // Queues one (UN)SUBSCRIBE message per ≤ 200 names for `s`, sent at messageSpacingMs.
    void queueControl(QWebSocket *s, const char *method, const QStringList &names);
    void sendNextControl();

    QUrl root_;
    QString route_;
    QStringList streams_;
    Options options_;
    QNetworkProxy proxy_{QNetworkProxy::DefaultProxy};
    std::unique_ptr<QWebSocket> socket_;  // the live connection
    std::unique_ptr<QWebSocket> standby_; // rotation: the next one, until its first data frame
    bool running_ = false;
    bool connected_ = false;
    Backoff backoff_;
    QTimer reconnectTimer_, watchdog_, rotateTimer_, handshakeTimer_, healthyTimer_;
    QElapsedTimer sinceMessage_;
    struct Outgoing {
        QPointer<QWebSocket> socket; // null once deleted: never confused with a new socket
        QString text;
    };
    std::deque<Outgoing> outbox_; // control messages waiting for their slot
    QTimer sendTimer_;
    quint64 nextId_ = 1;
    QString lastError_;
    Stats stats_;
};

} // namespace co
