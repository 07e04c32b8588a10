#include "binance/OrderBookSync.h"

namespace co {

void OrderBookSync::reset()
{
    const bool wasLive = state_ == State::Live;
    buffer_.clear();
    haveSnapshot_ = false;
    lastId_ = 0;
    state_ = State::Buffering;
    if (wasLive && onInvalid)
        onInvalid();
}

void OrderBookSync::breakChain()
{
    ++stats_.resyncs;
    reset();
    if (onSnapshotNeeded)
        onSnapshotNeeded();
}

void OrderBookSync::apply(const DepthUpdate &u)
{
    lastId_ = u.lastId;
    ++stats_.applied;
    if (onApply)
        onApply(u);
}

void OrderBookSync::onDiff(const DepthUpdate &u)
{
    if (u.partial)
        return; // partial depth is another stream: never applied to the diff book
    if (state_ == State::Live) {
        if (u.lastId <= lastId_) { // defensive: already applied
            ++stats_.dropped;
            return;
        }
        if (u.prevLastId != lastId_) {
            breakChain();
            buffer_.push_back(u); // it may bracket the next snapshot
            return;
        }
        apply(u);
        return;
    }
    buffer_.push_back(u);
    if (buffer_.size() > maxBuffered_) {
        breakChain();
        return;
    }
    if (haveSnapshot_)
        align();
}

void OrderBookSync::onSnapshot(const DepthSnapshot &s)
{
    if (state_ == State::Live)
        return; // not asked for
    haveSnapshot_ = true;
    lastId_ = s.lastUpdateId;
    ++stats_.snapshots;
    if (onReset)
        onReset(s);
    align();
}

void OrderBookSync::align()
{
    while (!buffer_.empty() && buffer_.front().lastId < lastId_) { // step 4
        buffer_.pop_front();
        ++stats_.dropped;
    }
    if (buffer_.empty())
        return; // keep buffering until an event reaches the snapshot
    if (buffer_.front().firstId > lastId_) { // step 5 failed: updates are missing
        buffer_.clear();
        haveSnapshot_ = false;
        ++stats_.resyncs;
        if (onSnapshotNeeded)
            onSnapshotNeeded();
        return;
    }
    state_ = State::Live;
    apply(buffer_.front());
    buffer_.pop_front();
    std::deque<DepthUpdate> rest;
    rest.swap(buffer_);
    for (size_t i = 0; i < rest.size(); ++i) {
        onDiff(rest[i]);
        if (state_ != State::Live) { // broke again: onDiff re-buffered rest[i]; keep what follows
            buffer_.insert(buffer_.end(), rest.begin() + long(i) + 1, rest.end());
            return;
        }
    }
}

} // namespace co
