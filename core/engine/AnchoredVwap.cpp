#include "engine/AnchoredVwap.h"

#include "model/Time.h"

namespace co {

std::vector<AnchoredVwapPoint> anchoredVwapPath(const EngineSnapshot &s, int64_t anchorMs, Timeframe tf)
{
    const int64_t minute = anchorMs - floorMod(anchorMs, kMsPerMinute);
    const int64_t tfMs = timeframeMs(tf);
    std::vector<AnchoredVwapPoint> out;
    VwapSums sums;
    for (const auto &day : {s.prior, s.today}) {
        if (!day)
            continue;
        for (const BarPtr &b : day->barsOf(Timeframe::M1)) {
            if (b->openTime < minute)
                continue;
            sums.merge(b->sums);
            const int64_t bar = b->openTime - floorMod(b->openTime, tfMs);
            const auto bands = sums.bands();
            if (!bands)
                continue;
            if (!out.empty() && out.back().barOpenTime == bar)
                out.back().bands = *bands;
            else
                out.push_back({bar, *bands});
        }
    }
    return out;
}

} // namespace co
