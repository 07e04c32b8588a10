#include "indicators/Heatmap.h"

#include <algorithm>
#include <map>

namespace co {

namespace {
int64_t binOf(int64_t price, int64_t binSize) { return (price / binSize - (price % binSize < 0)) * binSize; }
} // namespace

HeatmapSample sampleBook(const OrderBook &book, int64_t timeMs, int64_t binSize, int percentBp)
{
    HeatmapSample s;
    s.timeMs = timeMs;
    if (book.empty() || book.bestBid() >= book.bestAsk() || binSize <= 0)
        return s;
    s.mid = (book.bestBid() + book.bestAsk()) / 2;
    // Exact: price · 10 000 against mid · (10 000 ∓ percentBp), no rounding at the band's edge.
    const __int128 lo = __int128(s.mid) * (10'000 - percentBp), hi = __int128(s.mid) * (10'000 + percentBp);
    for (const auto &[price, qty] : book.bids()) {
        if (__int128(price) * 10'000 < lo)
            break;
        const int64_t b = binOf(price, binSize);
        if (!s.bids.empty() && s.bids.back().first == b)
            s.bids.back().second += qty;
        else
            s.bids.emplace_back(b, qty);
    }
    for (const auto &[price, qty] : book.asks()) {
        if (__int128(price) * 10'000 > hi)
            break;
        const int64_t b = binOf(price, binSize);
        if (!s.asks.empty() && s.asks.back().first == b)
            s.asks.back().second += qty;
        else
            s.asks.emplace_back(b, qty);
    }
    return s;
}

HeatmapSummary summarizeHeatmap(const std::vector<HeatmapSample> &samples, int64_t fromMs, int64_t toMs,
                                size_t maxLevels, int64_t maxHoldMs)
{
    HeatmapSummary r;
    struct Acc {
        double weighted = 0; // qty × ms
        int64_t max = 0;
    };
    std::map<int64_t, Acc> bids, asks;
    for (size_t i = 0; i < samples.size(); ++i) {
        const HeatmapSample &s = samples[i];
        if (s.mid == 0)
            continue; // no synced book: not sampled until the next sample
        const int64_t holdEnd = std::min(s.timeMs + maxHoldMs, i + 1 < samples.size() ? samples[i + 1].timeMs : toMs);
        const int64_t a = std::max(s.timeMs, fromMs), b = std::min(holdEnd, toMs);
        if (b <= a)
            continue;
        r.sampledMs += b - a;
        ++r.samples;
        for (const auto &[price, qty] : s.bids) {
            Acc &x = bids[price];
            x.weighted += double(qty) * double(b - a);
            x.max = std::max(x.max, qty);
        }
        for (const auto &[price, qty] : s.asks) {
            Acc &x = asks[price];
            x.weighted += double(qty) * double(b - a);
            x.max = std::max(x.max, qty);
        }
    }
    r.coverage = toMs > fromMs ? std::clamp(double(r.sampledMs) / double(toMs - fromMs), 0.0, 1.0) : 0;
    auto top = [&](const std::map<int64_t, Acc> &m, std::vector<HeatmapBin> &out) {
        for (const auto &[price, x] : m)
            out.push_back({price, r.sampledMs > 0 ? x.weighted / double(r.sampledMs) : 0, x.max});
        std::stable_sort(out.begin(), out.end(), [](const HeatmapBin &p, const HeatmapBin &q) { return p.meanQty > q.meanQty; });
        if (out.size() > maxLevels)
            out.resize(maxLevels);
    };
    top(bids, r.bids);
    top(asks, r.asks);
    return r;
}

} // namespace co
