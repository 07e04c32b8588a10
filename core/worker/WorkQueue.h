#pragma once
// The one way work is handed to a worker thread in this program: producers push items, the
// worker takes everything queued at once. Bounded pushes wait while the queue is full
// (back-pressure instead of growing memory); a worker waits for items, for a batch to fill or
// age, or for a deadline of its own (periodic work), and never polls. close() ends it: pushes
// fail, the worker drains what is left.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <iterator>
#include <optional>
#include <vector>

namespace co {

template <class T> class WorkQueue {
public:
    using Clock = std::chrono::steady_clock;

    explicit WorkQueue(size_t capacity = SIZE_MAX) : capacity_(capacity) {}

    // Any thread. Waits while capacity items are queued; *waited gets the time spent waiting.
    // False (the item dropped) once closed.
    bool push(T item, Clock::duration *waited = nullptr) { return put(std::move(item), true, false, waited); }
    // Many items under one lock (a decoded batch of frames); waits for room as push does.
    bool pushAll(std::vector<T> &&items, Clock::duration *waited = nullptr)
    {
        std::unique_lock lock(mutex_);
        if (items_.size() >= capacity_ && !closed_) {
            const auto t0 = Clock::now();
            room_.wait(lock, [this] { return items_.size() < capacity_ || closed_; });
            if (waited)
                *waited = Clock::now() - t0;
        }
        if (closed_)
            return false;
        if (items_.empty()) {
            oldestAt_ = Clock::now();
            if (items_.capacity() < items.capacity())
                items_.swap(items);
        }
        items_.insert(items_.end(), std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
        lock.unlock();
        ready_.notify_one();
        return true;
    }
    // Control messages: never wait for room (their sender usually waits for an answer instead).
    bool pushUnbounded(T item) { return put(std::move(item), false, false, nullptr); }
    // Pushes and wakes the worker at once, whatever its batch rule (flush requests).
    bool pushUrgent(T item) { return put(std::move(item), false, true, nullptr); }

    // The worker. Moves every queued item into out (appended) once at least `batch` items wait,
    // the oldest has waited maxAge, an urgent item came, or the queue closed; or returns with
    // nothing taken at `deadline`. False once closed and drained.
    bool take(std::vector<T> &out, size_t batch = 1, std::optional<Clock::duration> maxAge = {},
              std::optional<Clock::time_point> deadline = {})
    {
        std::unique_lock lock(mutex_);
        for (;;) {
            const bool aged = !items_.empty() && maxAge && Clock::now() >= oldestAt_ + *maxAge;
            if (closed_ || urgent_ || items_.size() >= batch || aged)
                break;
            std::optional<Clock::time_point> until = deadline;
            if (!items_.empty() && maxAge && (!until || oldestAt_ + *maxAge < *until))
                until = oldestAt_ + *maxAge;
            if (!until) {
                ready_.wait(lock);
            } else if (ready_.wait_until(lock, *until) == std::cv_status::timeout && deadline &&
                       Clock::now() >= *deadline) {
                const bool agedNow = !items_.empty() && maxAge && Clock::now() >= oldestAt_ + *maxAge;
                if (!agedNow && items_.size() < batch && !urgent_ && !closed_)
                    return true; // the worker's own deadline: nothing taken
            }
        }
        urgent_ = false;
        if (items_.empty())
            return !closed_;
        if (out.empty()) {
            out.swap(items_); // the common case: no copy of a large batch
        } else {
            out.insert(out.end(), std::make_move_iterator(items_.begin()), std::make_move_iterator(items_.end()));
            items_.clear();
        }
        lock.unlock();
        room_.notify_all();
        return true;
    }

    // Ends the queue: pushes fail from now on, waiting producers and the worker wake.
    void close()
    {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        ready_.notify_all();
        room_.notify_all();
    }

    size_t size() const
    {
        std::lock_guard lock(mutex_);
        return items_.size();
    }

private:
    bool put(T &&item, bool bounded, bool urgent, Clock::duration *waited)
    {
        std::unique_lock lock(mutex_);
        if (bounded && items_.size() >= capacity_ && !closed_) {
            const auto t0 = Clock::now();
            room_.wait(lock, [this] { return items_.size() < capacity_ || closed_; });
            if (waited)
                *waited = Clock::now() - t0;
        }
        if (closed_)
            return false;
        if (items_.empty())
            oldestAt_ = Clock::now();
        items_.push_back(std::move(item));
        urgent_ = urgent_ || urgent;
        lock.unlock();
        ready_.notify_one();
        return true;
    }

    const size_t capacity_;
    mutable std::mutex mutex_;
    std::condition_variable ready_, room_;
    std::vector<T> items_;
    Clock::time_point oldestAt_;
    bool closed_ = false, urgent_ = false;
};

} // namespace co
