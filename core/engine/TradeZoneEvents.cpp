#include "engine/TradeZoneEvents.h"

#include "engine/BarMarks.h"
#include "indicators/ZoneEvents.h"
#include "model/Time.h"

#include <algorithm>

namespace co {

namespace {
// Round half up of price / tick, as MarketEngine::onTrade (prices are positive).
int64_t tickRowOf(int64_t price, int64_t tick) noexcept { return (2 * price + tick) / (2 * tick); }

struct BarTrades {
    ZoneTracker tracker;
    std::vector<int64_t> perMinute; // trades read in each minute of the bar
};

// The engine's minute bars of both days it holds, by open time.
std::vector<BarPtr> engineMinutes(const EngineSnapshot &s)
{
    std::vector<BarPtr> m;
    for (const auto &day : {s.prior, s.today})
        if (day)
            m.insert(m.end(), day->minuteBars.begin(), day->minuteBars.end());
    std::stable_sort(m.begin(), m.end(), [](const BarPtr &a, const BarPtr &b) { return a->openTime < b->openTime; });
    return m;
}

// The open time of the first minute of the bar whose trades read differ from the engine's.
int64_t firstMismatch(const BarTrades &t, std::span<const BarPtr> minutes, int64_t openTime)
{
    auto m = minutes.begin();
    for (size_t j = 0; j < t.perMinute.size(); ++j) {
        const int64_t at = openTime + int64_t(j) * kMsPerMinute;
        while (m != minutes.end() && (*m)->openTime < at)
            ++m;
        const int64_t engine = m != minutes.end() && (*m)->openTime == at ? (*m)->trades : 0;
        if (engine != t.perMinute[j])
            return at;
    }
    return INT64_MAX;
}
} // namespace

ExactEvents exactZoneEvents(std::vector<FootprintBarResult> &bars, const EngineSnapshot &s, const FootprintQuery &q,
                            const TradeReader &read)
{
    ExactEvents out;
    const int64_t tick = s.symbol.tickSize, tfMs = timeframeMs(q.timeframe);
    if (bars.empty() || !read || tick <= 0 || !q.events)
        return out;
    const int64_t k = std::max<int64_t>(1, q.grouping);
    std::vector<BarTrades> st;
    st.reserve(bars.size());
    for (size_t i = 0; i < bars.size(); ++i)
        st.push_back({ZoneTracker(k, s.config.imbalance), std::vector<int64_t>(size_t(tfMs / kMsPerMinute))});
    const int64_t from = bars.front().openTime, to = bars.back().openTime + tfMs;
    out.read = read(from, to, [&](std::span<const Trade> trades) {
        for (const Trade &t : trades) {
            auto it = std::upper_bound(bars.begin(), bars.end(), t.timeMs,
                                       [](int64_t ms, const FootprintBarResult &b) { return ms < b.openTime; });
            if (it == bars.begin() || t.timeMs >= (--it)->openTime + tfMs)
                continue; // between the bars asked
            BarTrades &b = st[size_t(it - bars.begin())];
            ++b.perMinute[size_t((t.timeMs - it->openTime) / kMsPerMinute)];
            b.tracker.addTrade(t.id, t.timeMs, tickRowOf(t.price, tick), t.qty, t.takerBuy());
        }
        return true;
    });
    if (!out.read)
        return out;
    const std::vector<BarPtr> minutes = engineMinutes(s);
    const int64_t unit = k * tick;
    for (size_t i = 0; i < bars.size(); ++i) {
        FootprintBarResult &r = bars[i];
        const std::span<const BarPtr> m = barMinutes(minutes, r.openTime, tfMs);
        const int64_t cut = firstMismatch(st[i], m, r.openTime);
        std::vector<ZoneFormed> ev = st[i].tracker.takeEvents();
        if (cut == INT64_MAX) {
            ++out.exactBars;
        } else {
            // Trades of the minutes before the cut all came before (ids grow with time): exact there.
            std::erase_if(ev, [&](const ZoneFormed &e) { return e.timeMs >= cut; });
            for (const ZoneFormed &e : zoneFormation(m, k, s.config.imbalance))
                if (e.timeMs >= cut)
                    ev.push_back(e);
            out.minuteFromMs = std::min(out.minuteFromMs, cut);
        }
        r.events.clear();
        for (const ZoneFormed &e : ev)
            r.events.push_back(zoneEventResult(e, unit));
    }
    return out;
}

TradeReader tradesInMemory(std::span<const Trade> trades)
{
    return [trades](int64_t fromMs, int64_t toMs, const TradeSink &sink) {
        std::vector<Trade> chunk;
        for (const Trade &t : trades) {
            if (t.timeMs < fromMs || t.timeMs >= toMs)
                continue;
            chunk.push_back(t);
            if (chunk.size() == 4096) {
                if (!sink(chunk))
                    return true;
                chunk.clear();
            }
        }
        if (!chunk.empty())
            sink(chunk);
        return true;
    };
}

} // namespace co
