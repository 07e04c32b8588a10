#include "pipeline/SymbolFollower.h"

#include "pipeline/LiveFeed.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace co {

std::shared_ptr<SymbolFollower> SymbolFollower::attach(LiveFeed &feed, const ServiceStatus &status, Options options,
                                                      Restore restore)
{
    LiveFeed *f = &feed;
    auto self = std::make_shared<std::weak_ptr<SymbolFollower>>(); // the follow action asks the follower itself
    Action follow = [f](const std::string &s) { f->follow(QString::fromStdString(s)); };
    if (restore)
        follow = [f, self, restore](const std::string &s) {
            restore(s, [f, self, s](Resume resume) {
                const std::shared_ptr<SymbolFollower> follower = self->lock();
                if (!follower || !follower->wants(s)) // dropped while it was restored
                    return;
                if (resume)
                    f->followFrom(QString::fromStdString(s), resume->first, resume->second);
                else
                    f->follow(QString::fromStdString(s));
            });
        };
    auto follower = std::make_shared<SymbolFollower>(std::move(options), status, std::move(follow),
                                                     [f](const std::string &s) { f->unfollow(QString::fromStdString(s)); });
    *self = follower;
    feed.onListing = [follower](const std::vector<SymbolInfo> &l) { follower->setListing(l); };
    feed.onQuoteVolumes = [follower](const std::map<std::string, int64_t> &v) { follower->setQuoteVolumes(v); };
    feed.onStatus = [follower] { follower->statusChanged(); }; // warm-up waits (WarmUpWait)
    return follower;
}

SymbolFollower::SymbolFollower(Options options, const ServiceStatus &status, Action follow, Action unfollow,
                               std::function<int64_t()> nowMs)
    : options_(std::move(options)), status_(status), follow_(std::move(follow)), unfollow_(std::move(unfollow)),
      nowMs_(nowMs ? std::move(nowMs) : [] { return QDateTime::currentMSecsSinceEpoch(); })
{
    for (const QString &s : options_.configured)
        configured_.insert(s.toUpper().toStdString());
}

void SymbolFollower::setListing(const std::vector<SymbolInfo> &symbols)
{
    std::lock_guard lock(mutex_);
    std::map<std::string, int64_t> next;
    for (const SymbolInfo &s : symbols) {
        const auto old = listed_.find(s.name);
        next[s.name] = old == listed_.end() ? 0 : old->second;
    }
    listed_ = std::move(next);
}

void SymbolFollower::setQuoteVolumes(const std::map<std::string, int64_t> &volumes)
{
    std::lock_guard lock(mutex_);
    for (auto &[name, v] : listed_)
        if (auto it = volumes.find(name); it != volumes.end())
            v = it->second;
}

SymbolAccess SymbolFollower::accessLocked(const std::string &symbol) const
{
    SymbolAccess a;
    if (configured_.count(symbol))
        return a; // Pass
    const auto f = followed_.find(symbol);
    if (f == followed_.end()) {
        if (listed_.empty() || listed_.count(symbol))
            return a; // no list yet (Pass), or listed and not followed (request() follows it)
        std::vector<std::string> names;
        for (const auto &[name, v] : listed_)
            names.push_back(name);
        a.kind = SymbolAccess::Kind::Unknown;
        a.closeMatches = closeSymbols(symbol, names, 3);
        return a;
    }
    const auto b = status_.binance();
    const auto s = b ? b->symbols.find(symbol) : decltype(b->symbols.end()){};
    const bool reported = b && s != b->symbols.end();
    if (reported && s->second.todayComplete) {
        a.kind = SymbolAccess::Kind::Ready;
        a.progress = 1;
        return a;
    }
    a.kind = SymbolAccess::Kind::WarmingUp;
    a.progress = reported ? std::clamp(s->second.backfill.progress, 0.0, 1.0) : 0.0;
    const int64_t elapsed = std::max<int64_t>(0, nowMs_() - f->second.startedMs);
    if (a.progress > 0.02)
        a.etaMs = int64_t(double(elapsed) * (1 - a.progress) / a.progress);
    a.retryAfterSec = a.etaMs < 0 ? 5 : int(std::clamp<int64_t>((a.etaMs + 999) / 1000, 1, 30));
    return a;
}

SymbolAccess SymbolFollower::peek(const std::string &symbol) const
{
    std::lock_guard lock(mutex_);
    return accessLocked(symbol);
}

SymbolAccess SymbolFollower::request(const std::string &symbol)
{
    std::vector<std::string> drop;
    bool start = false;
    SymbolAccess a;
    {
        std::lock_guard lock(mutex_);
        const int64_t now = nowMs_();
        if (auto f = followed_.find(symbol); f != followed_.end()) {
            f->second.askedMs = now;
            f->second.order = ++asks_;
        } else if (!configured_.count(symbol) && listed_.count(symbol)) {
            const size_t room = size_t(std::max<int64_t>(1, int64_t(options_.maxSymbols) - int64_t(configured_.size())));
            while (followed_.size() >= room) { // the least recently asked goes
                auto lru = std::min_element(followed_.begin(), followed_.end(), [](const auto &x, const auto &y) {
                    return std::pair(x.second.askedMs, x.second.order) < std::pair(y.second.askedMs, y.second.order);
                });
                drop.push_back(lru->first);
                followed_.erase(lru);
            }
            followed_[symbol] = {now, now, ++asks_};
            start = true;
        }
        a = accessLocked(symbol);
        if (start) { // the status may still hold an earlier run of this symbol
            a.kind = SymbolAccess::Kind::WarmingUp;
            a.progress = 0;
            a.etaMs = -1;
            a.retryAfterSec = 5;
        }
    }
    for (const std::string &s : drop)
        if (unfollow_)
            unfollow_(s);
    if (start && follow_)
        follow_(symbol);
    if (!drop.empty())
        statusChanged();
    return a;
}

std::vector<SymbolListing> SymbolFollower::listing() const
{
    std::lock_guard lock(mutex_);
    std::vector<SymbolListing> out;
    for (const auto &[name, v] : listed_)
        out.push_back({name, v, configured_.count(name) > 0 || followed_.count(name) > 0});
    return out;
}

bool SymbolFollower::wants(const std::string &symbol) const
{
    std::lock_guard lock(mutex_);
    return configured_.count(symbol) || followed_.count(symbol);
}

std::vector<std::string> SymbolFollower::followed() const
{
    std::lock_guard lock(mutex_);
    std::vector<std::pair<std::pair<int64_t, uint64_t>, std::string>> v;
    for (const auto &[name, f] : followed_)
        v.push_back({{f.askedMs, f.order}, name});
    std::sort(v.begin(), v.end());
    std::vector<std::string> out;
    for (auto &[k, name] : v)
        out.push_back(name);
    return out;
}

int SymbolFollower::watch(std::function<void()> changed)
{
    std::lock_guard lock(watchMutex_);
    watchers_[++nextWatch_] = std::move(changed);
    return nextWatch_;
}

void SymbolFollower::unwatch(int id)
{
    std::lock_guard lock(watchMutex_);
    watchers_.erase(id);
}

void SymbolFollower::statusChanged()
{
    std::vector<std::function<void()>> calls;
    {
        std::lock_guard lock(watchMutex_);
        for (const auto &[id, fn] : watchers_)
            calls.push_back(fn);
    }
    for (const auto &fn : calls) // unlocked: a watcher may unwatch itself
        fn();
}

} // namespace co
