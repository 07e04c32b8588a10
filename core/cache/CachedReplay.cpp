#include "cache/CachedReplay.h"

#include "model/ZoneOffsets.h"
#include "storage/CacheReader.h"

#include <algorithm>

namespace co {

CachedReplayResult replayCached(CacheReader &db, const CachedReplay &r, const std::function<void(DayHistory &&)> &seed,
                                const std::function<bool(std::span<const Trade>)> &apply)
{
    CachedReplayResult out;
    const ZoneClock clock(r.dayZone);
    bool seeded = false;
    auto seedBefore = [&](int64_t firstMs) {
        seeded = true;
        std::optional<DayHistory> h =
            db.dayHistory(r.symbol, r.zone, clock.localDay(firstMs), std::max(1, r.cacheDays), &out.error);
        if (!h)
            return false;
        out.seededDays = h->days.size();
        seed(std::move(*h));
        return true;
    };
    bool seedFailed = false;
    const bool ok = db.scanTrades(
        r.symbol, r.source, r.fromMs,
        [&](std::span<const Trade> trades) {
            if (!seeded && !seedBefore(trades.front().timeMs)) {
                seedFailed = true;
                return false;
            }
            const auto cut = std::find_if(trades.begin(), trades.end(),
                                          [&](const Trade &t) { return t.timeMs >= r.untilMs; });
            const std::span<const Trade> head(trades.begin(), cut);
            out.trades += int64_t(head.size());
            if (!head.empty() && !apply(head))
                return false;
            if (cut != trades.end()) {
                out.pastEnd = true;
                return false;
            }
            out.cancelled = r.cancel && r.cancel->load();
            return !out.cancelled;
        },
        &out.error, r.batch);
    if (!ok || seedFailed) // a read error
        return out;
    if (!seeded && !seedBefore(std::min(r.fromMs, r.untilMs)))
        return out;
    out.ok = true;
    return out;
}

} // namespace co
