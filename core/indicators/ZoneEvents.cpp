#include "indicators/ZoneEvents.h"

#include "model/Time.h"

#include <algorithm>

namespace co {

namespace {
bool overlaps(const StackedZone &a, const StackedZone &b) noexcept
{
    return a.side == b.side && a.lowRow <= b.highRow && b.lowRow <= a.highRow;
}
} // namespace

std::vector<ZoneFormed> zoneFormation(std::span<const BarPtr> minutes, int64_t k, const ImbalanceConfig &cfg)
{
    k = std::max<int64_t>(1, k);
    std::vector<ZoneFormed> out;
    Ladder rows; // the bar so far, merged rows
    std::vector<StackedZone> before;
    for (const BarPtr &m : minutes) {
        if (!m || m->trades == 0 || m->rows.empty())
            continue;
        for (int64_t r = m->rows.lowRow(); r <= m->rows.highRow(); ++r)
            if (const RowVolume &v = m->rows.at(r); v.trades)
                rows.addRow(floorDiv(r, k), v);
        std::vector<StackedZone> now = findImbalances(rows, cfg).stacked;
        for (const StackedZone &z : now)
            if (std::none_of(before.begin(), before.end(), [&](const StackedZone &b) { return overlaps(z, b); }))
                out.push_back({m->lastMs, z});
        before = std::move(now);
    }
    return out;
}

} // namespace co
