#pragma once
// Stacked-zone formation step by step (spec analysis.md A3 `events`). A bar's merged rows grow one
// step at a time — one trade, or a whole 1-minute bar when only minute bars are known — and after
// each step every stacked zone (as findImbalances has it) that no zone of its side overlapped just
// before the step is an event at the step's time. A zone that grows or splits is no new event; one
// that vanishes and stands again is. A step changes diagonal flags only next to the rows it touched
// (and at the old low/high when it widens the range), so only the runs through those rows are
// looked at: a busy bar's 100k trades cost 100k small steps, not 100k ladder scans.
#include "indicators/Footprint.h"
#include "indicators/Imbalance.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace co {

struct ZoneFormed {
    int64_t timeMs = 0;  // the step's time: the completing trade's, or the minute's latest trade's
    int64_t tradeId = 0; // the completing trade; 0 for a minute step
    StackedZone zone;    // rows merged k ticks at a time, as right after the step
};

class ZoneTracker {
public:
    ZoneTracker(int64_t k, const ImbalanceConfig &cfg);

    // tickRow: the trade's row in ticks (round half up of price / tick, as the engine's).
    void addTrade(int64_t id, int64_t timeMs, int64_t tickRow, int64_t qty, bool takerBuy);
    // Every row of a 1-minute bar as one step, at its latest trade.
    void addMinute(const FootprintBar &m);

    // In step order; within a step BUY zones before SELL zones, each by price (findImbalances' order).
    const std::vector<ZoneFormed> &events() const noexcept { return events_; }
    std::vector<ZoneFormed> takeEvents() { return std::move(events_); }

private:
    struct Cell {
        int64_t buy = 0, sell = 0;
        uint32_t stamp = 0;               // the step that last changed the flags
        bool fBuy = false, fSell = false; // diagonal imbalance flags now
        bool oBuy = false, oSell = false; // the flags before step `stamp`
    };
    void add(int64_t row, int64_t buy, int64_t sell); // merged row
    void settle(int64_t timeMs, int64_t id);
    void recompute(int64_t row);
    Cell &cell(int64_t row) { return cells_[size_t(row - base_)]; }
    const Cell &cell(int64_t row) const { return cells_[size_t(row - base_)]; }
    bool flag(int64_t row, ImbalanceSide side, bool before) const;
    // The run of `side` flags through row, now.
    std::pair<int64_t, int64_t> runAt(int64_t row, ImbalanceSide side) const;
    // No run of ≥ N rows of `side` overlapped [a, b] before this step.
    bool isNew(int64_t a, int64_t b, ImbalanceSide side) const;

    int64_t k_;
    ImbalanceConfig cfg_;
    std::vector<Cell> cells_; // cells_[i] is merged row base_ + i; slack on both ends
    int64_t base_ = 0, lo_ = 0, hi_ = -1;
    int64_t stepLo_ = 0, stepHi_ = -1; // the range before this step (empty: hi < lo)
    uint32_t step_ = 0;
    std::vector<int64_t> touched_, changed_;
    std::vector<std::pair<int64_t, ImbalanceSide>> checked_; // runs looked at in this step (low row, side)
    std::vector<ZoneFormed> found_, events_;
};

} // namespace co
