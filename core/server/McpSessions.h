#pragma once
// Sessions of the Streamable HTTP transport: id, negotiated version and last use only. Idle ones
// expire after 24 h; at most 256 are kept (least recently used dropped). Lost on restart: clients
// get 404 and initialize again. Used on the server thread only.
#include "server/McpServer.h"

#include <QByteArray>
#include <QHash>

#include <cstdint>

namespace co {

class McpSessions {
public:
    static constexpr int64_t kIdleMs = 24 * 3'600'000LL;
    static constexpr qsizetype kMax = 256;

    // A new session (id: a UUID without braces, visible ASCII).
    QByteArray create(int64_t nowMs);
    // nullptr when unknown or expired; touches it.
    McpSession *find(const QByteArray &id, int64_t nowMs);
    bool remove(const QByteArray &id);
    qsizetype size() const { return sessions_.size(); }

private:
    struct Entry {
        McpSession session;
        int64_t lastUse = 0;
    };
    void prune(int64_t nowMs);

    QHash<QByteArray, Entry> sessions_;
};

} // namespace co
