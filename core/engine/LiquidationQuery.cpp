#include "engine/LiquidationQuery.h"

#include "model/Fixed.h"
#include "model/Time.h"

#include <algorithm>
#include <tuple>

namespace co {

namespace {
// The range's liquidations of one symbol: the stored ones and those held, each once (a record is
// the same when its trade time, side, price, quantity and event time are), newest first.
std::vector<Liquidation> rangeOf(const EngineSnapshot &s, int64_t fromMs, int64_t toMs, const StoredLiquidations *stored)
{
    std::vector<Liquidation> held = s.liquidations ? s.liquidations->range(fromMs, toMs, SIZE_MAX) : std::vector<Liquidation>{};
    const auto it = stored ? stored->find(s.symbol.name) : StoredLiquidations::const_iterator{};
    if (!stored || it == stored->end())
        return held;
    auto key = [](const Liquidation &l) { return std::tuple(l.tradeMs, l.side, l.price, l.filledQty, l.eventMs); };
    std::vector<Liquidation> all = it->second;
    all.insert(all.end(), held.begin(), held.end());
    std::stable_sort(all.begin(), all.end(), [&](const Liquidation &a, const Liquidation &b) { return key(a) > key(b); });
    all.erase(std::unique(all.begin(), all.end(), [&](const Liquidation &a, const Liquidation &b) { return key(a) == key(b); }),
              all.end());
    return all;
}
} // namespace

LiquidationsResult buildLiquidations(const std::vector<SnapshotPtr> &snapshots, size_t limit, int64_t nowMs,
                                     int64_t fromMs, int64_t toMs, const StoredLiquidations *stored)
{
    const bool ranged = fromMs != INT64_MIN || toMs != INT64_MAX;
    int64_t oldestHeld = 0; // over symbols that dropped items: the latest of their oldest held
    LiquidationsResult r;
    r.quality.coverage = 1;
    bool first = true;
    for (const SnapshotPtr &s : snapshots) {
        r.symbols.push_back(s->symbol.name);
        // The merged record is only as good as its weakest symbol.
        if (first) {
            r.quality.live = s->quality.live;
            r.quality.source = s->quality.source;
            first = false;
        }
        r.quality.live = r.quality.live && s->quality.live;
        r.quality.ageMs = std::max(r.quality.ageMs, std::max<int64_t>(0, nowMs - s->asOfMs));
        if (!s->liquidations)
            continue;
        r.seen += s->liquidations->seen();
        const bool fromCache = ranged && stored && stored->count(s->symbol.name);
        if (!fromCache && s->liquidations->seen() > int64_t(s->liquidations->size()))
            oldestHeld = std::max(oldestHeld, s->liquidations->oldestHeldMs());
        std::vector<Liquidation> items = ranged ? rangeOf(*s, fromMs, toMs, stored) : s->liquidations->newest(limit);
        if (items.size() > limit)
            items.resize(limit);
        for (const Liquidation &l : items)
            r.items.push_back({s->symbol.name, l, liquidationNotional(l)});
    }
    std::stable_sort(r.items.begin(), r.items.end(), [](const LiquidationItem &a, const LiquidationItem &b) {
        return a.order.tradeMs > b.order.tradeMs;
    });
    if (r.items.size() > limit)
        r.items.resize(limit);
    r.quality.tickSource = snapshots.size() == 1 ? snapshots[0]->quality.tickSource : TickSource::Inferred;
    if (snapshots.size() == 1)
        r.quality.tickSize = snapshots[0]->quality.tickSize;

    for (int64_t window : {kMsPerHour, 4 * kMsPerHour, kMsPerDay}) {
        LiquidationWindow w;
        w.windowMs = window;
        w.oneSymbol = snapshots.size() == 1;
        int64_t longQty = 0, shortQty = 0;
        for (const SnapshotPtr &s : snapshots) {
            if (!s->liquidations)
                continue;
            const LiquidationTotals t = s->liquidations->totals(nowMs, window);
            w.count += t.count;
            w.longNotional += t.longNotional;
            w.shortNotional += t.shortNotional;
            longQty += t.longQty;
            shortQty += t.shortQty;
            if (t.hasLargest && (!w.hasLargest || liquidationNotional(t.largest) > w.largest.notional)) {
                w.hasLargest = true;
                w.largest = {s->symbol.name, t.largest, liquidationNotional(t.largest)};
            }
        }
        w.longQty = fixedToDouble(longQty);
        w.shortQty = fixedToDouble(shortQty);
        r.totals.push_back(w);
    }
    if (ranged) {
        LiquidationWindow w;
        w.oneSymbol = snapshots.size() == 1;
        int64_t longQty = 0, shortQty = 0;
        for (const SnapshotPtr &s : snapshots) {
            if (!s->liquidations)
                continue;
            for (const Liquidation &l : rangeOf(*s, fromMs, toMs, stored)) {
                const double n = liquidationNotional(l);
                ++w.count;
                (l.side == Side::Sell ? w.longNotional : w.shortNotional) += n;
                (l.side == Side::Sell ? longQty : shortQty) += l.filledQty;
                if (!w.hasLargest || n > w.largest.notional) {
                    w.hasLargest = true;
                    w.largest = {s->symbol.name, l, n};
                }
            }
        }
        w.longQty = fixedToDouble(longQty);
        w.shortQty = fixedToDouble(shortQty);
        r.totals.push_back(w);
        if (oldestHeld > 0 && fromMs < oldestHeld)
            r.quality.warnings.push_back("only the newest " + std::to_string(LiquidationStore::kRing) +
                                         " liquidations per symbol are held (from " + isoTimeMs(oldestHeld) +
                                         "): the range's older part is not included");
    }
    if (!r.items.empty()) {
        r.quality.fromMs = r.items.back().order.tradeMs;
        r.quality.toMs = r.items.front().order.tradeMs;
    }
    r.quality.warnings.push_back("Binance sends at most one liquidation per symbol per second: totals are lower bounds");
    if (r.seen == 0)
        r.quality.warnings.push_back("no forced orders received since start-up");
    return r;
}

} // namespace co
