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
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable())
            return;
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

void EngineThread::post(MarketEvent e)
{
    {
        std::lock_guard lock(mutex_);
        queue_.push_back({std::move(e), {}});
    }
    cv_.notify_one();
}

void EngineThread::post(std::vector<MarketEvent> batch)
{
    {
        std::lock_guard lock(mutex_);
        for (MarketEvent &e : batch)
            queue_.push_back({std::move(e), {}});
    }
    cv_.notify_one();
}

void EngineThread::post(std::function<void(MarketFeed &)> task)
{
    {
        std::lock_guard lock(mutex_);
        queue_.push_back({{}, std::move(task)});
    }
    cv_.notify_one();
}

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
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            // Idle: publish what changed once 100 ms have passed since the last snapshot.
            while (queue_.empty() && !stopping_) {
                if (!dirty) {
                    cv_.wait(lock);
                } else if (cv_.wait_until(lock, lastPublish + kPublishEvery) == std::cv_status::timeout &&
                           queue_.empty()) {
                    lock.unlock();
                    registry_.publishAll();
                    lastPublish = Clock::now();
                    dirty = false;
                    lock.lock();
                }
            }
            if (stopping_ && queue_.empty())
                break;
            work.swap(queue_);
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
        dirty = dirty || !work.empty();
        work.clear();
    }
    registry_.publishAll();
}

} // namespace co
