#include "pipeline/EngineThread.h"

#include <chrono>
#include <future>

namespace co {

EngineThread::EngineThread(EngineRegistry &registry) : registry_(registry), feed_(registry)
{
    thread_ = std::thread([this] { run(); });
}

EngineThread::~EngineThread() { stop(); }

void EngineThread::stop()
{
    queue_.close(); // what is queued is still applied
    if (thread_.joinable() && std::this_thread::get_id() != thread_.get_id())
        thread_.join();
}

void EngineThread::post(MarketEvent e) { queue_.pushUnbounded({std::move(e), {}}); }

void EngineThread::post(std::vector<MarketEvent> batch)
{
    std::vector<Item> items;
    items.reserve(batch.size());
    for (MarketEvent &e : batch)
        items.push_back({std::move(e), {}});
    queue_.pushAll(std::move(items));
}

void EngineThread::post(std::function<void(MarketFeed &)> task) { queue_.pushUnbounded({{}, std::move(task)}); }

void EngineThread::flush()
{
    if (std::this_thread::get_id() == thread_.get_id())
        return;
    std::promise<void> done;
    auto f = done.get_future();
    post(std::function<void(MarketFeed &)>([this, &done](MarketFeed &) {
        registry_.publishAll();
        done.set_value();
    }));
    f.wait();
}

void EngineThread::run()
{
    using Clock = std::chrono::steady_clock;
    constexpr auto kPublishEvery = std::chrono::milliseconds(100);
    auto lastPublish = Clock::now();
    bool dirty = false;
    std::vector<Item> work;
    // Idle: publish what changed once 100 ms have passed since the last snapshot.
    while (queue_.take(work, 1, std::nullopt, dirty ? std::optional(lastPublish + kPublishEvery) : std::nullopt)) {
        if (work.empty()) { // the publish deadline, nothing queued
            registry_.publishAll();
            lastPublish = Clock::now();
            dirty = false;
            continue;
        }
        for (Item &it : work) {
            if (it.task)
                it.task(feed_);
            else
                feed_.apply(it.event);
            ++applied_;
            if ((applied_ & 255) == 0 && Clock::now() - lastPublish >= kPublishEvery) {
                registry_.publishAll();
                lastPublish = Clock::now();
            }
        }
        dirty = true;
        work.clear();
    }
    registry_.publishAll();
}

} // namespace co
