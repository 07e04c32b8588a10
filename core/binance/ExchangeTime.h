#pragma once
// The exchange's clock (binance.md §2 /fapi/v1/time): "today", the start-of-day backfill and
// the REST time ranges follow Binance's time, not the machine's, so a local clock hours off
// changes no number. The offset is measured at start and every `everyMs` (half the round trip
// is taken as the one-way delay); trade times (T) seen on the stream are a floor under it.
#include "binance/Clock.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <functional>

namespace co {

class RestClient;

// Local clock + measured offset, never behind the latest trade time seen.
class ExchangeClock final : public Clock {
public:
    explicit ExchangeClock(const Clock &local) : local_(local) {}
    int64_t nowMs() const override
    {
        const int64_t t = local_.nowMs() + offset_.load(std::memory_order_relaxed);
        const int64_t floor = floor_.load(std::memory_order_relaxed);
        return t > floor ? t : floor;
    }
    int64_t realMs(int64_t clockMs) const override { return local_.realMs(clockMs); }
    void setOffset(int64_t ms) { offset_.store(ms, std::memory_order_relaxed); }
    int64_t offsetMs() const { return offset_.load(std::memory_order_relaxed); }
    void noteExchangeTime(int64_t ms)
    {
        int64_t cur = floor_.load(std::memory_order_relaxed);
        while (ms > cur && !floor_.compare_exchange_weak(cur, ms, std::memory_order_relaxed)) {
        }
    }

private:
    const Clock &local_;
    std::atomic<int64_t> offset_{0}, floor_{0};
};

class ExchangeTime : public QObject {
    Q_OBJECT
public:
    ExchangeTime(RestClient &rest, const Clock &local, int64_t everyMs, QObject *parent = nullptr);

    void start();
    void stop();
    const ExchangeClock &clock() const noexcept { return clock_; }
    // A trade's own time: the exchange's clock is at least there.
    void noteTradeTime(int64_t ms) { clock_.noteExchangeTime(ms); }
    // The offset was measured at least once (else only trade times correct the local clock).
    bool measured() const noexcept { return measured_; }
    int64_t offsetMs() const { return clock_.offsetMs(); }
    int64_t lastRoundTripMs() const noexcept { return roundTripMs_; }

    std::function<void()> onMeasured; // after each successful measurement
    std::function<void()> onFailed;   // a measurement failed (the next one is retried sooner)

private:
    void measure();

    RestClient &rest_;
    const Clock &local_;
    ExchangeClock clock_;
    int64_t everyMs_;
    QTimer timer_;
    bool measured_ = false, inFlight_ = false, warned_ = false;
    int64_t roundTripMs_ = -1;
};

} // namespace co
