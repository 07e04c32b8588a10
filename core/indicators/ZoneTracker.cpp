#include "indicators/ZoneTracker.h"

#include "model/Time.h"

#include <algorithm>

namespace co {

ZoneTracker::ZoneTracker(int64_t k, const ImbalanceConfig &cfg) : k_(std::max<int64_t>(1, k)), cfg_(cfg) {}

void ZoneTracker::addTrade(int64_t id, int64_t timeMs, int64_t tickRow, int64_t qty, bool takerBuy)
{
    add(floorDiv(tickRow, k_), takerBuy ? qty : 0, takerBuy ? 0 : qty);
    settle(timeMs, id);
}

void ZoneTracker::addMinute(const FootprintBar &m)
{
    if (m.trades == 0 || m.rows.empty())
        return;
    for (int64_t r = m.rows.lowRow(); r <= m.rows.highRow(); ++r)
        if (const RowVolume &v = m.rows.at(r); v.trades)
            add(floorDiv(r, k_), v.buy, v.sell);
    settle(m.lastMs, 0);
}

void ZoneTracker::add(int64_t row, int64_t buy, int64_t sell)
{
    const bool empty = hi_ < lo_;
    const int64_t lo = empty ? row : std::min(lo_, row), hi = empty ? row : std::max(hi_, row);
    const int64_t capLo = base_, capHi = base_ + int64_t(cells_.size()) - 1;
    if (cells_.empty() || lo < capLo || hi > capHi) [[unlikely]] {
        const int64_t slack = std::max<int64_t>(16, hi - lo + 1);
        std::vector<Cell> grown(size_t(hi - lo + 1 + 2 * slack));
        const int64_t newBase = lo - slack;
        if (!empty)
            std::copy(cells_.begin() + (lo_ - base_), cells_.begin() + (hi_ - base_ + 1), grown.begin() + (lo_ - newBase));
        cells_ = std::move(grown);
        base_ = newBase;
    }
    lo_ = lo;
    hi_ = hi;
    Cell &c = cell(row);
    c.buy += buy;
    c.sell += sell;
    touched_.push_back(row);
}

void ZoneTracker::recompute(int64_t p)
{
    Cell &c = cell(p);
    // The diagonal row outside the range does not exist (indicators.md §5); inside, empty is 0.
    const bool b = p > lo_ && isImbalanced(c.buy, cell(p - 1).sell, cfg_);
    const bool s = p < hi_ && isImbalanced(c.sell, cell(p + 1).buy, cfg_);
    if (b == c.fBuy && s == c.fSell)
        return;
    if (c.stamp != step_) {
        c.stamp = step_;
        c.oBuy = c.fBuy;
        c.oSell = c.fSell;
    }
    c.fBuy = b;
    c.fSell = s;
    changed_.push_back(p);
}

bool ZoneTracker::flag(int64_t row, ImbalanceSide side, bool before) const
{
    if (row < lo_ || row > hi_)
        return false;
    const Cell &c = cell(row);
    const bool old = before && c.stamp == step_;
    return side == ImbalanceSide::Buy ? (old ? c.oBuy : c.fBuy) : (old ? c.oSell : c.fSell);
}

std::pair<int64_t, int64_t> ZoneTracker::runAt(int64_t row, ImbalanceSide side) const
{
    int64_t a = row, b = row;
    while (flag(a - 1, side, false))
        --a;
    while (flag(b + 1, side, false))
        ++b;
    return {a, b};
}

bool ZoneTracker::isNew(int64_t a, int64_t b, ImbalanceSide side) const
{
    int64_t x = a;
    if (flag(a, side, true)) // an old run through a may start below it
        while (flag(x - 1, side, true))
            --x;
    while (x <= b) {
        if (!flag(x, side, true)) {
            ++x;
            continue;
        }
        const int64_t u = x;
        while (flag(x + 1, side, true))
            ++x;
        if (x - u + 1 >= cfg_.consecutive)
            return false;
        ++x;
    }
    return true;
}

void ZoneTracker::settle(int64_t timeMs, int64_t id)
{
    ++step_;
    const bool widened = stepHi_ >= stepLo_ && (lo_ != stepLo_ || hi_ != stepHi_);
    // Flags read volumes and the range only, so rows may be re-flagged in any order, once each.
    if (touched_.size() == 1) { // a trade: no sort
        const int64_t r = touched_[0];
        for (int64_t p = std::max(lo_, r - 1); p <= std::min(hi_, r + 1); ++p)
            recompute(p);
        if (widened) // the old low's BUY flag now has a row below, the old high's SELL one above
            for (int64_t p : {stepLo_, stepHi_})
                if (p < r - 1 || p > r + 1)
                    recompute(p);
    } else {
        std::vector<int64_t> &rows = touched_;
        const size_t n = rows.size();
        for (size_t i = 0; i < n; ++i) {
            rows.push_back(rows[i] - 1);
            rows.push_back(rows[i] + 1);
        }
        if (widened) {
            rows.push_back(stepLo_);
            rows.push_back(stepHi_);
        }
        std::sort(rows.begin(), rows.end());
        rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        for (int64_t r : rows)
            if (r >= lo_ && r <= hi_)
                recompute(r);
    }
    touched_.clear();
    stepLo_ = lo_;
    stepHi_ = hi_;
    if (changed_.empty())
        return;
    found_.clear();
    checked_.clear();
    for (int64_t c : changed_)
        for (ImbalanceSide side : {ImbalanceSide::Buy, ImbalanceSide::Sell}) {
            if (!flag(c, side, false))
                continue;
            const auto [a, b] = runAt(c, side);
            if (b - a + 1 < cfg_.consecutive)
                continue;
            const std::pair<int64_t, ImbalanceSide> run{a, side};
            if (std::find(checked_.begin(), checked_.end(), run) != checked_.end())
                continue; // a run through two changed rows is looked at once
            checked_.push_back(run);
            if (isNew(a, b, side))
                found_.push_back({timeMs, id, {a, b, side, int(b - a + 1)}});
        }
    changed_.clear();
    std::sort(found_.begin(), found_.end(), [](const ZoneFormed &x, const ZoneFormed &y) {
        return x.zone.side != y.zone.side ? x.zone.side == ImbalanceSide::Buy : x.zone.lowRow < y.zone.lowRow;
    });
    events_.insert(events_.end(), found_.begin(), found_.end());
}

} // namespace co
