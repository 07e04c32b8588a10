#include "engine/HeatmapQuery.h"

#include "model/Time.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace co {

HeatmapSummary summarizeHeatmapRows(const std::vector<HeatmapRow> &rows, int64_t fromMs, int64_t toMs,
                                    int64_t binSize, int percentBp, size_t maxLevels)
{
    HeatmapSummary r;
    struct Acc {
        double weighted = 0; // qty (1e-8) × ms
        double max = 0;
    };
    std::map<int64_t, Acc> bids, asks;
    for (const HeatmapRow &row : rows) {
        if (row.timeMs < fromMs || row.timeMs >= toMs || row.sampledMs <= 0 || row.binSize <= 0 ||
            binSize % row.binSize != 0 || row.mid <= 0)
            continue;
        r.sampledMs += row.sampledMs;
        ++r.samples;
        const __int128 lo = __int128(row.mid) * (10'000 - percentBp), hi = __int128(row.mid) * (10'000 + percentBp);
        // Bins of this row merged into binSize first: their means add, and so do their maxima (an
        // upper bound: the row does not say when each bin had its maximum).
        std::map<int64_t, Acc> rowBids, rowAsks;
        for (const HeatmapRow::Bin &b : row.bids)
            if (__int128(b.price + row.binSize) * 10'000 > lo) {
                Acc &x = rowBids[floorDiv(b.price, binSize) * binSize];
                x.weighted += double(b.mean) * 1e8;
                x.max += double(b.max) * 1e8;
            }
        for (const HeatmapRow::Bin &b : row.asks)
            if (__int128(b.price) * 10'000 <= hi) {
                Acc &x = rowAsks[floorDiv(b.price, binSize) * binSize];
                x.weighted += double(b.mean) * 1e8;
                x.max += double(b.max) * 1e8;
            }
        auto fold = [&row](const std::map<int64_t, Acc> &in, std::map<int64_t, Acc> &out) {
            for (const auto &[price, x] : in) {
                Acc &y = out[price];
                y.weighted += x.weighted * double(row.sampledMs);
                y.max = std::max(y.max, x.max);
            }
        };
        fold(rowBids, bids);
        fold(rowAsks, asks);
    }
    r.coverage = toMs > fromMs ? std::clamp(double(r.sampledMs) / double(toMs - fromMs), 0.0, 1.0) : 0;
    auto top = [&](const std::map<int64_t, Acc> &m, std::vector<HeatmapBin> &out) {
        for (const auto &[price, x] : m)
            out.push_back({price, r.sampledMs > 0 ? x.weighted / double(r.sampledMs) : 0, std::llround(x.max)});
        std::stable_sort(out.begin(), out.end(), [](const HeatmapBin &p, const HeatmapBin &q) { return p.meanQty > q.meanQty; });
        if (out.size() > maxLevels)
            out.resize(maxLevels);
    };
    top(bids, r.bids);
    top(asks, r.asks);
    return r;
}

QueryResult<HeatmapResult> buildOrderbookHeatmap(const EngineSnapshot &s, const HeatmapQuery &q, int64_t nowMs,
                                                 const std::vector<HeatmapRow> *rows)
{
    const HeatmapHistory *h = s.heatmap.get();
    if (!h || h->frames().empty() || h->binSize() == 0)
        return QueryError{QueryErrorKind::NoData, "no order-book heatmap for " + s.symbol.name +
                                                      " yet: the book is sampled every second once it is synced"};
    const int64_t tick = std::max<int64_t>(1, s.symbol.tickSize);
    HeatmapResult r;
    r.symbol = s.symbol.name;
    r.sampledTicksPerRow = std::max<int64_t>(1, h->binSize() / tick);
    r.ticksPerRow = q.ticksPerRow.value_or(r.sampledTicksPerRow);
    r.binSize = r.ticksPerRow * tick;
    if (r.binSize % h->binSize() != 0)
        return QueryError{QueryErrorKind::Unsupported, "ticksPerRow must be a multiple of " +
                                                           std::to_string(r.sampledTicksPerRow) + " (the sampled bin)"};
    r.toMs = nowMs;
    r.fromMs = nowMs - q.lookbackMs;
    const auto &frames = h->frames();
    for (auto it = frames.rbegin(); it != frames.rend(); ++it)
        if ((*it)->mid != 0 && (*it)->timeMs <= nowMs) {
            r.mid = (*it)->mid;
            r.bestBid = (*it)->bestBid;
            r.bestAsk = (*it)->bestAsk;
            break;
        }
    if (q.lookbackMs <= HeatmapHistory::kKeepMs) {
        r.summary = summarizeFrames(frames, r.fromMs, r.toMs, r.binSize, q.percentBp, q.maxLevels);
        r.resolution = "1s";
    } else {
        if (!rows)
            return QueryError{QueryErrorKind::NotInMemory,
                              "memory holds the last 60 minutes of the heatmap; longer lookbacks need the cache "
                              "(its 10 s rows), which is off"};
        r.summary = summarizeHeatmapRows(*rows, r.fromMs, r.toMs, r.binSize, q.percentBp, q.maxLevels);
        r.resolution = "10s";
    }
    r.quality = s.quality;
    r.quality.gaps.clear();
    r.quality.gapsOmitted = 0;
    r.quality.warnings.clear();
    r.quality.fromMs = r.fromMs;
    r.quality.toMs = r.toMs;
    r.quality.coverage = r.summary.coverage;
    r.quality.ageMs = std::max<int64_t>(0, nowMs - frames.back()->timeMs);
    if (r.summary.coverage < 0.99) {
        const int pct = int(std::floor(r.summary.coverage * 100));
        r.quality.warnings.push_back("the book was sampled for " + std::to_string(pct) +
                                     " % of the lookback (not synced, not running or not kept for the rest)");
    }
    return r;
}

} // namespace co
