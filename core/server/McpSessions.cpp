#include "server/McpSessions.h"

#include <QUuid>

namespace co {

QByteArray McpSessions::create(int64_t nowMs)
{
    prune(nowMs);
    while (sessions_.size() >= kMax) {
        auto oldest = sessions_.begin();
        for (auto it = sessions_.begin(); it != sessions_.end(); ++it)
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        sessions_.erase(oldest);
    }
    const QByteArray id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    sessions_.insert(id, Entry{{}, nowMs});
    return id;
}

McpSession *McpSessions::find(const QByteArray &id, int64_t nowMs)
{
    auto it = sessions_.find(id);
    if (it == sessions_.end())
        return nullptr;
    if (nowMs - it->lastUse > kIdleMs) {
        sessions_.erase(it);
        return nullptr;
    }
    it->lastUse = nowMs;
    return &it->session;
}

bool McpSessions::remove(const QByteArray &id) { return sessions_.remove(id) > 0; }

void McpSessions::prune(int64_t nowMs)
{
    for (auto it = sessions_.begin(); it != sessions_.end();)
        it = nowMs - it->lastUse > kIdleMs ? sessions_.erase(it) : std::next(it);
}

} // namespace co
