#include "binance/StreamClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QWebSocket>

namespace co {
namespace {
bool isDataFrame(const QString &text) { return text.startsWith(QLatin1String("{\"stream\"")); }

// Sockets are dropped from inside their own signals: disconnect, abort, delete later.
void discard(std::unique_ptr<QWebSocket> &s)
{
    if (!s)
        return;
    QWebSocket *raw = s.release();
    raw->disconnect();
    raw->abort();
    raw->deleteLater();
}
} // namespace

StreamClient::StreamClient(QUrl root, QString route, QStringList streams, Options options, QObject *parent)
    : QObject(parent), root_(std::move(root)), route_(std::move(route)), streams_(std::move(streams)),
      options_(options), backoff_(options.backoffInitialMs, options.backoffMaxMs)
{
    for (QTimer *t : {&reconnectTimer_, &rotateTimer_, &handshakeTimer_, &healthyTimer_})
        t->setSingleShot(true);
    connect(&reconnectTimer_, &QTimer::timeout, this, &StreamClient::open);
    connect(&rotateTimer_, &QTimer::timeout, this, &StreamClient::rotate);
    connect(&healthyTimer_, &QTimer::timeout, this, [this] { backoff_.reset(); });
    connect(&handshakeTimer_, &QTimer::timeout, this, [this] {
        if (socket_ && !connected_) {
            discard(socket_);
            scheduleReconnect("handshake timed out", false);
        }
    });
    sendTimer_.setInterval(std::max(1, options_.messageSpacingMs));
    connect(&sendTimer_, &QTimer::timeout, this, &StreamClient::sendNextControl);
    watchdog_.setInterval(int(std::clamp<int64_t>(options_.watchdogMs / 4, 1, 1000)));
    connect(&watchdog_, &QTimer::timeout, this, [this] {
        if (!connected_ || sinceMessage_.elapsed() < options_.watchdogMs)
            return;
        ++stats_.watchdogTrips;
        const QString why = QString("no data for %1 s").arg(double(options_.watchdogMs) / 1000.0);
        discard(socket_);
        connected_ = false;
        watchdog_.stop();
        Q_EMIT disconnected(why);
        scheduleReconnect(why, true);
    });
}

StreamClient::~StreamClient() { stop(); }

QUrl StreamClient::url() const
{
    QUrl u = root_;
    QString path = u.path();
    while (path.endsWith('/'))
        path.chop(1);
    u.setPath(path + '/' + route_ + "/stream");
    u.setQuery("streams=" + streams_.mid(0, options_.maxUrlStreams).join('/'));
    return u;
}

std::unique_ptr<QWebSocket> StreamClient::makeSocket()
{
    auto s = std::make_unique<QWebSocket>();
    s->setProxy(proxy_);
    QWebSocket *raw = s.get();
    connect(raw, &QWebSocket::connected, this, [this, raw] { onConnected(raw); });
    connect(raw, &QWebSocket::textMessageReceived, this, [this, raw](const QString &t) { onText(raw, t); });
    connect(raw, &QWebSocket::disconnected, this, [this, raw] { onClosed(raw); });
    connect(raw, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this, [this, raw] {
        lastError_ = raw->errorString();
        onClosed(raw);
    });
    return s;
}

void StreamClient::start()
{
    if (running_)
        return;
    running_ = true;
    open();
}

void StreamClient::stop()
{
    running_ = false;
    for (QTimer *t : {&reconnectTimer_, &rotateTimer_, &handshakeTimer_, &healthyTimer_, &watchdog_, &sendTimer_})
        t->stop();
    outbox_.clear();
    discard(standby_);
    discard(socket_);
    connected_ = false;
}

void StreamClient::open()
{
    if (!running_)
        return;
    discard(socket_);
    connected_ = false;
    socket_ = makeSocket();
    handshakeTimer_.start(int(options_.handshakeTimeoutMs));
    socket_->setProperty("urlStreams", streams_.mid(0, options_.maxUrlStreams));
    socket_->open(url());
}

void StreamClient::sendSubscribes(QWebSocket *s)
{
    // What the URL carried when the socket was opened against the streams wanted now (some may have
    // come or gone during the handshake).
    const QStringList inUrl = s->property("urlStreams").toStringList();
    QStringList add, drop;
    for (const QString &n : streams_)
        if (!inUrl.contains(n))
            add << n;
    for (const QString &n : inUrl)
        if (!streams_.contains(n))
            drop << n;
    queueControl(s, "SUBSCRIBE", add);
    queueControl(s, "UNSUBSCRIBE", drop);
}

void StreamClient::queueControl(QWebSocket *s, const char *method, const QStringList &names)
{
    for (qsizetype i = 0; i < names.size(); i += 200) {
        const QJsonObject msg{{"method", QString::fromLatin1(method)},
                              {"params", QJsonArray::fromStringList(names.mid(i, 200))},
                              {"id", qint64(nextId_++)}};
        outbox_.push_back({QPointer<QWebSocket>(s), QString::fromUtf8(QJsonDocument(msg).toJson(QJsonDocument::Compact))});
    }
    if (!outbox_.empty() && !sendTimer_.isActive()) {
        sendNextControl();
        sendTimer_.start();
    }
}

void StreamClient::sendNextControl()
{
    // Only sockets still ours get their messages; a dropped one's are forgotten (the next
    // connection's URL and subscribes carry the streams).
    while (!outbox_.empty()) {
        const Outgoing o = outbox_.front();
        outbox_.pop_front();
        if (o.socket && (o.socket == socket_.get() || o.socket == standby_.get())) {
            o.socket->sendTextMessage(o.text);
            return;
        }
    }
    sendTimer_.stop();
}

void StreamClient::subscribe(const QStringList &streams)
{
    QStringList add;
    for (const QString &n : streams)
        if (!streams_.contains(n) && !add.contains(n))
            add << n;
    streams_ += add;
    for (QWebSocket *s : {socket_.get(), standby_.get()})
        if (s && s->state() == QAbstractSocket::ConnectedState)
            queueControl(s, "SUBSCRIBE", add);
}

void StreamClient::unsubscribe(const QStringList &streams)
{
    QStringList drop;
    for (const QString &n : streams)
        if (streams_.removeAll(n) > 0)
            drop << n;
    for (QWebSocket *s : {socket_.get(), standby_.get()})
        if (s && s->state() == QAbstractSocket::ConnectedState)
            queueControl(s, "UNSUBSCRIBE", drop);
}

void StreamClient::onConnected(QWebSocket *s)
{
    sendSubscribes(s);
    if (s != socket_.get())
        return; // the standby of a rotation: it takes over at its first data frame
    handshakeTimer_.stop();
    connected_ = true;
    ++stats_.connects;
    lastError_.clear();
    sinceMessage_.start();
    watchdog_.start();
    rotateTimer_.start(int(std::min<int64_t>(options_.rotateAfterMs, INT_MAX)));
    healthyTimer_.start(int(options_.healthyResetMs));
    Q_EMIT connected();
}

void StreamClient::onText(QWebSocket *s, const QString &text)
{
    const bool data = isDataFrame(text);
    if (s == standby_.get()) {
        if (!data) {
            ++stats_.controlReplies;
            return;
        }
        // The new connection delivers: it becomes the live one, the old one goes.
        discard(socket_);
        socket_ = std::move(standby_);
        ++stats_.rotations;
        rotateTimer_.start(int(std::min<int64_t>(options_.rotateAfterMs, INT_MAX)));
    } else if (s != socket_.get()) {
        return;
    }
    if (data)
        sinceMessage_.restart();
    else
        ++stats_.controlReplies;
    ++stats_.messages;
    Q_EMIT message(text.toUtf8());
}

void StreamClient::onClosed(QWebSocket *s)
{
    if (s == standby_.get()) { // rotation failed: keep the live one, try again later
        discard(standby_);
        rotateTimer_.start(int(std::min<int64_t>(options_.rotateAfterMs / 100 + 1000, 60'000)));
        return;
    }
    if (s != socket_.get())
        return;
    QString why = s->closeReason().isEmpty() ? lastError_ : s->closeReason();
    if (why.isEmpty())
        why = connected_ ? "connection closed" : "connection failed";
    discard(socket_);
    const bool was = connected_;
    connected_ = false;
    watchdog_.stop();
    rotateTimer_.stop();
    healthyTimer_.stop();
    handshakeTimer_.stop();
    if (was)
        Q_EMIT disconnected(why);
    scheduleReconnect(why, was);
}

void StreamClient::scheduleReconnect(const QString &reason, bool afterDrop)
{
    if (!running_)
        return;
    discard(standby_);
    const int64_t delay = backoff_.next();
    ++stats_.reconnects;
    Q_EMIT retrying(reason, delay, afterDrop);
    reconnectTimer_.start(int(delay));
}

void StreamClient::rotate()
{
    if (!running_ || !connected_ || standby_)
        return;
    standby_ = makeSocket();
    standby_->setProperty("urlStreams", streams_.mid(0, options_.maxUrlStreams));
    standby_->open(url());
}

int64_t StreamClient::msSinceLastMessage() const { return sinceMessage_.isValid() ? sinceMessage_.elapsed() : -1; }

StreamStatus StreamClient::status() const
{
    StreamStatus o;
    o.route = route_.toStdString();
    o.connected = connected_;
    o.lastMessageAgeMs = msSinceLastMessage();
    o.connects = stats_.connects;
    o.reconnects = stats_.reconnects;
    o.messages = stats_.messages;
    o.rotations = stats_.rotations;
    o.watchdogTrips = stats_.watchdogTrips;
    o.lastError = lastError_.toStdString();
    return o;
}

} // namespace co
