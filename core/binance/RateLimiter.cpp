#include "binance/RateLimiter.h"

#include "model/Time.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace co {
namespace {
int64_t jitterMs(int64_t maxMs) { return int64_t(QRandomGenerator::global()->bounded(quint64(maxMs) + 1)); }
} // namespace

RateLimiter::RateLimiter(const Clock &clock, Options options) : clock_(clock), options_(options)
{
    tokens_ = capacity();
    refilledAt_ = clock_.nowMs();
}

void RateLimiter::setLimit(int perMinute)
{
    if (perMinute <= 0)
        return;
    refill();
    options_.limitPerMinute = perMinute;
    tokens_ = std::min(tokens_, capacity());
}

void RateLimiter::roll() const
{
    const int64_t m = floorDiv(clock_.nowMs(), kMsPerMinute);
    if (m != minute_) {
        minute_ = m;
        used_ = 0;
    }
}

void RateLimiter::refill() const
{
    const int64_t now = clock_.nowMs();
    if (now > refilledAt_)
        tokens_ = std::min(capacity(), tokens_ + double(now - refilledAt_) * capacity() / double(kMsPerMinute));
    refilledAt_ = std::max(refilledAt_, now);
}

int RateLimiter::usedThisMinute() const
{
    roll();
    return used_;
}

int64_t RateLimiter::waitMs(int weight, RateClass cls, bool history) const
{
    roll();
    refill();
    const int64_t now = clock_.nowMs();
    int64_t wait = std::max<int64_t>({0, pausedUntil_ - now, holdUntil_ - now});
    if (cls == RateClass::FuturesData)
        wait = std::max(wait, lastFuturesData_ + 1000 / options_.futuresDataPerSecond - now);
    if (cls == RateClass::Funding)
        wait = std::max(wait, lastFunding_ + 1000 / options_.fundingPerSecond - now);
    if (weight <= 0)
        return wait;
    const double cap = history ? options_.limitPerMinute * options_.historyFraction : capacity();
    if (used_ + weight > int(cap))
        wait = std::max(wait, (minute_ + 1) * kMsPerMinute - now);
    if (tokens_ < weight) {
        const double perMs = capacity() / double(kMsPerMinute);
        wait = std::max(wait, int64_t(std::ceil((weight - tokens_) / perMs)));
    }
    return wait;
}

void RateLimiter::take(int weight, RateClass cls)
{
    roll();
    refill();
    used_ += weight;
    tokens_ -= weight;
    if (cls == RateClass::FuturesData)
        lastFuturesData_ = clock_.nowMs();
    if (cls == RateClass::Funding)
        lastFunding_ = clock_.nowMs();
}

void RateLimiter::onUsedWeightHeader(int64_t sentMs, int used)
{
    roll();
    const int64_t now = clock_.nowMs();
    if (floorDiv(sentMs, kMsPerMinute) != minute_ || floorDiv(now, kMsPerMinute) != minute_)
        return; // the header counts another minute
    used_ = std::max(used_, used);
    if (used_ >= int(capacity()))
        holdUntil_ = std::max(holdUntil_, (minute_ + 1) * kMsPerMinute + jitterMs(1000));
}

void RateLimiter::on429(std::optional<int64_t> retryAfterMs)
{
    ++total429_;
    const int64_t now = clock_.nowMs();
    const int64_t base = retryAfterMs ? *retryAfterMs : (floorDiv(now, kMsPerMinute) + 1) * kMsPerMinute - now;
    const int64_t pause = std::min<int64_t>(5 * kMsPerMinute, base << std::min(consecutive429_, 20));
    ++consecutive429_;
    pausedUntil_ = std::max(pausedUntil_, now + pause + jitterMs(1000));
}

void RateLimiter::onBan(std::optional<int64_t> retryAfterMs, std::optional<int64_t> bannedUntilMs)
{
    ++totalBans_;
    const int64_t now = clock_.nowMs();
    int64_t until = 0;
    if (retryAfterMs)
        until = now + *retryAfterMs;
    else if (bannedUntilMs && *bannedUntilMs > now)
        until = *bannedUntilMs;
    else
        until = now + std::min<int64_t>(3 * kMsPerDay, (2 * kMsPerMinute) << std::min(consecutiveBans_, 20));
    ++consecutiveBans_;
    banned_ = true;
    pausedUntil_ = std::max(pausedUntil_, until);
}

int restWeight(const std::string &path, int limit, bool hasSymbol)
{
    if (path == "/fapi/v1/depth") {
        const int l = limit > 0 ? limit : 500;
        return l <= 50 ? 2 : l <= 100 ? 5 : l <= 500 ? 10 : 20;
    }
    if (path == "/fapi/v1/aggTrades")
        return 20;
    if (path == "/fapi/v1/klines") {
        const int l = limit > 0 ? limit : 500;
        return l < 100 ? 1 : l < 500 ? 2 : l <= 1000 ? 5 : 10;
    }
    if (path == "/fapi/v1/premiumIndex")
        return hasSymbol ? 1 : 10;
    if (path == "/fapi/v1/ticker/24hr")
        return hasSymbol ? 1 : 40;
    if (path.rfind("/futures/data/", 0) == 0)
        return 0;
    return 1; // time, exchangeInfo, openInterest, fundingRate, fundingInfo (charged 1: no documented weight)
}

RateClass restRateClass(const std::string &path)
{
    if (path == "/fapi/v1/fundingRate" || path == "/fapi/v1/fundingInfo")
        return RateClass::Funding;
    return path.rfind("/futures/data/", 0) == 0 ? RateClass::FuturesData : RateClass::Weight;
}

std::optional<int64_t> parseBannedUntil(const std::string &body)
{
    const std::string key = "banned until ";
    const size_t at = body.find(key);
    if (at == std::string::npos)
        return std::nullopt;
    int64_t v = 0;
    size_t i = at + key.size(), digits = 0;
    for (; i < body.size() && body[i] >= '0' && body[i] <= '9' && digits < 18; ++i, ++digits)
        v = v * 10 + (body[i] - '0');
    return digits >= 10 ? std::optional<int64_t>(v) : std::nullopt;
}

} // namespace co
