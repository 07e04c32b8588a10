#include "render/HeatmapSceneBuilder.h"

#include <algorithm>

namespace co {

namespace {
constexpr int kMaxRows = 2000;
constexpr int kMaxCols = 3601;
double price(int64_t units) { return double(units) / 1e8; }
} // namespace

HeatmapScene buildHeatmapScene(const EngineSnapshot &s)
{
    HeatmapScene sc;
    const HeatmapHistory *h = s.heatmap.get();
    if (!h || h->frames().empty() || h->binSize() <= 0)
        return sc;
    const auto &frames = h->frames();
    const int64_t bin = h->binSize();
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (const HeatmapFramePtr &f : frames) {
        if (f->mid == 0 || f->binSize != bin)
            continue;
        if (!f->bids.empty()) {
            lo = std::min(lo, f->firstBidBin - int64_t(f->bids.size() - 1) * bin);
            hi = std::max(hi, f->firstBidBin);
        }
        if (!f->asks.empty()) {
            lo = std::min(lo, f->firstAskBin);
            hi = std::max(hi, f->firstAskBin + int64_t(f->asks.size() - 1) * bin);
        }
    }
    if (lo > hi)
        return sc;
    if ((hi - lo) / bin + 1 > kMaxRows) { // a price that moved far: keep the rows around the newest mid
        const int64_t mid = frames.back()->mid ? frames.back()->mid : (lo + hi) / 2;
        lo = std::max(lo, (mid / bin - kMaxRows / 2) * bin);
        hi = lo + int64_t(kMaxRows - 1) * bin;
    }
    sc.stepMs = 1000;
    sc.startMs = frames.front()->timeMs;
    sc.cols = int(std::min<int64_t>(kMaxCols, (frames.back()->timeMs - sc.startMs) / 1000 + 1));
    sc.startMs = frames.back()->timeMs - int64_t(sc.cols - 1) * 1000;
    sc.rows = int((hi - lo) / bin + 1);
    sc.priceLo = price(lo);
    sc.binSize = price(bin);
    sc.qty.assign(size_t(sc.cols) * size_t(sc.rows), 0.f);
    sc.bestBid.assign(size_t(sc.cols), 0.f);
    sc.bestAsk.assign(size_t(sc.cols), 0.f);
    for (size_t i = 0; i < frames.size(); ++i) {
        const HeatmapFrame &f = *frames[i];
        if (f.mid == 0 || f.binSize != bin)
            continue;
        const int64_t until = std::min(i + 1 < frames.size() ? frames[i + 1]->timeMs : f.timeMs + 1000,
                                       f.timeMs + HeatmapHistory::kMaxHoldMs);
        const int c0 = int(std::max<int64_t>(0, (f.timeMs - sc.startMs) / 1000));
        const int c1 = int(std::min<int64_t>(sc.cols, (until - sc.startMs + 999) / 1000));
        for (int c = c0; c < c1; ++c) {
            float *col = sc.qty.data() + size_t(c) * size_t(sc.rows);
            auto put = [&](int64_t binPrice, float q) {
                const int64_t r = (binPrice - lo) / bin;
                if (binPrice >= lo && r < sc.rows)
                    col[r] = q;
            };
            for (size_t k = 0; k < f.bids.size(); ++k)
                put(f.firstBidBin - int64_t(k) * bin, f.bids[k]);
            for (size_t k = 0; k < f.asks.size(); ++k)
                put(f.firstAskBin + int64_t(k) * bin, f.asks[k]);
            sc.bestBid[size_t(c)] = float(price(f.bestBid));
            sc.bestAsk[size_t(c)] = float(price(f.bestAsk));
        }
    }
    sc.maxQty = sc.qty.empty() ? 0 : *std::max_element(sc.qty.begin(), sc.qty.end());
    // Trade bubbles: each minute bar's price rows in the pane's time span.
    if (s.today) {
        const int64_t tick = std::max<int64_t>(1, s.symbol.tickSize);
        const int64_t end = sc.startMs + int64_t(sc.cols) * 1000;
        for (const BarPtr &b : s.today->minuteBars) {
            if (!b || b->openTime + 60'000 <= sc.startMs || b->openTime >= end || b->rows.empty())
                continue;
            for (int64_t r = b->rows.lowRow(); r <= b->rows.highRow(); ++r) {
                const RowVolume &v = b->rows.at(r);
                if (v.total() <= 0)
                    continue;
                const double q = double(v.total()) / 1e8;
                sc.trades.push_back({b->openTime + 30'000, price(r * tick), q, v.buy >= v.sell});
                sc.maxTradeQty = std::max(sc.maxTradeQty, q);
            }
        }
    }
    return sc;
}

} // namespace co
