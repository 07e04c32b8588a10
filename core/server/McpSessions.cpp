#include "server/McpSessions.h"

#include <QUuid>

namespace co {

QByteArray McpSessions::create(int64_t nowMs)
{
    std::lock_guard lock(mutex_);
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

std::optional<McpSession> McpSessions::find(const QByteArray &id, int64_t nowMs)
{
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(id);
    if (it == sessions_.end())
        return std::nullopt;
    if (nowMs - it->lastUse > kIdleMs) {
        sessions_.erase(it);
        return std::nullopt;
    }
    it->lastUse = nowMs;
    return it->session;
}

void McpSessions::update(const QByteArray &id, const McpSession &session)
{
    std::lock_guard lock(mutex_);
    if (auto it = sessions_.find(id); it != sessions_.end())
        it->session = session;
}

bool McpSessions::remove(const QByteArray &id)
{
    std::lock_guard lock(mutex_);
    return sessions_.remove(id) > 0;
}

qsizetype McpSessions::size() const
{
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

void McpSessions::prune(int64_t nowMs)
{
    for (auto it = sessions_.begin(); it != sessions_.end();)
        it = nowMs - it->lastUse > kIdleMs ? sessions_.erase(it) : std::next(it);
}

} // namespace co
