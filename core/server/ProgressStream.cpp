#include "server/ProgressStream.h"

#include "server/ToolProgress.h"

#include <QJsonObject>

namespace co {

std::shared_ptr<ProgressStream> ProgressStream::forPost(const McpServer::Body &body, const QByteArray &accept,
                                                       const HttpResponder &r, const QByteArray &sessionId)
{
    if (body.batch || body.messages.size() != 1 || !accept.contains("text/event-stream"))
        return nullptr;
    const QJsonObject m = body.messages.first().toObject();
    if (m["method"].toString() != "tools/call" || ProgressReporter::token(m["params"]).isUndefined())
        return nullptr;
    auto s = std::make_shared<ProgressStream>();
    s->r_ = r;
    s->sessionId_ = sessionId;
    return s;
}

McpServer::Notify ProgressStream::notify(const std::shared_ptr<ProgressStream> &s)
{
    if (!s)
        return {};
    QPointer<HttpConnection> connection = s->r_.connection();
    return [s, connection](const QByteArray &line) {
        // The connection's thread (the queue keeps the order, before the deferred answer).
        if (QObject *c = connection.data())
            QMetaObject::invokeMethod(c, [s, line] { s->write(line); }, Qt::QueuedConnection);
    };
}

void ProgressStream::write(const QByteArray &line)
{
    if (ended_ || !r_.connected())
        return;
    if (!streaming_) {
        if (sessionId_.isEmpty())
            r_.startStream(200, {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}});
        else
            r_.startStream(200, {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}, {"Mcp-Session-Id", sessionId_}});
        streaming_ = true;
    }
    r_.writeChunk("event: message\ndata: " + line + "\n\n");
}

bool ProgressStream::finish(HttpResponder &r, const QByteArray &answer)
{
    ended_ = true;
    if (!streaming_)
        return false;
    r.writeChunk("event: message\ndata: " + answer + "\n\n");
    r.endStream();
    return true;
}

} // namespace co
