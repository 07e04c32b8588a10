#include "indicators/DepthDelta.h"

#include "model/Fixed.h"
#include "model/Time.h"

#include <algorithm>

namespace co {

namespace {
constexpr double kNotionalScale = double(kFixedOne) * double(kFixedOne); // p·q in 1e-16 units

// bid p counts iff p·20000 ≥ (bb+ba)·(10000 − bp), i.e. p ≥ mid·(1 − X/100), exactly.
bool bidInside(int64_t p, __int128 sumBest, int bp) { return __int128(p) * 20000 >= sumBest * (10000 - bp); }
bool askInside(int64_t p, __int128 sumBest, int bp) { return __int128(p) * 20000 <= sumBest * (10000 + bp); }
} // namespace

std::optional<DepthBand> depthWithin(const OrderBook &book, int percentBp)
{
    if (book.empty() || percentBp <= 0 || percentBp > 1000)
        return std::nullopt;
    const __int128 sumBest = __int128(book.bestBid()) + book.bestAsk();
    DepthBand d;
    __int128 bn = 0, an = 0;
    for (const auto &[p, q] : book.bids()) {
        if (!bidInside(p, sumBest, percentBp))
            break;
        d.bidQty += q;
        bn += __int128(p) * q;
    }
    for (const auto &[p, q] : book.asks()) {
        if (!askInside(p, sumBest, percentBp))
            break;
        d.askQty += q;
        an += __int128(p) * q;
    }
    d.bidNotional = double(bn) / kNotionalScale;
    d.askNotional = double(an) / kNotionalScale;
    return d;
}

DepthSample sampleLadder(const OrderBook &book, int64_t timeMs)
{
    DepthSample s;
    s.timeMs = timeMs;
    if (book.empty())
        return s;
    const __int128 sumBest = __int128(book.bestBid()) + book.bestAsk();
    // One pass per side: each level falls in the first band that contains it; then cumulate.
    std::array<__int128, kDepthLadderBands> bn{}, an{};
    int band = 0;
    for (const auto &[p, q] : book.bids()) {
        while (band < kDepthLadderBands && !bidInside(p, sumBest, (band + 1) * kDepthLadderStepBp))
            ++band;
        if (band == kDepthLadderBands)
            break;
        s.bidQty[size_t(band)] += q;
        bn[size_t(band)] += __int128(p) * q;
    }
    band = 0;
    for (const auto &[p, q] : book.asks()) {
        while (band < kDepthLadderBands && !askInside(p, sumBest, (band + 1) * kDepthLadderStepBp))
            ++band;
        if (band == kDepthLadderBands)
            break;
        s.askQty[size_t(band)] += q;
        an[size_t(band)] += __int128(p) * q;
    }
    for (size_t i = 1; i < size_t(kDepthLadderBands); ++i) {
        s.bidQty[i] += s.bidQty[i - 1];
        s.askQty[i] += s.askQty[i - 1];
        bn[i] += bn[i - 1];
        an[i] += an[i - 1];
    }
    for (size_t i = 0; i < size_t(kDepthLadderBands); ++i) {
        s.bidNotional[i] = double(bn[i]) / kNotionalScale;
        s.askNotional[i] = double(an[i]) / kNotionalScale;
    }
    return s;
}

int ladderIndexFor(int percentBp, bool *exact) noexcept
{
    int idx = (percentBp + kDepthLadderStepBp / 2) / kDepthLadderStepBp - 1;
    idx = std::clamp(idx, 0, kDepthLadderBands - 1);
    if (exact)
        *exact = (idx + 1) * kDepthLadderStepBp == percentBp;
    return idx;
}

void DepthHistory::add(DepthSample s)
{
    if (minutes_.empty() || floorDiv(s.timeMs - 1, kMsPerMinute) != floorDiv(minutes_.back().timeMs - 1, kMsPerMinute))
        minutes_.push_back(s);
    else
        minutes_.back() = s; // the minute's last sample stands for it
    seconds_.push_back(std::move(s));
    const int64_t now = seconds_.back().timeMs;
    while (!seconds_.empty() && seconds_.front().timeMs <= now - kMsPerHour)
        seconds_.pop_front();
    while (!minutes_.empty() && minutes_.front().timeMs <= now - kMsPerDay)
        minutes_.pop_front();
}

const DepthSample *DepthHistory::at(int64_t t) const
{
    auto find = [t](const std::deque<DepthSample> &q) -> const DepthSample * {
        auto it = std::upper_bound(q.begin(), q.end(), t, [](int64_t v, const DepthSample &s) { return v < s.timeMs; });
        return it == q.begin() ? nullptr : &*(it - 1);
    };
    if (!seconds_.empty() && seconds_.front().timeMs <= t)
        return find(seconds_);
    return find(minutes_);
}

} // namespace co
