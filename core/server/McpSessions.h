#pragma once
// Sessions of the Streamable HTTP transport: id, negotiated version and last use only (about
// 200 bytes each, so thousands cost little). Idle ones expire (MCP_SESSION_IDLE, 30 min by
// default). At the cap (MCP_MAX_SESSIONS, 10,000) the least recently used session gives way only
// if it has been idle for a minute; otherwise initialize is refused (503) — a live session is never
// dropped under a client's feet. Lost on restart: clients get 404 and initialize again. Shared by
// the server threads (a client's requests may arrive on any of them), so every call locks.
#include "server/McpServer.h"

#include <QByteArray>
#include <QHash>

#include <cstdint>
#include <mutex>
#include <optional>

namespace co {

class McpSessions {
public:
    static constexpr int64_t kKeepUsedMs = 60'000; // a session used this recently is never evicted

    explicit McpSessions(qsizetype maxSessions = 10'000, int64_t idleMs = 30 * 60'000LL)
        : max_(std::max<qsizetype>(1, maxSessions)), idleMs_(idleMs)
    {
    }

    // A new session (id: a UUID without braces, visible ASCII); nullopt when full of live ones.
    std::optional<QByteArray> create(int64_t nowMs);
    // A copy; nullopt when unknown or expired. Touches it.
    std::optional<McpSession> find(const QByteArray &id, int64_t nowMs);
    // Stores what a request changed (no-op when the session went away meanwhile).
    void update(const QByteArray &id, const McpSession &session);
    bool remove(const QByteArray &id);
    qsizetype size() const;
    qsizetype max() const { return max_; }
    int64_t refused() const;

private:
    struct Entry {
        McpSession session;
        int64_t lastUse = 0;
    };
    void prune(int64_t nowMs);

    const qsizetype max_;
    const int64_t idleMs_;
    mutable std::mutex mutex_;
    QHash<QByteArray, Entry> sessions_;
    int64_t lastPrune_ = 0;
    int64_t refused_ = 0;
};

} // namespace co
