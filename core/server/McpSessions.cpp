#include "server/McpSessions.h"

#include <QUuid>

namespace co {

std::optional<QByteArray> McpSessions::create(int64_t nowMs)
{
    std::lock_guard lock(mutex_);
    if (sessions_.size() >= max_ || nowMs - lastPrune_ > 60'000)
        prune(nowMs);
    if (sessions_.size() >= max_) {
        auto oldest = sessions_.begin();
        for (auto it = sessions_.begin(); it != sessions_.end(); ++it)
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        if (nowMs - oldest->lastUse < kKeepUsedMs) {
            ++refused_;
            return std::nullopt; // every session is in use: refuse the newcomer, not them
        }
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
    if (nowMs - it->lastUse > idleMs_) {
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

int64_t McpSessions::refused() const
{
    std::lock_guard lock(mutex_);
    return refused_;
}

void McpSessions::prune(int64_t nowMs)
{
    lastPrune_ = nowMs;
    for (auto it = sessions_.begin(); it != sessions_.end();)
        it = nowMs - it->lastUse > idleMs_ ? sessions_.erase(it) : std::next(it);
}

} // namespace co
