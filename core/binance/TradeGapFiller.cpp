#include "binance/TradeGapFiller.h"

#include <algorithm>

namespace co {

void TradeGapFiller::resumeFrom(int64_t lastId, int64_t lastTimeMs)
{
    k_ = lastId;
    lastMs_ = lastTimeMs;
    startMs_.reset();
    history_ = true; // catching up on a start-up: the background budget
    historyFromMs_ = lastTimeMs;
    catchUp_ = true;
    request();
    flush();
}

void TradeGapFiller::backfillFrom(int64_t startTimeMs)
{
    k_.reset();
    startMs_ = startTimeMs;
    history_ = true;
    awaiting_ = false;
    historyFromMs_ = startTimeMs;
    catchUp_ = true;
    request();
    flush();
}

void TradeGapFiller::awaitBackfill()
{
    k_.reset();
    startMs_.reset();
    history_ = true;
    awaiting_ = true;
}

double TradeGapFiller::backfillProgress() const
{
    if (!history_)
        return 1.0;
    if (awaiting_)
        return 0.0;
    // Empty windows walked count as done: nothing traded in them.
    const int64_t done = (k_ ? lastMs_ : startMs_.value_or(historyFromMs_)) - historyFromMs_;
    const int64_t total = std::max(latestLiveMs_, lastMs_) - historyFromMs_;
    return total <= 0 ? 0.0 : std::clamp(double(done) / double(total), 0.0, 1.0);
}

void TradeGapFiller::emitOne(const Trade &t)
{
    out_.push_back(t);
    k_ = t.id;
    lastMs_ = t.timeMs;
}

void TradeGapFiller::drain()
{
    while (!pending_.empty() && k_ && pending_.begin()->first <= *k_ + 1) {
        auto it = pending_.begin();
        if (it->first == *k_ + 1)
            emitOne(it->second);
        else
            ++stats_.duplicates;
        pending_.erase(it);
    }
}

void TradeGapFiller::flush()
{
    if (!out_.empty() && onEmit) {
        std::vector<Trade> batch;
        batch.swap(out_);
        onEmit(std::move(batch));
    }
    out_.clear();
}

void TradeGapFiller::request(int64_t delayMs)
{
    if (inFlight_)
        return;
    PageRequest r;
    r.limit = options_.pageLimit;
    r.history = history_;
    r.delayMs = delayMs;
    r.epoch = epoch_;
    if (!k_) {
        if (!startMs_)
            return;
        r.startTimeMs = *startMs_;
        r.endTimeMs = *startMs_ + kWindowMs - 1;
    } else {
        if (!hole() && !catchUp_)
            return;
        r.fromId = *k_ + 1;
    }
    inFlight_ = true;
    if (onRequest)
        onRequest(r);
}

void TradeGapFiller::onLive(const Trade &t)
{
    ++stats_.live;
    latestLiveMs_ = std::max(latestLiveMs_, t.timeMs);
    if (skipToLive_) { // the first live trade after a cancelled backfill ends the skipped span
        skipToLive_ = false;
        if (!k_) {
            unfilled(Gap{skipFromMs_, t.timeMs, 0, 0, skipReason_});
            k_ = t.id - 1;
        } else if (t.id > *k_ + 1) {
            stats_.idsUnfilled += uint64_t(t.id - *k_ - 1);
            unfilled(Gap{lastMs_, t.timeMs, *k_ + 1, t.id - 1, skipReason_});
            k_ = t.id - 1;
        }
    }
    if (!k_ && !startMs_ && !awaiting_)
        k_ = t.id - 1; // the very first trade, nothing asked to be filled before it
    if (k_ && t.id <= *k_) {
        ++stats_.duplicates;
        return;
    }
    if (k_ && t.id == *k_ + 1 && pending_.empty()) {
        emitOne(t);
        finishIfIdle();
        flush();
        return;
    }
    if (!pending_.emplace(t.id, t).second)
        ++stats_.duplicates;
    drain();
    if (pending_.size() > options_.maxPending)
        giveUpHole("pending_overflow");
    request();
    flush();
}

void TradeGapFiller::onReconnect()
{
    if (skipToLive_)
        return; // the history before the next live trade was given up
    catchUp_ = true;
    request();
    flush();
}

void TradeGapFiller::onPage(const PageRequest &req, const std::vector<Trade> &rows)
{
    if (stale(req))
        return;
    inFlight_ = false;
    failures_ = 0;
    ++stats_.pages;
    const bool byTime = !req.fromId;
    if (byTime && !k_) { // a window of the walk by time
        if (rows.empty()) {
            onEmptyWindow(req);
            flush();
            return;
        }
        k_ = rows.front().id - 1;
        lastMs_ = rows.front().timeMs;
        startMs_.reset();
        lagRetries_ = 0;
    }
    if (!k_)
        return;
    for (const Trade &row : rows) {
        drain();
        if (row.id <= *k_)
            continue; // already handed on (live or an earlier page)
        if (row.id > *k_ + 1) { // REST itself lacks these ids
            const int64_t n = row.id - *k_ - 1;
            stats_.idsUnfilled += uint64_t(n);
            unfilled(Gap{lastMs_, row.timeMs, *k_ + 1, row.id - 1, "missing_in_rest"});
        }
        emitOne(row);
        ++stats_.fromRest;
        ++restInOperation_;
    }
    drain();
    const bool full = int(rows.size()) >= req.limit;
    if (full || byTime) { // a short window ends at its end time, not at REST's head: go on by id
        request();
    } else if (hole()) { // a short page ending before the held trades: REST lags the stream
        if (++lagRetries_ > options_.maxLagRetries)
            giveUpHole("rest_lag");
        else
            request(options_.lagRetryMs);
    } else {
        catchUp_ = false;
    }
    finishIfIdle();
    flush();
}

void TradeGapFiller::onPageFailed(const PageRequest &req, bool permanent, const std::string &reason)
{
    if (stale(req))
        return;
    inFlight_ = false;
    ++stats_.failedPages;
    if (!permanent && ++failures_ <= options_.maxFailures) {
        request(std::min<int64_t>(60'000, options_.failureRetryMs << (failures_ - 1)));
        flush();
        return;
    }
    failures_ = 0;
    if (!k_) { // the backfill by time failed: start at the first held trade
        startFromLive(req.startTimeMs, reason);
    } else {
        giveUpHole(reason);
    }
    finishIfIdle();
    flush();
}

void TradeGapFiller::onEmptyWindow(const PageRequest &req)
{
    const int64_t next = req.endTimeMs + 1;
    if (!pending_.empty() && req.endTimeMs >= pending_.begin()->second.timeMs) {
        // The window holds a live trade that REST does not have yet: REST lags the stream.
        if (++lagRetries_ > options_.maxLagRetries) {
            lagRetries_ = 0;
            startFromLive(req.startTimeMs, "rest_lag");
            finishIfIdle();
        } else {
            request(options_.lagRetryMs);
        }
        return;
    }
    if (!pending_.empty() || (exchangeNow && next <= exchangeNow())) {
        startMs_ = next; // nothing traded in this hour: walk on
        request();
        return;
    }
    // Nothing held and the window reaches now (or now is unknown): wait for the first live trade,
    // which asks again from this window (trades may still come within it).
    startMs_ = req.startTimeMs;
    catchUp_ = false;
    history_ = false; // nothing traded up to now: the history is complete
}

void TradeGapFiller::startFromLive(int64_t fromMs, const std::string &reason)
{
    startMs_.reset();
    catchUp_ = false;
    history_ = false;
    if (pending_.empty()) { // the next live trade ends the span REST could not give
        skipToLive_ = true;
        skipFromMs_ = fromMs;
        skipReason_ = reason;
        return;
    }
    const Trade &first = pending_.begin()->second;
    unfilled(Gap{fromMs, first.timeMs, 0, 0, reason});
    k_ = first.id - 1;
    drain();
}

void TradeGapFiller::giveUpHole(const std::string &reason)
{
    catchUp_ = false;
    lagRetries_ = 0;
    if (!hole())
        return;
    const Trade &first = pending_.begin()->second;
    const int64_t n = first.id - *k_ - 1;
    stats_.idsUnfilled += uint64_t(n);
    unfilled(Gap{lastMs_, first.timeMs, *k_ + 1, first.id - 1, reason});
    k_ = first.id - 1;
    drain();
}

void TradeGapFiller::unfilled(const Gap &g)
{
    ++stats_.gapsUnfilled;
    if (onUnfilled)
        onUnfilled(g);
}

bool TradeGapFiller::cancelHistory()
{
    if (!history_)
        return false;
    ++epoch_; // the page in flight (or waiting to be sent) is now stale
    inFlight_ = false;
    history_ = false;
    cancelled_ = true;
    failures_ = 0;
    if (!k_) { // no page with trades yet: the gap starts where the walk by time stands
        if (awaiting_) { // not even started: nothing was asked, nothing is recorded
            awaiting_ = false;
            if (!pending_.empty()) {
                k_ = pending_.begin()->first - 1;
                drain();
            }
        } else {
            startFromLive(startMs_.value_or(historyFromMs_), kCancelledReason);
        }
        history_ = false;
        catchUp_ = false;
    } else if (hole()) {
        giveUpHole(kCancelledReason);
    } else {
        catchUp_ = false;
        lagRetries_ = 0;
        skipToLive_ = true;
        skipReason_ = kCancelledReason;
    }
    request(); // a hole among the held live trades is still filled, on the gap-fill budget
    finishIfIdle();
    flush();
    return true;
}

void TradeGapFiller::finishIfIdle()
{
    if (inFlight_ || catchUp_ || hole())
        return;
    lagRetries_ = 0;
    history_ = false;
    if (restInOperation_ > 0) {
        ++stats_.gapsFilled;
        restInOperation_ = 0;
    }
}

} // namespace co
