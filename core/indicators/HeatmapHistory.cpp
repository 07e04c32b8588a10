#include "indicators/HeatmapHistory.h"

#include "model/Time.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace co {

namespace {
constexpr double kUnit = 1e8;
int64_t floorTo(int64_t v, int64_t step) { return floorDiv(v, step) * step; }
} // namespace

int64_t HeatmapHistory::binSizeFor(int64_t mid, int64_t tickSize)
{
    const int64_t tick = std::max<int64_t>(1, tickSize);
    const __int128 span = __int128(std::max<int64_t>(0, mid)) * kPercentBp / 10'000;
    const __int128 perBin = __int128(kMaxBinsPerSide) * tick;
    const int64_t k = std::max<int64_t>(1, int64_t((span + perBin - 1) / perBin));
    return k * tick;
}

std::optional<HeatmapRow> HeatmapHistory::sample(const OrderBook &book, int64_t timeMs, int64_t tickSize)
{
    auto f = std::make_shared<HeatmapFrame>();
    f->timeMs = timeMs;
    if (book.empty() || book.bestBid() >= book.bestAsk())
        return add(std::move(f));
    if (binSize_ == 0)
        binSize_ = binSizeFor((book.bestBid() + book.bestAsk()) / 2, tickSize);
    const HeatmapSample s = sampleBook(book, timeMs, binSize_, kPercentBp);
    f->mid = s.mid;
    f->binSize = binSize_;
    f->bestBid = book.bestBid();
    f->bestAsk = book.bestAsk();
    // Dense per bin from the best one; bounded even if the price has moved far from the first mid.
    const size_t cap = 4 * size_t(kMaxBinsPerSide);
    if (!s.bids.empty()) {
        f->firstBidBin = s.bids.front().first;
        for (const auto &[bin, qty] : s.bids) {
            const size_t i = size_t((f->firstBidBin - bin) / binSize_);
            if (i >= cap)
                break;
            f->bids.resize(std::max(f->bids.size(), i + 1), 0.f);
            f->bids[i] = float(double(qty) / kUnit);
        }
    }
    if (!s.asks.empty()) {
        f->firstAskBin = s.asks.front().first;
        for (const auto &[bin, qty] : s.asks) {
            const size_t i = size_t((bin - f->firstAskBin) / binSize_);
            if (i >= cap)
                break;
            f->asks.resize(std::max(f->asks.size(), i + 1), 0.f);
            f->asks[i] = float(double(qty) / kUnit);
        }
    }
    return add(std::move(f));
}

std::optional<HeatmapRow> HeatmapHistory::invalidate(int64_t timeMs)
{
    if (!frames_.empty() && frames_.back()->mid == 0)
        return std::nullopt; // already marked
    auto f = std::make_shared<HeatmapFrame>();
    f->timeMs = std::max(timeMs, frames_.empty() ? timeMs : frames_.back()->timeMs);
    return add(std::move(f));
}

std::optional<HeatmapRow> HeatmapHistory::add(HeatmapFramePtr f)
{
    if (!frames_.empty() && f->timeMs < frames_.back()->timeMs)
        return std::nullopt; // time never goes back (a replay restarted): keep what is held
    const int64_t bucket = floorTo(f->timeMs, kRowMs);
    std::optional<HeatmapRow> done;
    if (openBucket_ != INT64_MIN && bucket > openBucket_)
        done = rowOf(openBucket_);
    openBucket_ = bucket;
    if (!frames_.empty() && frames_.back()->timeMs == f->timeMs)
        frames_.back() = std::move(f);
    else
        frames_.push_back(std::move(f));
    // Keep one frame before the hour: it stands for the book at the hour's start.
    while (frames_.size() > 2 && frames_[1]->timeMs <= frames_.back()->timeMs - kKeepMs)
        frames_.pop_front();
    if (done && done->sampledMs == 0)
        return std::nullopt;
    return done;
}

HeatmapRow HeatmapHistory::rowOf(int64_t bucket) const
{
    HeatmapRow row;
    row.timeMs = bucket;
    row.binSize = binSize_;
    std::vector<HeatmapSample> samples;
    for (auto it = frames_.rbegin(); it != frames_.rend(); ++it) {
        const HeatmapFrame &f = **it;
        if (f.timeMs >= bucket + kRowMs)
            continue;
        if (f.binSize == binSize_ || f.mid == 0)
            if (auto s = frameSample(f, binSize_ ? binSize_ : 1, kPercentBp))
                samples.push_back(std::move(*s));
        if (f.mid != 0 && row.mid == 0) {
            row.mid = f.mid;
            row.bestBid = f.bestBid;
            row.bestAsk = f.bestAsk;
        }
        if (f.timeMs <= bucket)
            break; // the frame standing at the bucket's start
    }
    std::reverse(samples.begin(), samples.end());
    const HeatmapSummary sum = summarizeHeatmap(samples, bucket, bucket + kRowMs, SIZE_MAX, kMaxHoldMs);
    row.sampledMs = sum.sampledMs;
    auto put = [](const std::vector<HeatmapBin> &in, std::vector<HeatmapRow::Bin> &out, bool bids) {
        for (const HeatmapBin &b : in)
            out.push_back({b.price, float(b.meanQty / kUnit), float(double(b.maxQty) / kUnit)});
        std::sort(out.begin(), out.end(), [bids](const HeatmapRow::Bin &p, const HeatmapRow::Bin &q) {
            return bids ? p.price > q.price : p.price < q.price;
        });
    };
    put(sum.bids, row.bids, true);
    put(sum.asks, row.asks, false);
    return row;
}

std::optional<HeatmapSample> frameSample(const HeatmapFrame &f, int64_t binSize, int percentBp)
{
    HeatmapSample s;
    s.timeMs = f.timeMs;
    if (f.mid == 0)
        return s;
    if (f.binSize <= 0 || binSize % f.binSize != 0)
        return std::nullopt;
    s.mid = f.mid;
    const __int128 lo = __int128(f.mid) * (10'000 - percentBp), hi = __int128(f.mid) * (10'000 + percentBp);
    for (size_t i = 0; i < f.bids.size(); ++i) {
        const int64_t b = f.firstBidBin - int64_t(i) * f.binSize;
        if (__int128(b + f.binSize) * 10'000 <= lo)
            break; // the whole bin is below the band
        if (f.bids[i] <= 0)
            continue;
        const int64_t nb = floorTo(b, binSize), q = std::llround(double(f.bids[i]) * kUnit);
        if (!s.bids.empty() && s.bids.back().first == nb)
            s.bids.back().second += q;
        else
            s.bids.emplace_back(nb, q);
    }
    for (size_t i = 0; i < f.asks.size(); ++i) {
        const int64_t b = f.firstAskBin + int64_t(i) * f.binSize;
        if (__int128(b) * 10'000 > hi)
            break;
        if (f.asks[i] <= 0)
            continue;
        const int64_t nb = floorTo(b, binSize), q = std::llround(double(f.asks[i]) * kUnit);
        if (!s.asks.empty() && s.asks.back().first == nb)
            s.asks.back().second += q;
        else
            s.asks.emplace_back(nb, q);
    }
    return s;
}

} // namespace co
