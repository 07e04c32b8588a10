#include "server/HttpConnection.h"

#include "server/Log.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

#include <sys/socket.h>
#include <unistd.h>

namespace co {

namespace {
constexpr qint64 kReadBufferBytes = 64 * 1024; // Qt's buffer: beyond it TCP pushes back on the client
constexpr int kReserveHeadMs = 1000;            // a connection beyond MAX_CONNECTIONS gets 1 s for its head
constexpr qint64 kLingerBytesFactor = 4;        // a closing connection reads at most 4 × MAX_BODY_BYTES more

QByteArray errorName(int status)
{
    switch (status) {
    case 408: return "request_timeout";
    case 411: return "length_required";
    case 413: return "payload_too_large";
    case 417: return "expectation_failed";
    case 431: return "header_too_large";
    case 503: return "too_many_connections";
    case 505: return "http_version_not_supported";
    default: return "bad_request";
    }
}

// Errors of the guard: a JSON-RPC error on the MCP endpoints, the REST error body elsewhere.
QByteArray errorBody(int status, const QString &message, const QString &path)
{
    QJsonObject o;
    if (path == "/mcp" || path == "/messages")
        o = {{"jsonrpc", "2.0"}, {"id", QJsonValue::Null}, {"error", QJsonObject{{"code", -32000}, {"message", message}}}};
    else
        o = {{"error", QJsonObject{{"code", QString::fromLatin1(errorName(status))}, {"message", message}}}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

// ---- HttpResponder ------------------------------------------------------------------------------
void HttpResponder::send(int status, const QByteArray &body, const QByteArray &contentType, HeaderPairs extra)
{
    HttpConnection *c = c_.data();
    if (!c || c->state_ != HttpConnection::State::Handling)
        return; // gone, or already answered
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    for (const auto &[k, v] : extra)
        head += k + ": " + v + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (!c->keepAlive_)
        head += "Connection: close\r\n";
    c->write(head + "\r\n" + body);
    c->answered();
}

void HttpResponder::startStream(int status, HeaderPairs headers)
{
    HttpConnection *c = c_.data();
    if (!c || c->state_ != HttpConnection::State::Handling)
        return;
    c->state_ = HttpConnection::State::Streaming;
    c->streamChunked_ = c->request_.minorVersion == 1; // HTTP/1.0: the close ends the body
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &[k, v] : headers)
        head += k + ": " + v + "\r\n";
    head += c->streamChunked_ ? "Transfer-Encoding: chunked\r\n" : "Connection: close\r\n";
    c->write(head + "\r\n");
}

void HttpResponder::writeChunk(const QByteArray &data)
{
    HttpConnection *c = c_.data();
    if (!c || c->state_ != HttpConnection::State::Streaming || data.isEmpty())
        return;
    c->write(c->streamChunked_ ? QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n" : data);
}

void HttpResponder::endStream()
{
    HttpConnection *c = c_.data();
    if (!c || c->state_ != HttpConnection::State::Streaming)
        return;
    if (c->streamChunked_)
        c->write("0\r\n\r\n");
    c->keepAlive_ = false;
    c->answered();
}

bool HttpResponder::connected() const
{
    const HttpConnection *c = c_.data();
    return c && c->state_ != HttpConnection::State::Closing;
}

// ---- HttpConnection -----------------------------------------------------------------------------
HttpConnection::HttpConnection(qintptr fd, const HttpLimits &limits, HttpCounters &counters, Handler handler,
                               bool reserve, QObject *parent)
    : QObject(parent), limits_(limits), counters_(counters), handler_(std::move(handler)), reserve_(reserve)
{
    auto *s = new QTcpSocket(this);
    if (!s->setSocketDescriptor(fd)) {
        ::close(int(fd));
        delete s;
        return;
    }
    socket_ = s;
    ++counters_.connections;
    socket_->setReadBufferSize(kReadBufferBytes);
    connect(socket_, &QTcpSocket::readyRead, this, &HttpConnection::readInput);
    connect(socket_, &QTcpSocket::bytesWritten, this, &HttpConnection::checkOutput);
    connect(socket_, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(&outputTimer_, &QTimer::timeout, this, &HttpConnection::checkOutput);
    idleSince_.start();
    // The first request is due at once: a connection that says nothing gets the head timer.
    arm(reserve_ ? kReserveHeadMs : limits_.headerTimeoutMs);
}

HttpConnection::~HttpConnection()
{
    if (socket_)
        --counters_.connections;
}

void HttpConnection::arm(int ms) { timer_.start(ms); }

void HttpConnection::readInput()
{
    if (state_ == State::Streaming) { // nothing more is read from a stream's client: drop what it sends
        socket_->read(kReadBufferBytes);
        return;
    }
    if (state_ == State::Closing) { // lingering: what the client still sends is read and dropped
        lingered_ += socket_->read(kReadBufferBytes).size();
        if (lingered_ > kLingerBytesFactor * limits_.maxBodyBytes)
            close();
        return;
    }
    // One request at a time, and none while the answers are not being read (back-pressure).
    while ((state_ == State::Head || state_ == State::Body) && socket_->bytesToWrite() <= limits_.maxOutputBytes) {
        const qint64 want = state_ == State::Head ? limits_.maxHeaderBytes + 1 - in_.size()
                                                  : request_.contentLength - in_.size();
        const QByteArray chunk = want > 0 ? socket_->read(std::min(want, kReadBufferBytes)) : QByteArray();
        if (chunk.isEmpty() && want > 0)
            return;
        in_ += chunk;
        const State before = state_;
        const qsizetype size = in_.size();
        process();
        if (state_ == before && in_.size() == size && chunk.isEmpty())
            return; // nothing moved
    }
}

void HttpConnection::process()
{
    if (state_ == State::Head && !in_.isEmpty()) {
        if (scanned_ == 0)
            arm(reserve_ ? kReserveHeadMs : limits_.headerTimeoutMs); // a request begins: its head is due
        // Only a new line can complete the head: skip the parse until one arrives.
        const bool newLine = in_.indexOf('\n', std::max<qsizetype>(0, scanned_ - 1)) >= 0;
        if (!newLine && in_.size() <= limits_.maxHeaderBytes) {
            scanned_ = std::max<qsizetype>(in_.size(), 1);
            return;
        }
        HeadResult h = parseRequestHead(in_, limits_);
        scanned_ = std::max<qsizetype>(in_.size(), 1);
        if (h.kind == HeadResult::Incomplete)
            return;
        if (h.kind == HeadResult::Error)
            return fail(h.status, h.message, h.request.path);
        request_ = std::move(h.request);
        in_.remove(0, h.headBytes);
        scanned_ = 0;
        if (reserve_ && request_.path != "/healthz")
            return fail(503, "Service Unavailable: too many open connections (MAX_CONNECTIONS); retry later",
                        request_.path);
        state_ = State::Body;
        if (request_.expectContinue && request_.contentLength > in_.size())
            write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    if (state_ == State::Body) {
        if (in_.size() < request_.contentLength)
            return;
        request_.bodyBytes = in_.left(request_.contentLength);
        in_.remove(0, request_.contentLength);
        timer_.stop();
        state_ = State::Handling;
        keepAlive_ = request_.keepAlive && !reserve_;
        handler_(request_, HttpResponder(this));
    }
}

void HttpConnection::answered()
{
    request_ = {};
    if (!keepAlive_) {
        // A lingering close: closing with unread input would send a reset, and the client could
        // lose the answer (a 413 while its body is still coming). So the write side is shut once
        // the answer is out, and input is read and dropped until the client closes or the timer ends.
        state_ = State::Closing;
        timer_.start(limits_.slowClientMs); // the last bytes get this long to leave
        socket_->flush();
        shutWriteWhenSent();
        readInput();
        return;
    }
    state_ = State::Head;
    idleSince_.restart();
    arm(limits_.idleTimeoutMs);
    // A pipelined request may be buffered already: read it from the event loop, not from here.
    QMetaObject::invokeMethod(this, [this] {
        if (state_ == State::Head)
            readInput();
    }, Qt::QueuedConnection);
}

void HttpConnection::fail(int status, const QString &message, const QString &path)
{
    if (status == 413 || status == 431)
        ++counters_.tooLarge;
    else if (status == 408)
        ++counters_.headerTimeouts;
    else if (status == 503)
        ++counters_.refused;
    else
        ++counters_.badRequests;
    qCDebug(lcServer) << "request refused:" << status << message;
    const QByteArray body = errorBody(status, message, path);
    write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
          "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size()) +
          "\r\n\r\n" + body);
    keepAlive_ = false;
    state_ = State::Handling;
    answered();
}

void HttpConnection::write(const QByteArray &bytes)
{
    if (!socket_ || state_ == State::Closing)
        return;
    socket_->write(bytes);
    checkOutput();
}

void HttpConnection::shutWriteWhenSent()
{
    if (writeShut_ || !socket_ || closedSent_ || socket_->bytesToWrite() > 0)
        return;
    writeShut_ = true;
    ::shutdown(int(socket_->socketDescriptor()), SHUT_WR);
}

void HttpConnection::checkOutput()
{
    if (!socket_ || closedSent_)
        return;
    if (state_ == State::Closing)
        return shutWriteWhenSent();
    const qint64 pending = socket_->bytesToWrite();
    if (pending > limits_.maxOutputBytes) {
        if (!overSince_.isValid()) {
            overSince_.start();
            outputTimer_.start(250);
        }
        // Over four times the limit at once, or over it for SLOW_CLIENT_TIMEOUT: the client does
        // not read, and its answers would only pile up here.
        if (pending > 4 * limits_.maxOutputBytes || overSince_.elapsed() >= limits_.slowClientMs) {
            ++counters_.slowClientsDropped;
            qCWarning(lcServer).nospace() << "dropped a client that does not read its answers: " << pending
                                          << " bytes unsent for " << overSince_.elapsed() << " ms (MAX_OUTPUT_BYTES "
                                          << limits_.maxOutputBytes << ", SLOW_CLIENT_TIMEOUT " << limits_.slowClientMs << " ms)";
            // Closed from the event loop: a writer may be in the middle of a loop over its messages.
            state_ = State::Closing;
            outputTimer_.stop();
            QMetaObject::invokeMethod(this, &HttpConnection::close, Qt::QueuedConnection);
        }
        return;
    }
    if (overSince_.isValid()) {
        overSince_.invalidate();
        outputTimer_.stop();
        if (state_ == State::Head || state_ == State::Body)
            readInput(); // reading was held back
    }
}

void HttpConnection::onTimeout()
{
    switch (state_) {
    case State::Head:
        if (in_.isEmpty()) { // nothing of a request: close quietly
            ++counters_.idleTimeouts;
            close();
            return;
        }
        [[fallthrough]];
    case State::Body:
        fail(408, "Request Timeout: the head, then the body, must each arrive within HEADER_TIMEOUT", request_.path);
        return;
    case State::Closing:
        close();
        return;
    case State::Handling:
    case State::Streaming:
        return;
    }
}

void HttpConnection::close()
{
    if (socket_ && !closedSent_)
        socket_->abort();
    finish();
}

void HttpConnection::finish()
{
    if (closedSent_)
        return;
    closedSent_ = true;
    state_ = State::Closing;
    timer_.stop();
    outputTimer_.stop();
    Q_EMIT closed();
    deleteLater();
}

} // namespace co
