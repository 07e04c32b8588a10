#pragma once
// Wall clock for rate-limit windows, bans and "today". Injectable so that tests can run an hour
// of limiter time in milliseconds (ManualClock) or a whole session faster than real time
// (ScaledClock: every wait is divided by the speed).
#include <QDateTime>
#include <QElapsedTimer>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>

namespace co {

class Clock {
public:
    virtual ~Clock() = default;
    virtual int64_t nowMs() const = 0; // ms since epoch, UTC
    // Real milliseconds a wait of `clockMs` clock milliseconds takes (for QTimer).
    virtual int64_t realMs(int64_t clockMs) const { return clockMs; }
};

class SystemClock final : public Clock {
public:
    int64_t nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
    static const SystemClock &instance()
    {
        static const SystemClock c;
        return c;
    }
};

// Starts at `startMs` and runs `speed` times faster than real time.
class ScaledClock final : public Clock {
public:
    ScaledClock(int64_t startMs, double speed) : startMs_(startMs), speed_(speed) { timer_.start(); }
    int64_t nowMs() const override { return startMs_ + int64_t(double(timer_.nsecsElapsed()) * speed_ / 1e6); }
    int64_t realMs(int64_t clockMs) const override
    {
        return clockMs <= 0 ? 0 : std::max<int64_t>(1, int64_t(std::ceil(double(clockMs) / speed_)));
    }

private:
    int64_t startMs_;
    double speed_;
    QElapsedTimer timer_;
};

// Moves only when told to (pure unit tests).
class ManualClock final : public Clock {
public:
    explicit ManualClock(int64_t startMs = 0) : now_(startMs) {}
    int64_t nowMs() const override { return now_; }
    void set(int64_t ms) { now_ = ms; }
    void advance(int64_t ms) { now_ += ms; }

private:
    std::atomic<int64_t> now_;
};

} // namespace co
