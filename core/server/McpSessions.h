#pragma once
// Sessions of the Streamable HTTP transport: id, negotiated version and last use only. Idle ones
// expire after 24 h; at most 256 are kept (least recently used dropped). Lost on restart: clients
// get 404 and initialize again. Shared by the server threads (a client's requests may arrive on
// any of them), so every call locks.
#include "server/McpServer.h"

#include <QByteArray>
#include <QHash>

#include <cstdint>
#include <mutex>
#include <optional>

namespace co {

class McpSessions {
public:
    static constexpr int64_t kIdleMs = 24 * 3'600'000LL;
    static constexpr qsizetype kMax = 256;

    // A new session (id: a UUID without braces, visible ASCII).
    QByteArray create(int64_t nowMs);
    // A copy; nullopt when unknown or expired. Touches it.
    std::optional<McpSession> find(const QByteArray &id, int64_t nowMs);
    // Stores what a request changed (no-op when the session went away meanwhile).
    void update(const QByteArray &id, const McpSession &session);
    bool remove(const QByteArray &id);
    qsizetype size() const;

private:
    struct Entry {
        McpSession session;
        int64_t lastUse = 0;
    };
    void prune(int64_t nowMs);

    mutable std::mutex mutex_;
    QHash<QByteArray, Entry> sessions_;
};

} // namespace co
