#include "indicators/Imbalance.h"

namespace co {

namespace {
constexpr __int128 kDen = 100'000'000; // R is a 1e-8 fixed-point fraction

// a ≥ R × b, exactly
bool atLeastRatio(int64_t a, int64_t b, int64_t ratio) noexcept { return __int128(a) * kDen >= __int128(ratio) * b; }

void collectRuns(const std::vector<int64_t> &rows, ImbalanceSide side, int minCount, std::vector<StackedZone> &out)
{
    size_t i = 0;
    while (i < rows.size()) {
        size_t j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1)
            ++j;
        const int count = int(j - i + 1);
        if (count >= minCount)
            out.push_back({rows[i], rows[j], side, count});
        i = j + 1;
    }
}
} // namespace

bool isImbalanced(int64_t v, int64_t opposite, const ImbalanceConfig &cfg) noexcept
{
    return v > 0 && v >= cfg.minVolume && atLeastRatio(v, opposite, cfg.ratio);
}

BarImbalances findImbalances(const Ladder &rows, const ImbalanceConfig &cfg)
{
    BarImbalances r;
    if (rows.empty())
        return r;
    const int64_t lo = rows.lowRow(), hi = rows.highRow();
    for (int64_t p = lo; p <= hi; ++p) {
        const RowVolume &v = rows.at(p);
        // BUY at P vs sell one row below; the row below the bar's low does not exist.
        if (p > lo && isImbalanced(v.buy, rows.at(p - 1).sell, cfg))
            r.buyRows.push_back(p);
        // SELL at P vs buy one row above; the row above the bar's high does not exist.
        if (p < hi && isImbalanced(v.sell, rows.at(p + 1).buy, cfg))
            r.sellRows.push_back(p);
    }
    collectRuns(r.buyRows, ImbalanceSide::Buy, cfg.consecutive, r.stacked);
    collectRuns(r.sellRows, ImbalanceSide::Sell, cfg.consecutive, r.stacked);
    return r;
}

} // namespace co
