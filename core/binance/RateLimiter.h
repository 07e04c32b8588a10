#pragma once
// Request-weight limiter for the fapi host (binance.md §3): a token bucket of 80 % of the
// per-minute limit refilled over a minute, a hard cap per UTC clock minute (the server's window)
// fed by X-MBX-USED-WEIGHT-1M, a lower cap for background history, a separate pace for
// /futures/data/* and for fundingRate/fundingInfo, and pauses after 429 (Retry-After, doubling) and 418/403 (ban). Pure logic on
// an injectable clock: it only answers "how long until this request may go".
#include "binance/Clock.h"

#include <cstdint>
#include <optional>
#include <string>

namespace co {

enum class RateClass : uint8_t { Weight, FuturesData, Funding };

class RateLimiter {
public:
    struct Options {
        int limitPerMinute = 2400;     // exchangeInfo rateLimits REQUEST_WEIGHT
        double capacityFraction = 0.8; // bucket capacity and per-minute cap
        double historyFraction = 0.5;  // cap for background backfill (BACKFILL budget)
        int futuresDataPerSecond = 3;  // /futures/data/* own limit, kept well below 1000 / 5 min
        int fundingPerSecond = 1;      // fundingRate + fundingInfo share 500 / 5 min
    };

    explicit RateLimiter(const Clock &clock) : RateLimiter(clock, Options{}) {}
    RateLimiter(const Clock &clock, Options options);

    void setLimit(int perMinute);
    int limit() const noexcept { return options_.limitPerMinute; }

    // Clock ms until a request may be sent (0 = now). `history` requests stay within the history
    // fraction of the limit so that snapshots and gap fills always find room.
    int64_t waitMs(int weight, RateClass cls, bool history) const;
    // The request is being sent: charge it.
    void take(int weight, RateClass cls);

    // After a response to a request sent at `sentMs`: the server's count for that minute.
    void onUsedWeightHeader(int64_t sentMs, int used);
    void onSuccess() noexcept { consecutive429_ = 0; }
    // 429: pause everything until Retry-After (else the next minute) + jitter; doubles on repeat.
    void on429(std::optional<int64_t> retryAfterMs);
    // 418/403: banned until Retry-After, else the "banned until" time, else 2 min doubling.
    void onBan(std::optional<int64_t> retryAfterMs, std::optional<int64_t> bannedUntilMs);

    int usedThisMinute() const;
    int64_t pausedUntilMs() const noexcept { return pausedUntil_; }
    bool banned() const { return banned_ && clock_.nowMs() < pausedUntil_; }
    bool paused() const { return clock_.nowMs() < pausedUntil_; }
    uint64_t count429() const noexcept { return total429_; }
    uint64_t countBans() const noexcept { return totalBans_; }

private:
    void roll() const;       // new UTC minute: reset the minute counter
    void refill() const;
    double capacity() const { return options_.limitPerMinute * options_.capacityFraction; }

    const Clock &clock_;
    Options options_;
    mutable int64_t minute_ = INT64_MIN;
    mutable int used_ = 0;        // max(local charges, server header) in minute_
    mutable double tokens_ = 0;
    mutable int64_t refilledAt_ = 0;
    int64_t holdUntil_ = 0;       // header reached 80 %: wait for the next minute
    int64_t pausedUntil_ = 0;     // 429 or ban
    bool banned_ = false;
    int consecutive429_ = 0;
    int consecutiveBans_ = 0;
    uint64_t total429_ = 0, totalBans_ = 0;
    int64_t lastFuturesData_ = INT64_MIN / 2;
    int64_t lastFunding_ = INT64_MIN / 2;
};

// Documented request weight of a fapi GET (binance.md §2), from the path and query.
int restWeight(const std::string &path, int limit, bool hasSymbol);
RateClass restRateClass(const std::string &path);
// "… banned until 1615183669840 …" in a 418 body, if present.
std::optional<int64_t> parseBannedUntil(const std::string &body);

} // namespace co
