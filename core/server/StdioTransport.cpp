#include "server/StdioTransport.h"

#include "alerts/AlertBook.h"
#include "server/McpAlerts.h"
#include "server/McpModern.h"

#include <QPointer>
#include <QTimer>

#include <atomic>

#include <cerrno>
#include <iostream>
#include <string>
#include <thread>
#include <unistd.h>

namespace co {

namespace {
int g_protoFd = STDOUT_FILENO;
constexpr int kAnswerGapMs = 20; // between a held call's last progress line and its answer
}

bool StdioTransport::guardStdout()
{
    std::fflush(stdout);
    const int fd = ::dup(STDOUT_FILENO);
    if (fd < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
        return false;
    g_protoFd = fd;
    return true;
}

namespace {
const int kNotice = int(McpServer::logLevels().indexOf("notice"));

void writeFd(const QByteArray &line)
{
    QByteArray data = line + '\n';
    const char *p = data.constData();
    qsizetype left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(g_protoFd, p, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return; // the client is gone; EOF on stdin follows
        p += n;
        left -= n;
    }
}
} // namespace

StdioTransport::StdioTransport(const McpServer &mcp, QObject *parent) : QObject(parent), mcp_(mcp), out_(writeFd)
{
    if (AlertBook *book = mcp_.alerts()) {
        QPointer<StdioTransport> self(this);
        listener_ = book->addListener([self](const AlertEvent &e) {
            // An engine thread: lines are written in order on the transport's thread.
            QMetaObject::invokeMethod(self.data(), [self, e] { if (self) self->push(e); }, Qt::QueuedConnection);
        });
    }
}

StdioTransport::~StdioTransport()
{
    if (listener_)
        mcp_.alerts()->removeListener(listener_);
}

void StdioTransport::setOutput(std::function<void(const QByteArray &)> out)
{
    std::lock_guard lock(outMutex_);
    out_ = std::move(out);
}

void StdioTransport::push(const AlertEvent &e)
{
    if (session_.alertsSubscribed)
        write(McpAlerts::notification(e));
    if (session_.logLevel >= 0 && session_.logLevel <= kNotice) // an alert is a notice
        write(McpAlerts::logMessage(e));
    for (const QJsonValue &id : std::as_const(listens_))
        write(McpAlerts::notification(e, id));
}

void StdioTransport::start()
{
    QPointer<StdioTransport> self(this);
    // Detached: a blocking read cannot be interrupted; the thread ends with stdin or the process.
    std::thread([self] {
        std::string line;
        while (std::getline(std::cin, line)) {
            QByteArray bytes = QByteArray::fromStdString(line);
            QMetaObject::invokeMethod(
                self, [self, bytes] {
                    if (self)
                        self->handleLineHeld(bytes);
                },
                Qt::QueuedConnection);
        }
        QMetaObject::invokeMethod(self, [self] { if (self) Q_EMIT self->finished(); }, Qt::QueuedConnection);
    }).detach();
}

std::optional<StdioTransport::Line> StdioTransport::begin(const QByteArray &raw, QList<QByteArray> &answers)
{
    const QByteArray trimmed = raw.trimmed(); // also drops a Windows \r
    if (trimmed.isEmpty())
        return std::nullopt;
    Line line{McpServer::parse(trimmed), std::make_shared<bool>(true), std::make_shared<bool>(false), {}};
    if (line.body.error) {
        answers << McpServer::errorBody(*line.body.error);
        return std::nullopt;
    }
    const QJsonObject first = line.body.messages.first().toObject();
    // 2026-07-28: a listen stream ends when the client cancels its request.
    if (!line.body.batch && first["method"].toString() == "notifications/cancelled")
        listens_.removeIf([&](const QJsonValue &id) { return id == first["params"].toObject().value("requestId"); });
    // Progress of a call that waits (a day rebuilt, a symbol warming up) is written at once, from
    // whatever thread reports it, until the line's answers are ready (nothing of a request after its answer).
    line.notify = [this, open = line.open, progressed = line.progressed](const QByteArray &l) {
        std::lock_guard lock(outMutex_);
        if (*open && out_) {
            out_(l);
            *progressed = true;
        }
    };
    return line;
}

QList<QByteArray> StdioTransport::answer(const Line &line)
{
    QList<QByteArray> answers;
    // 2026-07-28 requests (version in _meta, server/discover) are stateless; no headers to compare.
    if (!line.body.batch && McpModern::claims(line.body.messages.first(), {})) {
        const McpModern::Reply reply = McpModern(mcp_).handle(line.body.messages.first(), nullptr, line.notify);
        if (reply.stream && reply.alerts) // subscriptions/listen: the acknowledgement, then alerts
            listens_ << reply.subscriptionId;
        if (!reply.body.isEmpty())
            answers << reply.body;
    } else {
        answers = mcp_.dispatch(line.body, session_, line.notify); // a batch's answers go out one per line
    }
    std::lock_guard lock(outMutex_);
    *line.open = false;
    return answers;
}

QList<QByteArray> StdioTransport::handleLine(const QByteArray &raw)
{
    QList<QByteArray> answers;
    const std::optional<Line> line = begin(raw, answers);
    if (!line)
        return answers;
    mcp_.prepare(line->body, [] { return std::function<void()>([] {}); }, line->notify); // starts the rebuild, says so
    return answer(*line);
}

void StdioTransport::handleLineHeld(const QByteArray &raw)
{
    QList<QByteArray> early;
    std::optional<Line> line = begin(raw, early);
    if (!line) {
        for (const QByteArray &out : early)
            write(out);
        return;
    }
    // Calls that wait are answered when all they wait for is done, on this thread; the lines read
    // meanwhile are answered in their turn (JSON-RPC ids pair them up).
    auto left = std::make_shared<std::atomic<int>>(1);
    QPointer<StdioTransport> self(this);
    auto held = std::make_shared<Line>(std::move(*line));
    const std::function<void()> release = [self, left, held] {
        if (left->fetch_sub(1) != 1)
            return;
        QMetaObject::invokeMethod(
            self, [self, held] {
                if (!self)
                    return;
                const auto send = [self, held] {
                    if (self)
                        for (const QByteArray &out : self->answer(*held))
                            self->write(out);
                };
                // The TypeScript SDK handles a notification a tick after a response read in the
                // same chunk, and by then has forgotten the request's progress token: the last
                // progress would be lost. A short gap puts the answer in a read of its own.
                bool progressed;
                {
                    std::lock_guard lock(self->outMutex_);
                    progressed = *held->progressed;
                }
                if (progressed)
                    QTimer::singleShot(kAnswerGapMs, self, send);
                else
                    send();
            },
            Qt::QueuedConnection);
    };
    const bool waits = mcp_.prepare(held->body, [left, release] {
        left->fetch_add(1);
        return release;
    }, held->notify);
    if (!waits) { // nothing to wait for: answered now, in order
        left->store(0);
        for (const QByteArray &out : answer(*held))
            write(out);
        return;
    }
    release(); // the hold of this call; the answer comes with the last one
}

void StdioTransport::write(const QByteArray &line)
{
    std::lock_guard lock(outMutex_);
    if (out_)
        out_(line);
}

} // namespace co
