#include "server/StdioTransport.h"

#include "server/McpModern.h"

#include <QPointer>

#include <cerrno>
#include <iostream>
#include <string>
#include <thread>
#include <unistd.h>

namespace co {

namespace {
int g_protoFd = STDOUT_FILENO;
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

StdioTransport::StdioTransport(const McpServer &mcp, QObject *parent) : QObject(parent), mcp_(mcp) {}

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
                        for (const QByteArray &out : self->handleLine(bytes))
                            self->write(out);
                },
                Qt::QueuedConnection);
        }
        QMetaObject::invokeMethod(self, [self] { if (self) Q_EMIT self->finished(); }, Qt::QueuedConnection);
    }).detach();
}

QList<QByteArray> StdioTransport::handleLine(const QByteArray &raw)
{
    const QByteArray line = raw.trimmed(); // also drops a Windows \r
    if (line.isEmpty())
        return {};
    const McpServer::Body body = McpServer::parse(line);
    if (body.error)
        return {McpServer::errorBody(*body.error)};
    // 2026-07-28 requests (version in _meta, server/discover) are stateless; no headers to compare.
    if (!body.batch && McpModern::claims(body.messages.first(), {})) {
        const McpModern::Reply reply = McpModern(mcp_).handle(body.messages.first(), nullptr);
        return reply.body.isEmpty() ? QList<QByteArray>{} : QList<QByteArray>{reply.body};
    }
    return mcp_.dispatch(body, session_); // a batch's answers go out one per line
}

void StdioTransport::write(const QByteArray &line)
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

} // namespace co
