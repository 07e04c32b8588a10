#pragma once
// Exponential backoff with full jitter (binance.md §3 rule 6, §4): the n-th wait is uniform in
// [0, min(max, initial·2^n)], so many clients reconnecting at once spread out.
#include <QRandomGenerator>

#include <algorithm>
#include <cstdint>

namespace co {

class Backoff {
public:
    Backoff(int64_t initialMs, int64_t maxMs) : initialMs_(initialMs), maxMs_(maxMs) {}

    // Upper bound of the next wait, without drawing it.
    int64_t ceilingMs() const noexcept
    {
        const int shift = std::min(attempt_, 40);
        return std::min<int64_t>(maxMs_, initialMs_ << std::min(shift, 30));
    }
    // Draws the next wait and counts the attempt.
    int64_t next()
    {
        const int64_t ceil = ceilingMs();
        ++attempt_;
        return int64_t(QRandomGenerator::global()->bounded(quint64(ceil) + 1));
    }
    void reset() noexcept { attempt_ = 0; }

private:
    int64_t initialMs_, maxMs_;
    int attempt_ = 0;
};

} // namespace co
