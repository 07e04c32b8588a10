#include "indicators/ValueArea.h"

#include <cstdlib>
#include <vector>

namespace co {

std::optional<size_t> pocIndex(std::span<const int64_t> v) noexcept
{
    const size_t n = v.size();
    std::optional<size_t> best;
    int64_t bestDist = 0;
    for (size_t k = 0; k < n; ++k) {
        const int64_t dist = std::abs(int64_t(2 * k) - int64_t(n - 1));
        // strictly greater volume, or equal volume and strictly closer to the middle (lower wins ties)
        if (!best || v[k] > v[*best] || (v[k] == v[*best] && dist < bestDist)) {
            best = k;
            bestDist = dist;
        }
    }
    if (best && v[*best] <= 0)
        return std::nullopt;
    return best;
}

std::optional<ValueAreaResult> valueArea(std::span<const int64_t> v, int64_t percentBp, VaMethod method) noexcept
{
    const auto poc = pocIndex(v);
    if (!poc)
        return std::nullopt;
    __int128 total = 0;
    for (int64_t x : v)
        total += x;
    const __int128 target = total * percentBp; // compare vol·10000 ≥ total·bp exactly
    const size_t n = v.size();
    const size_t step = method == VaMethod::Dual ? 2 : 1;
    size_t lo = *poc, hi = *poc;
    __int128 vol = v[*poc];
    while (vol * 10000 < target) {
        const size_t aboveAvail = n - 1 - hi, belowAvail = lo;
        if (!aboveAvail && !belowAvail)
            break;
        const size_t na = std::min(step, aboveAvail), nb = std::min(step, belowAvail);
        __int128 sa = 0, sb = 0;
        for (size_t i = 1; i <= na; ++i)
            sa += v[hi + i];
        for (size_t i = 1; i <= nb; ++i)
            sb += v[lo - i];
        if (na && (!nb || sa >= sb)) { // tie → above; an exhausted side yields to the other
            hi += na;
            vol += sa;
        } else {
            lo -= nb;
            vol += sb;
        }
    }
    return ValueAreaResult{*poc, lo, hi, int64_t(vol)};
}

namespace {
std::vector<int64_t> totals(const Ladder &l)
{
    std::vector<int64_t> v;
    v.reserve(l.size());
    for (int64_t r = l.lowRow(); !l.empty() && r <= l.highRow(); ++r)
        v.push_back(l.at(r).total());
    return v;
}
} // namespace

std::optional<ProfileLevels> profileLevels(const Ladder &ladder, int64_t percentBp, VaMethod method)
{
    const std::vector<int64_t> v = totals(ladder);
    const auto va = valueArea(v, percentBp, method);
    if (!va)
        return std::nullopt;
    int64_t total = 0;
    for (int64_t x : v)
        total += x;
    const int64_t lo = ladder.lowRow();
    return ProfileLevels{lo + int64_t(va->poc), lo + int64_t(va->high), lo + int64_t(va->low), va->volume, total};
}

std::optional<int64_t> pocRow(const Ladder &ladder)
{
    const std::vector<int64_t> v = totals(ladder);
    const auto p = pocIndex(v);
    if (!p)
        return std::nullopt;
    return ladder.lowRow() + int64_t(*p);
}

} // namespace co
