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

HeatmapSummary summarizeFrames(const std::deque<HeatmapFramePtr> &frames, int64_t fromMs, int64_t toMs,
                               int64_t binSize, int percentBp, size_t maxLevels)
{
    // The frames frameSample makes a sample of (one on another bin grid is none), in time order.
    std::vector<const HeatmapFrame *> used;
    used.reserve(frames.size());
    for (const HeatmapFramePtr &f : frames) {
        if (f->timeMs >= toMs)
            break;
        if (f->mid == 0 || (f->binSize > 0 && binSize % f->binSize == 0))
            used.push_back(f.get());
    }
    struct Acc {
        double weighted = 0; // qty × ms
        int64_t max = 0;
        bool touched = false;
    };
    // Merged bins lie on the binSize grid: dense arrays over the span the frames cover.
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (const HeatmapFrame *f : used)
        if (f->mid != 0) {
            lo = std::min(lo, floorTo(f->firstBidBin - int64_t(f->bids.size()) * f->binSize, binSize));
            hi = std::max(hi, floorTo(f->firstAskBin + int64_t(f->asks.size()) * f->binSize, binSize));
        }
    const size_t span = lo <= hi ? size_t((hi - lo) / binSize) + 1 : 0;
    if (span > 4'000'000) // not one book's band: nothing this far apart is sampled
        return summarizeHeatmap({}, fromMs, toMs, maxLevels, HeatmapHistory::kMaxHoldMs);
    std::vector<Acc> bids(span), asks(span);
    HeatmapSummary r;
    for (size_t i = 0; i < used.size(); ++i) {
        const HeatmapFrame &f = *used[i];
        if (f.mid == 0)
            continue; // no synced book: not sampled until the next frame
        const int64_t holdEnd = std::min(f.timeMs + HeatmapHistory::kMaxHoldMs, i + 1 < used.size() ? used[i + 1]->timeMs : toMs);
        const int64_t a = std::max(f.timeMs, fromMs), b = std::min(holdEnd, toMs);
        if (b <= a)
            continue;
        r.sampledMs += b - a;
        ++r.samples;
        const double held = double(b - a);
        // A run of the frame's bins in one merged bin adds up first (as frameSample's entries do).
        int64_t runBin = 0, runQty = 0;
        bool inRun = false;
        auto add = [&](std::vector<Acc> &acc, int64_t nb, int64_t q) {
            if (inRun && runBin == nb) {
                runQty += q;
                return;
            }
            if (inRun) {
                Acc &x = acc[size_t((runBin - lo) / binSize)];
                x.weighted += double(runQty) * held;
                x.max = std::max(x.max, runQty);
                x.touched = true;
            }
            runBin = nb;
            runQty = q;
            inRun = true;
        };
        auto flush = [&](std::vector<Acc> &acc) {
            if (inRun) {
                Acc &x = acc[size_t((runBin - lo) / binSize)];
                x.weighted += double(runQty) * held;
                x.max = std::max(x.max, runQty);
                x.touched = true;
            }
            inRun = false;
        };
        const __int128 lo = __int128(f.mid) * (10'000 - percentBp), hi = __int128(f.mid) * (10'000 + percentBp);
        for (size_t k = 0; k < f.bids.size(); ++k) {
            const int64_t bin = f.firstBidBin - int64_t(k) * f.binSize;
            if (__int128(bin + f.binSize) * 10'000 <= lo)
                break; // the whole bin is below the band
            if (f.bids[k] > 0)
                add(bids, floorTo(bin, binSize), std::llround(double(f.bids[k]) * kUnit));
        }
        flush(bids);
        for (size_t k = 0; k < f.asks.size(); ++k) {
            const int64_t bin = f.firstAskBin + int64_t(k) * f.binSize;
            if (__int128(bin) * 10'000 > hi)
                break;
            if (f.asks[k] > 0)
                add(asks, floorTo(bin, binSize), std::llround(double(f.asks[k]) * kUnit));
        }
        flush(asks);
    }
    r.coverage = toMs > fromMs ? std::clamp(double(r.sampledMs) / double(toMs - fromMs), 0.0, 1.0) : 0;
    auto top = [&](const std::vector<Acc> &m, std::vector<HeatmapBin> &out) {
        for (size_t i = 0; i < m.size(); ++i)
            if (m[i].touched)
                out.push_back({lo + int64_t(i) * binSize, r.sampledMs > 0 ? m[i].weighted / double(r.sampledMs) : 0, m[i].max});
        // Largest mean first; equal means by price, lowest first (as summarizeHeatmap).
        std::sort(out.begin(), out.end(), [](const HeatmapBin &p, const HeatmapBin &q) {
            return p.meanQty != q.meanQty ? p.meanQty > q.meanQty : p.price < q.price;
        });
        if (out.size() > maxLevels)
            out.resize(maxLevels);
    };
    top(bids, r.bids);
    top(asks, r.asks);
    return r;
}

} // namespace co
