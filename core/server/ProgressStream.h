#pragma once
// Progress over Streamable HTTP (both eras): a POST holding one tools/call with a progressToken
// that waits (a stored day rebuilt) is answered as an SSE stream, as the transport allows: each
// notifications/progress as an event when it is reported, the answer as the last event. Only
// for clients whose Accept takes text/event-stream; the others get the plain JSON answer.
#include "server/HttpConnection.h"
#include "server/McpServer.h"

#include <memory>

namespace co {

class ProgressStream {
public:
    // Null unless the body is one tools/call with a progressToken and the client accepts SSE.
    // sessionId: sent with the stream's headers (empty in the 2026-07-28 era).
    static std::shared_ptr<ProgressStream> forPost(const McpServer::Body &body, const QByteArray &accept,
                                                   const HttpResponder &r, const QByteArray &sessionId);
    // For McpServer::prepare: thread-safe, events written on the connection's thread.
    static McpServer::Notify notify(const std::shared_ptr<ProgressStream> &s);
    // The answer: the stream's last event when progress was sent, else false (send it as usual).
    bool finish(HttpResponder &r, const QByteArray &answer);

private:
    void write(const QByteArray &line);

    HttpResponder r_; // a weak handle on the connection
    QByteArray sessionId_;
    bool streaming_ = false, ended_ = false;
};

} // namespace co
