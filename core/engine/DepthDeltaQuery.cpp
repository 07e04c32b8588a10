#include "engine/DepthDeltaQuery.h"

#include "model/Fixed.h"
#include "model/Time.h"

#include <algorithm>
#include <cstdio>

namespace co {

namespace {
std::string percentText(int bp)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%g%%", bp / 100.0);
    return buf;
}
} // namespace

QueryResult<DepthDeltaResult> buildDepthDelta(const EngineSnapshot &s, const DepthDeltaRequest &q, int64_t nowMs)
{
    const bool live = s.book && s.book->live && !s.book->book.empty();
    const bool history = s.depth && !s.depth->empty();
    if (!live && !history)
        return QueryError{QueryErrorKind::NoData,
                          "no synced order book for " + s.symbol.name + " since start-up; retry in a minute"};
    DepthDeltaResult r;
    r.symbol = s.symbol.name;
    r.percentBp = q.percentBp;
    bool exact = false;
    const int index = ladderIndexFor(q.percentBp, &exact);
    r.ladderBp = (index + 1) * kDepthLadderStepBp;
    r.quality = s.quality;
    r.quality.gaps.clear(); // trade id gaps say nothing about the book
    r.quality.gapsOmitted = 0;
    r.quality.warnings.clear();
    r.quality.ageMs = std::max<int64_t>(0, nowMs - s.asOfMs);

    if (live) {
        const OrderBook &b = s.book->book;
        if (auto band = depthWithin(b, q.percentBp)) {
            r.current = true;
            r.currentMs = s.asOfMs;
            r.now = *band;
            r.bestBid = fixedToDouble(b.bestBid());
            r.bestAsk = fixedToDouble(b.bestAsk());
            r.mid = double(__int128(b.bestBid()) + b.bestAsk()) / 2 / double(kFixedOne);
        }
    } else {
        r.quality.warnings.push_back("order book not synced (resyncing): no current value");
    }

    if (history) {
        const DepthHistory &h = *s.depth;
        const int64_t latest = h.seconds().empty() ? h.minutes().back().timeMs : h.seconds().back().timeMs;
        const int64_t w = int64_t(q.windowSec) * 1000;
        std::vector<DepthPoint> points; // lookback + 1 window ends, oldest first
        for (int i = q.lookback; i >= 0; --i) {
            const int64_t end = latest - i * w;
            const DepthSample *sample = h.at(end);
            if (!sample || end - sample->timeMs >= kMsPerMinute)
                continue; // no book that far back
            DepthPoint p;
            p.endMs = end;
            p.sampleMs = sample->timeMs;
            p.band = sample->band(index);
            if (!points.empty() && points.back().endMs == end - w) {
                const DepthPoint &prev = points.back();
                p.hasChange = true;
                p.bidChange = p.band.bidQty - prev.band.bidQty;
                p.askChange = p.band.askQty - prev.band.askQty;
                p.netChange = p.band.net() - prev.band.net();
            }
            points.push_back(p);
        }
        if (!points.empty() && points.front().endMs == latest - int64_t(q.lookback) * w)
            points.erase(points.begin()); // only the base of the first change
        r.windows = std::move(points);
        if (!exact)
            r.quality.warnings.push_back("windows use the ladder band ±" + percentText(r.ladderBp) +
                                         " nearest to the requested ±" + percentText(q.percentBp) +
                                         "; the current value is exact");
    }
    r.quality.coverage = double(r.windows.size()) / double(q.lookback);
    if (!r.windows.empty()) {
        r.quality.fromMs = r.windows.front().endMs - int64_t(q.windowSec) * 1000;
        r.quality.toMs = r.windows.back().endMs;
    }
    if (r.windows.size() < size_t(q.lookback))
        r.quality.warnings.push_back("depth history covers " + std::to_string(r.windows.size()) + " of " +
                                     std::to_string(q.lookback) + " windows of " + std::to_string(q.windowSec) +
                                     " s (sampled once per second since the book was synced)");
    return r;
}

} // namespace co
