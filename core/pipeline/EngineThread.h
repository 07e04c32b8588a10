#pragma once
// The single writer of all engines: a worker thread that applies posted events in order through
// one MarketFeed and publishes snapshots at most every 100 ms (and when idle). Network clients,
// replay and the storage restore post here; readers use EngineRegistry::snapshot() and never wait.
#include "pipeline/MarketFeed.h"
#include "engine/EngineRegistry.h"
#include "model/Event.h"
#include "worker/WorkQueue.h"

#include <atomic>
#include <functional>
#include <thread>
#include <vector>

namespace co {

class EngineThread {
public:
    explicit EngineThread(EngineRegistry &registry);
    ~EngineThread(); // stops and joins

    // Posting never blocks on the engines (only on a short queue lock).
    void post(MarketEvent e);
    void post(std::vector<MarketEvent> batch);
    // Runs on the engine thread, in order with the events (configure the feed, restore, …).
    void post(std::function<void(MarketFeed &)> task);
    // Blocks until everything posted before has been applied and published.
    void flush();
    void stop();

    // Only for code that runs on the engine thread (tasks) or before start.
    MarketFeed &feed() noexcept { return feed_; }
    uint64_t applied() const noexcept { return applied_; }

private:
    struct Item {
        MarketEvent event;
        std::function<void(MarketFeed &)> task;
    };
    void run();

    EngineRegistry &registry_;
    MarketFeed feed_;
    WorkQueue<Item> queue_;
    std::atomic<uint64_t> applied_{0};
    std::thread thread_;
};

} // namespace co
