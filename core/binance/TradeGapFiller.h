#pragma once
// Lossless aggTrade sequence of one symbol (binance.md §6). Aggregate ids grow by exactly 1, so
// with K the last id handed on: a == K+1 goes straight through, a <= K is a duplicate, a > K+1
// opens a hole. Live trades after a hole are held back while REST pages
// (/fapi/v1/aggTrades?fromId=K+1) fill it; REST rows and held trades are merged in id order, so
// the consumer only ever sees a continuous, duplicate-free id sequence. After a reconnect the
// filler pages from K+1 until REST has nothing newer. With no K yet it can backfill from a start
// time (today's start): Binance answers a time query only within one hour of its start, so it
// walks windows [t, t+1 h) forward until one has trades (then fromId paging) or the window
// reaches the first held live trade or the exchange's now. An empty window is no gap (nothing
// traded: a halt, a symbol listed later, a quiet hour). The user may cancel that backfill (the
// rest becomes a recorded gap).
// Pure logic: requests and results go through callbacks.
#include "model/DataQuality.h"
#include "model/Trade.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace co {

class TradeGapFiller {
public:
    struct Options {
        int pageLimit = 1000;
        size_t maxPending = 2'000'000; // held live trades before a hole is given up
        int64_t lagRetryMs = 1000;     // REST behind the stream: ask again after this
        int maxLagRetries = 30;
        int maxFailures = 6;           // failed pages in a row before a hole is given up
        int64_t failureRetryMs = 2000; // doubled per failure, ≤ 60 s
    };
    struct PageRequest {
        std::optional<int64_t> fromId; // else by [startTimeMs, endTimeMs]
        int64_t startTimeMs = 0;
        int64_t endTimeMs = 0;         // inclusive: startTimeMs + kWindowMs - 1
        int limit = 1000;
        bool history = false;          // start-of-day backfill: background budget
        int64_t delayMs = 0;           // send after this long (REST lag, failures)
        uint64_t epoch = 0;            // a cancel makes requests of older epochs stale
    };
    struct Stats {
        uint64_t live = 0, duplicates = 0, fromRest = 0, pages = 0, failedPages = 0;
        uint64_t gapsFilled = 0;   // fills that handed on REST rows (a reconnect or an id jump)
        uint64_t gapsUnfilled = 0; // holes given up (REST window, failures, missing in REST)
        uint64_t idsUnfilled = 0;
    };

    static constexpr const char *kCancelledReason = "backfill_cancelled"; // Gap::reason
    static constexpr int64_t kWindowMs = 3'600'000; // Binance: a time query spans under one hour

    TradeGapFiller() : TradeGapFiller(Options{}) {}
    explicit TradeGapFiller(Options options) : options_(options) {}

    std::function<void(std::vector<Trade> &&)> onEmit; // continuous ids, ascending
    std::function<void(const PageRequest &)> onRequest;
    std::function<void(const Gap &)> onUnfilled;       // ids REST could not give (reason says why)
    // The exchange's time now (ends the walk by time when no live trade is held); unset: the walk
    // stops at the first empty window with nothing held and resumes with the first live trade.
    std::function<int64_t()> exchangeNow;

    // Before the first trade: continue after a known last id (e.g. restored from storage). Like
    // the backfill, this first catch-up runs on the history budget.
    void resumeFrom(int64_t lastId, int64_t lastTimeMs);
    // Before the first trade, with no known id: fill from the first trade at or after startTimeMs.
    void backfillFrom(int64_t startTimeMs);
    // Before the first trade: a backfill will start (backfillFrom) once its start is known (the
    // exchange's day); live trades are held until then.
    void awaitBackfill();
    bool awaitingBackfill() const noexcept { return awaiting_; }
    void onLive(const Trade &t);
    void onReconnect();
    void onPage(const PageRequest &req, const std::vector<Trade> &rows);
    void onPageFailed(const PageRequest &req, bool permanent, const std::string &reason);
    // Abandons the start-of-day backfill (or start-up catch-up) like a hole given up: the history
    // not yet fetched becomes one gap (kCancelledReason), held live trades go on in order, no
    // further history page is asked and answers to pages asked before are ignored. With no live
    // trade held yet the gap ends at the next live trade. False if no backfill was running.
    bool cancelHistory();
    // A request made before a cancel: do not send it, ignore its answer.
    bool stale(const PageRequest &req) const noexcept { return req.epoch != epoch_; }
    bool historyCancelled() const noexcept { return cancelled_; }

    std::optional<int64_t> lastId() const { return k_; }
    size_t pending() const noexcept { return pending_.size(); }
    bool busy() const noexcept { return inFlight_ || catchUp_ || hole(); }
    bool backfilling() const noexcept { return history_; }
    double backfillProgress() const;
    const Stats &stats() const noexcept { return stats_; }

private:
    bool hole() const noexcept { return k_ && !pending_.empty() && pending_.begin()->first > *k_ + 1; }
    void emitOne(const Trade &t);
    void drain();
    void request(int64_t delayMs = 0);
    void giveUpHole(const std::string &reason);
    void onEmptyWindow(const PageRequest &req);
    // No trade id known and REST cannot give the history from fromMs: start at the first held
    // live trade (or the next one) and record the span as a gap.
    void startFromLive(int64_t fromMs, const std::string &reason);
    void unfilled(const Gap &g);
    void finishIfIdle();
    void flush();

    Options options_;
    std::optional<int64_t> k_;       // last id handed on
    int64_t lastMs_ = 0;             // its trade time
    std::optional<int64_t> startMs_; // backfill by time while k_ is unknown
    std::map<int64_t, Trade> pending_;
    bool inFlight_ = false;
    bool catchUp_ = false;           // page up to REST's head even without held trades
    bool history_ = false;
    bool awaiting_ = false;          // awaitBackfill(): no start time yet
    bool cancelled_ = false;
    bool skipToLive_ = false;        // given up with nothing held: the next live trade ends the gap
    int64_t skipFromMs_ = 0;         // ...which starts here (by time, no id known)
    std::string skipReason_;
    uint64_t epoch_ = 0;
    int64_t historyFromMs_ = 0, latestLiveMs_ = 0;
    int lagRetries_ = 0, failures_ = 0;
    uint64_t restInOperation_ = 0;   // REST rows handed on since the filler was last idle
    Stats stats_;
    std::vector<Trade> out_;
};

} // namespace co
