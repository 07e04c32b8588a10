#pragma once
// The SymbolDirectory of a live session: the exchange's trading perpetuals (exchangeInfo, with 24 h
// quote volumes), the symbols followed on demand in least-recently-asked order, and their warm-up
// read from the feed's status (today's backfill). At most maxSymbols are followed; a new one
// beyond that drops the least recently asked on-demand symbol (SYMBOLS are never dropped).
// Thread-safe: the server's threads, the GUI and the network thread call it.
#include "engine/ServiceStatus.h"
#include "engine/SymbolDirectory.h"
#include "model/Symbol.h"

#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace co {

class LiveFeed;

class SymbolFollower : public SymbolDirectory {
public:
    struct Options {
        QStringList configured;  // SYMBOLS: always followed, never dropped
        int maxSymbols = 20;     // MAX_SYMBOLS; on-demand room is at least one
    };
    using Action = std::function<void(const std::string &symbol)>;

    // follow/unfollow start and stop a symbol (LiveFeed::follow/unfollow; queued, never blocking).
    SymbolFollower(Options options, const ServiceStatus &status, Action follow, Action unfollow,
                   std::function<int64_t()> nowMs = {});
    // Before a symbol is followed on demand: restores it (from the cache) and then calls back,
    // with the trade (id, time) to continue after, or nothing to backfill today. Any thread.
    using Resume = std::optional<std::pair<int64_t, int64_t>>;
    using Restore = std::function<void(const std::string &symbol, std::function<void(Resume)> then)>;
    // The follower of a live feed, wired to it: follows through it (after restore, when given, if
    // the symbol is still wanted then), learns its listing, volumes and status (its callbacks keep
    // the follower). Before feed.start().
    static std::shared_ptr<SymbolFollower> attach(LiveFeed &feed, const ServiceStatus &status, Options options,
                                                  Restore restore = {});
    // Followed now: in SYMBOLS or asked for and not dropped since.
    bool wants(const std::string &symbol) const;

    void setListing(const std::vector<SymbolInfo> &symbols);
    void setQuoteVolumes(const std::map<std::string, int64_t> &volumes);

    SymbolAccess request(const std::string &symbol) override;
    SymbolAccess peek(const std::string &symbol) const override;
    std::vector<SymbolListing> listing() const override;
    // The on-demand symbols, least recently asked first.
    std::vector<std::string> followed() const;
    int watch(std::function<void()> changed) override;
    void unwatch(int id) override;
    // The feed published its status (LiveFeed::onStatus): tells the watchers.
    void statusChanged();

private:
    struct Followed {
        int64_t askedMs = 0, startedMs = 0;
        uint64_t order = 0; // ties in askedMs: later asks win
    };
    SymbolAccess accessLocked(const std::string &symbol) const;

    Options options_;
    const ServiceStatus &status_;
    Action follow_, unfollow_;
    std::function<int64_t()> nowMs_;
    mutable std::mutex mutex_;
    std::set<std::string> configured_;
    std::map<std::string, int64_t> listed_; // name → 24 h quote volume
    std::map<std::string, Followed> followed_;
    uint64_t asks_ = 0;
    std::mutex watchMutex_; // apart from mutex_: watchers call back into peek()
    std::map<int, std::function<void()>> watchers_;
    int nextWatch_ = 0;
};

} // namespace co
