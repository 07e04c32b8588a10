#pragma once
// USD-M local order book procedure (binance.md §5): buffer diffs, take a REST snapshot, drop
// u < lastUpdateId, the first event must bracket lastUpdateId, then every pu == previous u; any
// break → back to Buffering and a new snapshot. It checks ids only; the book itself lives with
// its owner (the engine), which gets the validated sequence through the callbacks.
#include "model/Depth.h"

#include <cstdint>
#include <deque>
#include <functional>

namespace co {

class OrderBookSync {
public:
    enum class State { Buffering, Live };

    struct Stats {
        uint64_t applied = 0;
        uint64_t dropped = 0; // older than the snapshot / already applied
        uint64_t resyncs = 0; // chain breaks, gaps at alignment, buffer overflow
        uint64_t snapshots = 0;
    };

    explicit OrderBookSync(size_t maxBuffered = 3000) : maxBuffered_(maxBuffered) {}

    std::function<void(const DepthSnapshot &)> onReset;  // start a book from this snapshot
    std::function<void(const DepthUpdate &)> onApply;    // apply this diff
    std::function<void()> onInvalid;                     // book is not valid any more
    std::function<void()> onSnapshotNeeded;              // ask REST for a snapshot

    void onDiff(const DepthUpdate &u);
    void onSnapshot(const DepthSnapshot &s);
    void reset(); // e.g. on reconnect: forget everything, wait for a snapshot

    State state() const noexcept { return state_; }
    bool live() const noexcept { return state_ == State::Live; }
    int64_t lastUpdateId() const noexcept { return lastId_; }
    const Stats &stats() const noexcept { return stats_; }
    size_t buffered() const noexcept { return buffer_.size(); }

private:
    void align();
    void breakChain();
    void apply(const DepthUpdate &u);

    std::deque<DepthUpdate> buffer_;
    State state_ = State::Buffering;
    bool haveSnapshot_ = false;
    int64_t lastId_ = 0;
    size_t maxBuffered_;
    Stats stats_;
};

} // namespace co
