#include "pipeline/ChunkPrefetch.h"

#include <algorithm>

namespace co {

ChunkPrefetch::ChunkPrefetch(ReadFn read, size_t chunk, size_t padding, int buffers)
    : read_(std::move(read)), chunk_(chunk), padding_(padding), sizes_(size_t(std::max(2, buffers)), 0)
{
    for (size_t i = 0; i < sizes_.size(); ++i) {
        buffers_.emplace_back(new char[chunk_ + padding_]()); // padding zeroed once, never written
        free_.push_back(int(i));
    }
    thread_ = std::thread([this] { run(); });
}

ChunkPrefetch::~ChunkPrefetch()
{
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    join();
}

void ChunkPrefetch::join()
{
    if (thread_.joinable())
        thread_.join();
}

void ChunkPrefetch::run()
{
    for (;;) {
        int slot = -1;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [this] { return stop_ || !free_.empty(); });
            if (stop_)
                return;
            slot = free_.front();
            free_.erase(free_.begin());
        }
        const int64_t n = read_(buffers_[size_t(slot)].get(), chunk_);
        {
            std::lock_guard lock(mutex_);
            sizes_[size_t(slot)] = n;
            filled_.push_back(slot);
        }
        changed_.notify_all();
        if (n <= 0)
            return; // the end or an error: nothing more is read
    }
}

ChunkPrefetch::Chunk ChunkPrefetch::next()
{
    std::unique_lock lock(mutex_);
    if (current_ >= 0) {
        free_.push_back(current_);
        current_ = -1;
        changed_.notify_all();
    }
    changed_.wait(lock, [this] { return !filled_.empty(); });
    const int slot = filled_.front();
    const int64_t n = sizes_[size_t(slot)];
    if (n <= 0)
        return {nullptr, n, 0}; // stays at the head: later calls give the same
    filled_.erase(filled_.begin());
    current_ = slot;
    return {buffers_[size_t(slot)].get(), n, chunk_ + padding_};
}

} // namespace co
