#include "indicators/Structure.h"

#include <algorithm>

namespace co {

std::vector<PriceBar> klinesFromMinutes(const std::vector<BarPtr> &minuteBars, int64_t intervalMs, int64_t endMs)
{
    std::vector<PriceBar> out;
    if (intervalMs <= 0)
        return out;
    for (const BarPtr &b : minuteBars) {
        if (!b || b->trades == 0)
            continue;
        if (b->openTime + 60'000 > endMs) // as of endMs: only minutes already over
            break;
        const int64_t open = b->openTime - ((b->openTime % intervalMs) + intervalMs) % intervalMs;
        if (out.empty() || out.back().openTime != open) {
            out.push_back(PriceBar{open, b->open, b->high, b->low, b->close, b->volume()});
            continue;
        }
        PriceBar &k = out.back(); // minute bars ascend: the first gives the open, the last the close
        k.high = std::max(k.high, b->high);
        k.low = std::min(k.low, b->low);
        k.close = b->close;
        k.volume += b->volume();
    }
    return out;
}

std::vector<Pivot> findPivots(const std::vector<PriceBar> &k, int left, int right)
{
    std::vector<Pivot> out;
    const size_t n = k.size(), l = size_t(std::max(left, 1)), r = size_t(std::max(right, 1));
    for (size_t i = l; i + r < n; ++i) {
        bool hi = true, lo = true;
        // Strict against the bars before, non-strict after: of equal highs the first is the pivot.
        for (size_t j = i - l; j < i; ++j) {
            hi = hi && k[i].high > k[j].high;
            lo = lo && k[i].low < k[j].low;
        }
        for (size_t j = i + 1; j <= i + r; ++j) {
            hi = hi && k[i].high >= k[j].high;
            lo = lo && k[i].low <= k[j].low;
        }
        if (hi)
            out.push_back(Pivot{i, k[i].openTime, k[i].high, true});
        if (lo)
            out.push_back(Pivot{i, k[i].openTime, k[i].low, false});
    }
    return out;
}

std::vector<LiquidityLevel> swingLiquidity(const std::vector<PriceBar> &k, int left, int right)
{
    std::vector<LiquidityLevel> out;
    for (const Pivot &p : findPivots(k, left, right)) {
        LiquidityLevel l{p.high, p.price, p.time, false, 0};
        for (size_t j = p.index + 1; j < k.size(); ++j)
            if (p.high ? k[j].high > p.price : k[j].low < p.price) {
                l.swept = true;
                l.sweptAt = k[j].openTime;
                break;
            }
        out.push_back(l);
    }
    return out;
}

const char *trendName(Trend t) noexcept
{
    switch (t) {
    case Trend::Up: return "up";
    case Trend::Down: return "down";
    case Trend::Range: break;
    }
    return "range";
}

namespace {
// Alternating swings: of two same-side pivots in a row the more extreme stays.
void addSwing(std::vector<Swing> &s, const Pivot &p)
{
    if (!s.empty() && s.back().high == p.high) {
        Swing &last = s.back();
        if (p.high ? p.price > last.price : p.price < last.price)
            last = Swing{p.time, p.price, p.high, p.index, ""};
        return;
    }
    s.push_back(Swing{p.time, p.price, p.high, p.index, ""});
}

// The newest swing of a side and the one before it (nullptr when missing).
std::pair<const Swing *, const Swing *> lastTwo(const std::vector<Swing> &s, bool high)
{
    const Swing *last = nullptr, *prev = nullptr;
    for (auto it = s.rbegin(); it != s.rend() && !prev; ++it)
        if (it->high == high)
            (last ? prev : last) = &*it;
    return {last, prev};
}

Trend trendOf(const std::vector<Swing> &s)
{
    const auto [h, ph] = lastTwo(s, true);
    const auto [l, pl] = lastTwo(s, false);
    if (!h || !ph || !l || !pl)
        return Trend::Range;
    if (h->price > ph->price && l->price > pl->price)
        return Trend::Up;
    if (h->price < ph->price && l->price < pl->price)
        return Trend::Down;
    return Trend::Range;
}
} // namespace

MarketStructure marketStructure(const std::vector<PriceBar> &k, int left, int right, double zigzagPercent)
{
    MarketStructure m;
    const std::vector<Pivot> pivots = findPivots(k, left, right);
    const size_t r = size_t(std::max(right, 1));
    size_t next = 0;
    // Swing times already broken, so a level gives one event only.
    int64_t brokenHigh = -1, brokenLow = -1;
    for (size_t bar = 0; bar < k.size(); ++bar) {
        // Pivots confirmed before this bar closes (known `right` bars after the pivot bar).
        while (next < pivots.size() && pivots[next].index + r < bar)
            addSwing(m.swings, pivots[next++]);
        const Trend t = trendOf(m.swings);
        // In a range the side of the last break is the reference; before any break, breaks are BOS.
        std::optional<bool> refUp;
        if (t != Trend::Range)
            refUp = t == Trend::Up;
        else if (!m.events.empty())
            refUp = m.events.back().up;
        const Swing *h = lastTwo(m.swings, true).first;
        const Swing *l = lastTwo(m.swings, false).first;
        if (h && h->time != brokenHigh && k[bar].close > h->price) {
            m.events.push_back(StructureEvent{refUp && !*refUp, true, k[bar].openTime, h->price, k[bar].close, h->time});
            brokenHigh = h->time;
        }
        if (l && l->time != brokenLow && k[bar].close < l->price) {
            m.events.push_back(StructureEvent{refUp && *refUp, false, k[bar].openTime, l->price, k[bar].close, l->time});
            brokenLow = l->time;
        }
    }
    while (next < pivots.size())
        addSwing(m.swings, pivots[next++]);
    for (size_t i = 0; i < m.swings.size(); ++i) {
        Swing &s = m.swings[i];
        const Swing *prev = i >= 2 ? &m.swings[i - 2] : nullptr;
        if (s.high)
            s.label = !prev ? "H" : s.price > prev->price ? "HH" : "LH";
        else
            s.label = !prev ? "L" : s.price < prev->price ? "LL" : "HL";
    }
    m.trend = trendOf(m.swings);
    if (zigzagPercent > 0)
        m.zigzag = zigzag(k, zigzagPercent);
    return m;
}

std::vector<ZigZagPoint> zigzag(const std::vector<PriceBar> &k, double percent)
{
    std::vector<ZigZagPoint> out;
    if (k.empty() || percent <= 0)
        return out;
    const double f = percent / 100.0;
    int dir = 0; // 0 until the first leg, +1 rising (tracking a high), -1 falling
    ZigZagPoint hi{k[0].openTime, k[0].high, true, false}, lo{k[0].openTime, k[0].low, false, false};
    for (const PriceBar &b : k) {
        if (dir >= 0 && b.high > hi.price)
            hi = {b.openTime, b.high, true, false};
        if (dir <= 0 && b.low < lo.price)
            lo = {b.openTime, b.low, false, false};
        if (dir >= 0 && double(b.low) <= double(hi.price) * (1 - f)) {
            if (dir == 0 && lo.time < hi.time) // the leg up from the first low
                out.push_back({lo.time, lo.price, false, true});
            out.push_back({hi.time, hi.price, true, true});
            dir = -1;
            lo = {b.openTime, b.low, false, false};
        } else if (dir <= 0 && double(b.high) >= double(lo.price) * (1 + f)) {
            if (dir == 0 && hi.time < lo.time)
                out.push_back({hi.time, hi.price, true, true});
            out.push_back({lo.time, lo.price, false, true});
            dir = 1;
            hi = {b.openTime, b.high, true, false};
        }
    }
    if (dir > 0)
        out.push_back(hi);
    else if (dir < 0)
        out.push_back(lo);
    return out;
}

} // namespace co
