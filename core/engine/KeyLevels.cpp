#include "engine/KeyLevels.h"

#include "engine/BarMarks.h"

#include "indicators/Imbalance.h"
#include "indicators/ValueArea.h"
#include "model/Fixed.h"
#include "model/Time.h"

#include <algorithm>
#include <cstdio>

namespace co {

double rowPrice(const EngineSnapshot &s, int64_t row, int64_t grouping)
{
    return fixedToDouble(row * grouping * s.symbol.tickSize);
}

double qtyValue(int64_t units) { return fixedToDouble(units); }

namespace {
constexpr size_t kMaxGapsOut = 10;

std::string percentText(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
    return buf;
}
} // namespace

DataQuality qualityFor(const EngineSnapshot &s, int64_t spanStartMs, int64_t spanEndMs, int64_t firstTradeMs,
                       int64_t lastTradeMs, int64_t nowMs)
{
    DataQuality q = s.quality;
    q.gaps.clear();
    q.gapsOmitted = 0;
    int64_t gapMs = 0;
    for (const Gap &g : s.quality.gaps) {
        if (g.toMs < spanStartMs || g.fromMs >= spanEndMs)
            continue;
        gapMs += std::max<int64_t>(0, std::min(g.toMs, spanEndMs) - std::max(g.fromMs, spanStartMs));
        if (q.gaps.size() < kMaxGapsOut)
            q.gaps.push_back(g);
        else
            ++q.gapsOmitted;
    }
    q.fromMs = firstTradeMs;
    q.toMs = lastTradeMs;
    const int64_t span = spanEndMs - spanStartMs;
    if (span > 0 && lastTradeMs >= firstTradeMs && firstTradeMs > 0) {
        const int64_t covered = std::min(lastTradeMs + 1, spanEndMs) - std::max(firstTradeMs, spanStartMs) - gapMs;
        q.coverage = std::clamp(double(covered) / double(span), 0.0, 1.0);
    } else {
        q.coverage = 0;
    }
    q.ageMs = nowMs > 0 ? std::max<int64_t>(0, nowMs - s.asOfMs) : 0;
    if (q.coverage < 0.99 && firstTradeMs > 0)
        q.warnings.push_back("trades cover " + percentText(q.coverage) + " of the requested span (" +
                             isoTimeMs(firstTradeMs) + " to " + isoTimeMs(lastTradeMs) + ")");
    if (q.tickSource == TickSource::Inferred)
        q.warnings.push_back("tick size inferred from the price grid of the data");
    return q;
}

namespace {
// A2 statistics and A3 marks of one bar on its (merged) rows.
void addBarProfile(FootprintBarResult &r, const FootprintBar &b, const Ladder &rows, const EngineSnapshot &s, int64_t k)
{
    const int64_t unit = k * s.symbol.tickSize;
    r.deltaMax = qtyValue(b.deltaMax);
    r.deltaMin = qtyValue(b.deltaMin);
    r.quoteVolume = b.sums.notional();
    if (rows.empty())
        return;
    if (auto pl = profileLevels(rows, s.config.valueAreaBp, s.config.valueAreaMethod)) {
        r.vah = fixedToDouble(pl->vahRow * unit);
        r.val = fixedToDouble(pl->valRow * unit);
    }
    const RowVolume &top = rows.at(rows.highRow()), &bottom = rows.at(rows.lowRow());
    r.unfinishedHigh = top.buy > 0 && top.sell > 0;
    r.unfinishedLow = bottom.buy > 0 && bottom.sell > 0;
    for (int64_t row = rows.lowRow() + 1; row < rows.highRow(); ++row)
        if (rows.at(row).total() == 0)
            r.zeroPrints.push_back(fixedToDouble(row * unit));
}
} // namespace

std::vector<FootprintBarResult> buildFootprint(const EngineSnapshot &s, const DayView &day, const FootprintQuery &q)
{
    return buildFootprintOf(s, day.barsOf(q.timeframe), day.minuteBars, s.config.cvdContinuous ? day.cvdBefore : 0, q);
}

std::vector<FootprintBarResult> buildFootprintOf(const EngineSnapshot &s, const std::vector<BarPtr> &bars,
                                                 const std::vector<BarPtr> &minutes, int64_t cvdStart,
                                                 const FootprintQuery &q)
{
    const int64_t k = std::max<int64_t>(1, q.grouping);
    const int64_t tick = s.symbol.tickSize;
    const int64_t tfMs = timeframeMs(q.timeframe);
    std::vector<FootprintBarResult> out;

    // CVD at each bar's close, and later bars' extremes for stacked-zone activity.
    std::vector<int64_t> cvd(bars.size());
    int64_t run = cvdStart;
    for (size_t i = 0; i < bars.size(); ++i)
        cvd[i] = run += bars[i]->delta();
    std::vector<int64_t> laterLow(bars.size() + 1, INT64_MAX), laterHigh(bars.size() + 1, INT64_MIN);
    for (size_t i = bars.size(); i-- > 0;) {
        laterLow[i] = std::min(laterLow[i + 1], bars[i]->low);
        laterHigh[i] = std::max(laterHigh[i + 1], bars[i]->high);
    }

    size_t first = 0, last = bars.size();
    while (first < last && bars[first]->openTime < q.startMs)
        ++first;
    while (last > first && bars[last - 1]->openTime >= q.endMs)
        --last;
    if (last - first > q.limit)
        first = last - q.limit;

    for (size_t i = first; i < last; ++i) {
        const FootprintBar &b = *bars[i];
        FootprintBarResult r;
        r.openTime = b.openTime;
        r.open = fixedToDouble(b.open);
        r.high = fixedToDouble(b.high);
        r.low = fixedToDouble(b.low);
        r.close = fixedToDouble(b.close);
        r.volume = qtyValue(b.volume());
        r.buyVolume = qtyValue(b.buy);
        r.sellVolume = qtyValue(b.sell);
        r.delta = qtyValue(b.delta());
        r.cvd = qtyValue(cvd[i]);
        r.trades = b.trades;
        r.buyShare = b.volume() ? double(b.buy) / double(b.volume()) : 0;
        r.largeTradeShare = b.volume() ? double(b.largeVolume) / double(b.volume()) : 0;
        if (i > 0) {
            const FootprintBar &p = *bars[i - 1];
            r.deltaDivergence = (b.high > p.high && b.delta() < 0) || (b.low < p.low && b.delta() > 0);
        }
        const Ladder rows = b.rows.grouped(k);
        if (auto poc = pocRow(rows))
            r.poc = fixedToDouble(*poc * k * tick);
        addBarProfile(r, b, rows, s, k);
        addBarMarks(r, b, barMinutes(minutes, b.openTime, tfMs), s, q);
        const BarImbalances im = findImbalances(rows, s.config.imbalance);
        for (int64_t row : im.buyRows)
            r.buyImbalances.push_back(fixedToDouble(row * k * tick));
        for (int64_t row : im.sellRows)
            r.sellImbalances.push_back(fixedToDouble(row * k * tick));
        for (const StackedZone &z : im.stacked) {
            StackedResult sr;
            sr.low = fixedToDouble(z.lowRow * k * tick);
            sr.high = fixedToDouble(z.highRow * k * tick);
            sr.side = z.side == ImbalanceSide::Buy ? "BUY" : "SELL";
            sr.count = z.count;
            // BUY zone (support) is traded through when a later trade goes below its low;
            // SELL zone (resistance) when one goes above its high.
            sr.active = z.side == ImbalanceSide::Buy ? laterLow[i + 1] >= z.lowRow * k * tick
                                                     : laterHigh[i + 1] <= (z.highRow + 1) * k * tick - 1;
            r.stacked.push_back(sr);
        }
        if (q.rows && !rows.empty()) {
            for (int64_t row = rows.lowRow(); row <= rows.highRow(); ++row) {
                const RowVolume &v = rows.at(row);
                r.rows.push_back({fixedToDouble(row * k * tick), qtyValue(v.sell), qtyValue(v.buy), v.trades});
            }
            if (q.topN > 0 && r.rows.size() > size_t(q.topN)) {
                std::stable_sort(r.rows.begin(), r.rows.end(),
                                 [](const FootprintRow &a, const FootprintRow &b) { return a.buy + a.sell > b.buy + b.sell; });
                r.rows.resize(size_t(q.topN));
                std::sort(r.rows.begin(), r.rows.end(),
                          [](const FootprintRow &a, const FootprintRow &b) { return a.price > b.price; });
            } else {
                std::reverse(r.rows.begin(), r.rows.end()); // highest price first, as drawn
            }
        }
        out.push_back(std::move(r));
    }
    return out;
}

std::optional<VwapBands> anchoredVwap(const EngineSnapshot &s, int64_t anchorMs, bool *exactAnchor)
{
    const int64_t minute = anchorMs - floorMod(anchorMs, kMsPerMinute);
    if (exactAnchor)
        *exactAnchor = minute == anchorMs;
    VwapSums sums;
    for (const auto &day : {s.prior, s.today}) {
        if (!day)
            continue;
        for (const BarPtr &b : day->barsOf(Timeframe::M1))
            if (b->openTime >= minute)
                sums.merge(b->sums);
    }
    return sums.bands();
}

namespace {
// POC/VA on rows merged g ticks at a time (A1); the exact ladder when g is 1.
std::optional<ProfileLevels> levelsOf(const Ladder &profile, const EngineSnapshot &s, int64_t g)
{
    if (g <= 1)
        return profileLevels(profile, s.config.valueAreaBp, s.config.valueAreaMethod);
    return profileLevels(profile.grouped(g), s.config.valueAreaBp, s.config.valueAreaMethod);
}

SessionResult sessionResult(const SessionView &v, int64_t nowMs)
{
    SessionResult r;
    r.name = v.name;
    r.start = hhmm(v.startMin);
    r.end = hhmm(v.endMin);
    r.active = nowMs >= v.windowStartMs && nowMs < v.windowEndMs;
    if (!v.stats)
        return r;
    const SessionStats &st = *v.stats;
    r.trades = st.trades;
    r.high = fixedToDouble(st.high);
    r.low = fixedToDouble(st.low);
    r.open = fixedToDouble(st.open);
    r.close = fixedToDouble(st.close);
    r.volume = qtyValue(st.buy + st.sell);
    r.buyVolume = qtyValue(st.buy);
    r.sellVolume = qtyValue(st.sell);
    r.delta = qtyValue(st.buy - st.sell);
    if (auto vw = st.sums.vwap())
        r.vwap = *vw;
    return r;
}
} // namespace

KeyLevels buildKeyLevels(const EngineSnapshot &s, const KeyLevelsOptions &o)
{
    KeyLevels k;
    k.symbol = s.symbol.name;
    k.tickSize = fixedToDouble(s.symbol.tickSize);
    const int64_t now = o.nowMs > 0 ? o.nowMs : s.asOfMs;
    const int64_t g = std::max<int64_t>(1, o.grouping);
    if (!s.today) {
        k.quality = qualityFor(s, 0, 0, 0, 0, o.nowMs);
        return k;
    }
    const DayView &d = *s.today;
    const DayTotals &t = d.totals;
    k.date = isoDate(d.day);
    k.trades = t.trades;
    k.volume = qtyValue(t.volume());
    k.buyVolume = qtyValue(t.buy);
    k.sellVolume = qtyValue(t.sell);
    k.delta = qtyValue(t.delta());
    k.cvd = qtyValue((s.config.cvdContinuous ? d.cvdBefore : 0) + t.delta());
    if (t.trades) {
        k.open = fixedToDouble(t.open);
        k.high = fixedToDouble(t.high);
        k.low = fixedToDouble(t.low);
        k.close = fixedToDouble(t.close);
        if (auto b = t.sums.bands()) {
            k.dVWAP = b->vwap;
            k.bands = *b;
        }
        if (d.profile)
            if (auto pl = levelsOf(*d.profile, s, g)) {
                k.dPOC = rowPrice(s, pl->pocRow, g);
                k.dVAH = rowPrice(s, pl->vahRow, g);
                k.dVAL = rowPrice(s, pl->valRow, g);
            }
    }
    if (s.prior && s.prior->totals.trades) {
        const DayView &p = *s.prior;
        k.pdVWAP = p.totals.sums.vwap();
        k.pdHigh = fixedToDouble(p.totals.high);
        k.pdLow = fixedToDouble(p.totals.low);
        k.pdClose = fixedToDouble(p.totals.close);
        if (p.profile)
            if (auto pl = levelsOf(*p.profile, s, g)) {
                k.pdPOC = rowPrice(s, pl->pocRow, g);
                k.pdVAH = rowPrice(s, pl->vahRow, g);
                k.pdVAL = rowPrice(s, pl->valRow, g);
            }
    }
    for (const SessionView &v : s.todaySessions)
        k.sessions.push_back(sessionResult(v, now));

    // Naked POCs: a completed day's POC no later trade has reached (lo/hi after that day).
    if (s.hasTrade) {
        int64_t lo = t.trades ? t.low : INT64_MAX, hi = t.trades ? t.high : INT64_MIN;
        std::vector<NakedPoc> naked;
        for (auto it = s.history.rbegin(); it != s.history.rend(); ++it) {
            if (it->day >= d.day)
                continue;
            const int64_t poc = it->pocRow * s.symbol.tickSize;
            if (it->hasTrades && (lo == INT64_MAX || poc < lo || poc > hi)) {
                NakedPoc n;
                n.date = isoDate(it->day);
                n.price = fixedToDouble(poc);
                n.distance = fixedToDouble(poc - s.lastPrice);
                n.distancePct = s.lastPrice ? double(poc - s.lastPrice) / double(s.lastPrice) * 100 : 0;
                naked.push_back(n);
            }
            if (it->hasTrades) {
                lo = std::min(lo, it->low);
                hi = std::max(hi, it->high);
            }
        }
        k.nakedPOCs = std::move(naked); // newest day first
    }

    for (Timeframe tf : o.timeframes) {
        FootprintQuery q;
        q.timeframe = tf;
        q.rows = o.rows;
        q.grouping = g;
        q.events = o.events;
        k.footprint[std::string(timeframeName(tf))] = buildFootprint(s, d, q);
    }
    const int64_t spanEnd = std::min(d.endMs, std::max(now + 1, t.lastMs + 1));
    k.quality = qualityFor(s, d.startMs, spanEnd, t.firstMs, t.lastMs, o.nowMs);
    return k;
}

} // namespace co
