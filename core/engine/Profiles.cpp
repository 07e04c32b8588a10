#include "engine/Profiles.h"

#include "indicators/ValueArea.h"
#include "model/Fixed.h"
#include "model/Time.h"

#include <algorithm>

namespace co {

namespace {
std::vector<BarPtr> minuteBarsIn(const EngineSnapshot &s, int64_t fromMs, int64_t toMs)
{
    std::vector<BarPtr> out;
    for (const auto &day : {s.prior, s.today})
        if (day)
            for (const BarPtr &b : day->minuteBars)
                if (b->openTime >= fromMs && b->openTime < toMs && b->trades > 0)
                    out.push_back(b);
    return out;
}

double edge(const EngineSnapshot &s, int64_t row, int64_t k) { return fixedToDouble(row * k * s.symbol.tickSize); }
} // namespace

char tpoLetter(int i) noexcept { return i < 26 ? char('A' + i) : char('a' + (i - 26)); }

SessionProfile sessionProfile(const EngineSnapshot &s, const SessionView &v, int64_t k, bool rows, int64_t nowMs)
{
    SessionProfile p;
    p.name = v.name;
    p.start = hhmm(v.startMin);
    p.end = hhmm(v.endMin);
    p.windowStartMs = v.windowStartMs;
    p.windowEndMs = v.windowEndMs;
    p.active = nowMs >= v.windowStartMs && nowMs < v.windowEndMs;
    const std::vector<BarPtr> bars = minuteBarsIn(s, v.windowStartMs, v.windowEndMs);
    if (bars.empty())
        return p;
    Ladder ladder;
    VwapSums sums;
    int64_t buy = 0, sell = 0, hi = INT64_MIN, lo = INT64_MAX;
    for (const BarPtr &b : bars) {
        for (int64_t r = b->rows.lowRow(); !b->rows.empty() && r <= b->rows.highRow(); ++r)
            if (const RowVolume &rv = b->rows.at(r); rv.trades)
                ladder.addRow(r, rv);
        sums.merge(b->sums);
        buy += b->buy;
        sell += b->sell;
        p.trades += b->trades;
        hi = std::max(hi, b->high);
        lo = std::min(lo, b->low);
    }
    p.volume = qtyValue(buy + sell);
    p.buyVolume = qtyValue(buy);
    p.sellVolume = qtyValue(sell);
    p.delta = qtyValue(buy - sell);
    p.high = fixedToDouble(hi);
    p.low = fixedToDouble(lo);
    p.vwap = sums.vwap();
    const Ladder merged = k > 1 ? ladder.grouped(k) : ladder;
    if (auto pl = profileLevels(merged, s.config.valueAreaBp, s.config.valueAreaMethod)) {
        p.poc = edge(s, pl->pocRow, k);
        p.vah = edge(s, pl->vahRow, k);
        p.val = edge(s, pl->valRow, k);
    }
    // Minutes with trades over the minutes of the window so far.
    const int64_t until = std::min(v.windowEndMs, std::max(nowMs, bars.back()->openTime + kMsPerMinute));
    const int64_t minutes = std::max<int64_t>(1, (until - v.windowStartMs + kMsPerMinute - 1) / kMsPerMinute);
    p.coverage = std::min(1.0, double(bars.size()) / double(minutes));
    if (rows)
        for (int64_t r = merged.highRow(); r >= merged.lowRow(); --r) {
            const RowVolume &rv = merged.at(r);
            p.rows.push_back({edge(s, r, k), qtyValue(rv.total()), qtyValue(rv.buy), qtyValue(rv.sell), {}});
        }
    return p;
}

TpoProfile tpoProfile(const EngineSnapshot &s, int64_t fromMs, int64_t toMs, const TpoOptions &o)
{
    TpoProfile t;
    t.fromMs = fromMs;
    t.toMs = toMs;
    const int64_t k = std::max<int64_t>(1, o.ticksPerRow);
    const int64_t periodMs = int64_t(o.periodMinutes) * kMsPerMinute;
    const std::vector<BarPtr> bars = minuteBarsIn(s, fromMs, toMs);
    if (bars.empty())
        return t;
    // Letters per merged row: bit i = period i printed there (at most 52 periods).
    Ladder volume;
    int64_t hi = INT64_MIN, lo = INT64_MAX;
    for (const BarPtr &b : bars) {
        for (int64_t r = b->rows.lowRow(); !b->rows.empty() && r <= b->rows.highRow(); ++r)
            if (const RowVolume &rv = b->rows.at(r); rv.trades)
                volume.addRow(r, rv);
        hi = std::max(hi, b->high);
        lo = std::min(lo, b->low);
    }
    const Ladder merged = k > 1 ? volume.grouped(k) : volume;
    const int64_t base = merged.lowRow();
    const size_t n = merged.size();
    std::vector<uint64_t> letters(n, 0);
    std::vector<int64_t> periodHigh, periodLow; // real prices per period
    for (const BarPtr &b : bars) {
        const int i = int((b->openTime - fromMs) / periodMs);
        if (size_t(i) >= periodHigh.size()) {
            periodHigh.resize(size_t(i) + 1, INT64_MIN);
            periodLow.resize(size_t(i) + 1, INT64_MAX);
        }
        periodHigh[size_t(i)] = std::max(periodHigh[size_t(i)], b->high);
        periodLow[size_t(i)] = std::min(periodLow[size_t(i)], b->low);
        Ladder merged1; // only when rows are merged: a day has 1440 minute ladders, not copied at k = 1
        const Ladder &g = k > 1 ? (merged1 = b->rows.grouped(k)) : b->rows;
        for (int64_t r = g.lowRow(); !g.empty() && r <= g.highRow(); ++r)
            if (g.at(r).trades)
                letters[size_t(r - base)] |= uint64_t(1) << i;
    }
    t.periods = int(periodHigh.size());
    std::vector<int64_t> counts(n);
    for (size_t i = 0; i < n; ++i)
        counts[i] = __builtin_popcountll(letters[i]);
    t.high = fixedToDouble(hi);
    t.low = fixedToDouble(lo);
    const int64_t bp = s.config.valueAreaBp;
    if (auto pl = profileLevels(merged, bp, s.config.valueAreaMethod)) {
        t.volumePoc = edge(s, pl->pocRow, k);
        t.volumeVah = edge(s, pl->vahRow, k);
        t.volumeVal = edge(s, pl->valRow, k);
    }
    if (auto va = valueArea(counts, bp, s.config.valueAreaMethod)) {
        t.tpoPoc = edge(s, base + int64_t(va->poc), k);
        t.tpoVah = edge(s, base + int64_t(va->high), k);
        t.tpoVal = edge(s, base + int64_t(va->low), k);
    }
    if (o.useVolumeForVA) { // Exocharts' "use volume for TPO POC + VA"
        t.tpoPoc = t.volumePoc;
        t.tpoVah = t.volumeVah;
        t.tpoVal = t.volumeVal;
    }
    // Initial balance and the first period beyond it on each side.
    int64_t ibHi = INT64_MIN, ibLo = INT64_MAX;
    for (int i = 0; i < std::min<int>(o.ibPeriods, t.periods); ++i) {
        ibHi = std::max(ibHi, periodHigh[size_t(i)]);
        ibLo = std::min(ibLo, periodLow[size_t(i)]);
    }
    if (ibHi != INT64_MIN) {
        t.ibHigh = fixedToDouble(ibHi);
        t.ibLow = fixedToDouble(ibLo);
        for (int i = o.ibPeriods; i < t.periods; ++i) {
            const int64_t start = fromMs + int64_t(i) * periodMs;
            if (!t.rangeExtensionUp && periodHigh[size_t(i)] != INT64_MIN && periodHigh[size_t(i)] > ibHi)
                t.rangeExtensionUp = TpoExtension{std::string(1, tpoLetter(i)), start, fixedToDouble(hi - ibHi)};
            if (!t.rangeExtensionDown && periodLow[size_t(i)] != INT64_MAX && periodLow[size_t(i)] < ibLo)
                t.rangeExtensionDown = TpoExtension{std::string(1, tpoLetter(i)), start, fixedToDouble(ibLo - lo)};
        }
    }
    // Single prints (runs of one-letter rows), tails from either end, poor extremes.
    for (size_t i = 0; i < n;) {
        if (counts[i] != 1) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j + 1 < n && counts[j + 1] == 1)
            ++j;
        t.singlePrints.push_back({edge(s, base + int64_t(i), k), edge(s, base + int64_t(j), k), int(j - i + 1)});
        if (i == 0 && int(j - i + 1) >= o.tailMinLength)
            t.buyingTail = t.singlePrints.back();
        if (j == n - 1 && int(j - i + 1) >= o.tailMinLength)
            t.sellingTail = t.singlePrints.back();
        i = j + 1;
    }
    t.poorHigh = counts[n - 1] >= 2;
    t.poorLow = counts[0] >= 2;
    if (o.levels)
        for (size_t i = n; i-- > 0;) {
            std::string l;
            for (int p = 0; p < t.periods; ++p)
                if (letters[i] >> p & 1)
                    l += tpoLetter(p);
            const RowVolume &rv = merged.at(base + int64_t(i));
            t.rows.push_back({edge(s, base + int64_t(i), k), qtyValue(rv.total()), qtyValue(rv.buy), qtyValue(rv.sell), l});
        }
    return t;
}

} // namespace co
