#include "engine/DerivativesQuery.h"

#include "engine/KeyLevels.h"
#include "model/Time.h"

#include <algorithm>

namespace co {

QueryResult<OpenInterestResult> buildOpenInterest(const EngineSnapshot &s, int64_t periodMs, size_t limit, int64_t nowMs)
{
    if (!s.funding || s.funding->openInterestHistory().empty())
        return QueryError{QueryErrorKind::NoData, "no open interest for " + s.symbol.name + " yet; it is polled every minute"};
    const std::deque<OpenInterest> &oi = s.funding->openInterestHistory();
    const OpenInterest &last = oi.back();
    OpenInterestResult r;
    r.symbol = s.symbol.name;
    r.timeMs = last.timeMs;
    r.openInterest = qtyValue(last.openInterest);
    if (last.valueUsdt > 0)
        r.valueUsdt = qtyValue(last.valueUsdt);
    for (const int64_t w : {kMsPerHour, 4 * kMsPerHour, kMsPerDay}) {
        // The latest value at or before the window's start.
        auto it = std::upper_bound(oi.begin(), oi.end(), last.timeMs - w,
                                   [](int64_t t, const OpenInterest &a) { return t < a.timeMs; });
        if (it == oi.begin())
            continue;
        --it;
        OiChange c{w, it->timeMs, qtyValue(last.openInterest - it->openInterest), 0};
        if (it->openInterest > 0)
            c.changePercent = double(last.openInterest - it->openInterest) / double(it->openInterest) * 100;
        r.changes.push_back(c);
    }
    r.periodMs = periodMs;
    // Values ascend, so the last one of each period overwrites the earlier ones.
    for (const OpenInterest &v : oi) {
        const int64_t open = v.timeMs - ((v.timeMs % periodMs) + periodMs) % periodMs;
        if (!r.history.empty() && r.history.back().timeMs == open)
            r.history.back() = OpenInterest{open, v.openInterest, v.valueUsdt};
        else
            r.history.push_back(OpenInterest{open, v.openInterest, v.valueUsdt});
    }
    if (r.history.size() > limit)
        r.history.erase(r.history.begin(), r.history.end() - std::ptrdiff_t(limit));
    // Coverage: periods with a value among those from the first listed to the current one.
    const int64_t first = r.history.front().timeMs;
    const int64_t periods = (last.timeMs - first) / periodMs + 1;
    r.quality = s.quality;
    r.quality.gaps.clear();
    r.quality.gapsOmitted = 0;
    r.quality.fromMs = first;
    r.quality.toMs = last.timeMs;
    r.quality.coverage = std::clamp(double(r.history.size()) / double(std::max<int64_t>(1, periods)), 0.0, 1.0);
    r.quality.ageMs = std::max<int64_t>(0, nowMs - last.timeMs);
    r.quality.warnings.clear();
    if (r.quality.coverage < 0.99)
        r.quality.warnings.push_back("open interest known for " + std::to_string(r.history.size()) + " of " +
                                     std::to_string(periods) + " periods");
    if (r.changes.size() < 3)
        r.quality.warnings.push_back("open interest held for less than 24 h: some changes omitted");
    return r;
}

} // namespace co
