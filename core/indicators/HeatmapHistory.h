#pragma once
// The order-book heatmap's memory (spec analysis.md A8): one frame a second of exchange time, the
// book's resting quantity per bin within ±kPercentBp of the mid, kept for the last hour; and the
// 10 s rows the cache stores (time-weighted mean and maximum per bin). Frames are immutable and
// shared, so a published snapshot costs pointer copies only.
#include "indicators/Heatmap.h"
#include "model/HeatmapRow.h"
#include "model/OrderBook.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace co {

struct HeatmapFrame {
    int64_t timeMs = 0;
    int64_t mid = 0; // 0: no synced book from timeMs on (nothing sampled until the next frame)
    int64_t binSize = 0;
    int64_t bestBid = 0, bestAsk = 0;
    int64_t firstBidBin = 0, firstAskBin = 0; // bids[i] at firstBidBin − i·binSize, asks[i] at firstAskBin + i·binSize
    std::vector<float> bids, asks;            // resting quantity (base units) per bin, 0 = none
};
using HeatmapFramePtr = std::shared_ptr<const HeatmapFrame>;

class HeatmapHistory {
public:
    static constexpr int kPercentBp = 100;       // ±1 % of the mid is sampled
    static constexpr int kMaxBinsPerSide = 250;  // the bin is the tick multiple that keeps ±1 % within this
    static constexpr int64_t kKeepMs = 3'600'000;
    static constexpr int64_t kMaxHoldMs = 60'000; // a frame stands for the book until the next one, at most this
    static constexpr int64_t kRowMs = 10'000;

    // The bin for a symbol at this mid (fixed once chosen, so bins line up over time).
    static int64_t binSizeFor(int64_t mid, int64_t tickSize);

    // A frame of the book at timeMs (the book as it stood then). A crossed or empty book gives a
    // not-synced frame. Returns the 10 s row completed by this frame, if any.
    std::optional<HeatmapRow> sample(const OrderBook &book, int64_t timeMs, int64_t tickSize);
    // The book stopped being valid at timeMs (resync): nothing is sampled until the next frame.
    std::optional<HeatmapRow> invalidate(int64_t timeMs);

    const std::deque<HeatmapFramePtr> &frames() const noexcept { return frames_; }
    int64_t binSize() const noexcept { return binSize_; }

private:
    std::optional<HeatmapRow> add(HeatmapFramePtr f);
    HeatmapRow rowOf(int64_t bucket) const;

    std::deque<HeatmapFramePtr> frames_;
    int64_t binSize_ = 0;
    int64_t openBucket_ = INT64_MIN; // the 10 s bucket the newest frame fell in
};

// A frame's bins as a sample at `binSize` (a multiple of the frame's) within ±percentBp of its
// mid (by the bin's lowest price); quantities back in 1e-8 units. nullopt when the frame's bin
// does not divide binSize.
std::optional<HeatmapSample> frameSample(const HeatmapFrame &f, int64_t binSize, int percentBp);

// summarizeHeatmap over the frames' samples (frameSample of each frame before toMs, each held at
// most kMaxHoldMs), the same numbers, without making the samples: the query's hour of frames is
// summed again every 100 ms on the server thread.
HeatmapSummary summarizeFrames(const std::deque<HeatmapFramePtr> &frames, int64_t fromMs, int64_t toMs,
                               int64_t binSize, int percentBp, size_t maxLevels);

} // namespace co
