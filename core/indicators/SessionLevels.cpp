#include "indicators/SessionLevels.h"

#include "indicators/Ohlc.h"
#include "model/Time.h"

#include <algorithm>

namespace co {

std::vector<SessionDef> defaultUtcSessions()
{
    return {{"tokyo", 0, 9 * 60, nullptr}, {"london", 7 * 60, 16 * 60, nullptr}, {"newyork", 13 * 60, 22 * 60, nullptr}};
}

void SessionStats::add(const TickTrade &t) noexcept
{
    addToOhlc(*this, t);
    (t.takerBuy ? buy : sell) += t.qty;
    ++trades;
    sums.add(t.scaled);
}

SessionLevels::SessionLevels(std::vector<SessionDef> defs) : defs_(std::move(defs))
{
    for (const SessionDef &d : defs_)
        per_.push_back(PerDef{d, ZoneClock(d.zone), {}, nullptr, INT64_MIN});
}

void SessionLevels::window(const PerDef &d, int64_t endLocalDay, int64_t &start, int64_t &end) const
{
    const bool crosses = d.def.endMin <= d.def.startMin;
    const int64_t startDay = crosses ? endLocalDay - 1 : endLocalDay;
    start = d.clock.utcOf(startDay, d.def.startMin * kMsPerMinute);
    end = d.clock.utcOf(endLocalDay, d.def.endMin * kMsPerMinute);
}

void SessionLevels::add(const TickTrade &t)
{
    for (PerDef &d : per_) {
        const int64_t local = d.clock.localMs(t.timeMs);
        const int64_t day = floorDiv(local, kMsPerDay);
        const int64_t ms = local - day * kMsPerDay;
        const int64_t s = d.def.startMin * kMsPerMinute, e = d.def.endMin * kMsPerMinute;
        int64_t endDay;
        if (s < e) {
            if (ms < s || ms >= e)
                continue;
            endDay = day;
        } else if (ms >= s) {
            endDay = day + 1;
        } else if (ms < e) {
            endDay = day;
        } else {
            continue;
        }
        if (endDay != d.currentEndDay) [[unlikely]] {
            auto [it, fresh] = d.byEndDay.try_emplace(endDay);
            if (fresh)
                window(d, endDay, it->second.startUtcMs, it->second.endUtcMs);
            d.current = &it->second;
            d.currentEndDay = endDay;
        }
        d.current->add(t);
    }
}

const SessionStats *SessionLevels::instanceEndingIn(size_t index, int64_t dayStartUtc, int64_t dayEndUtc,
                                                    int64_t *windowStart, int64_t *windowEnd) const
{
    const PerDef &d = per_.at(index);
    // The instance ending within the day: its end is in (dayStart, dayEnd] (a window ending at
    // 24:00 belongs to that day).
    for (int64_t endDay = d.clock.localDay(dayStartUtc) - 1; endDay <= d.clock.localDay(dayEndUtc) + 1; ++endDay) {
        int64_t s = 0, e = 0;
        window(d, endDay, s, e);
        if (e > dayStartUtc && e <= dayEndUtc) {
            if (windowStart)
                *windowStart = s;
            if (windowEnd)
                *windowEnd = e;
            auto it = d.byEndDay.find(endDay);
            return it == d.byEndDay.end() ? nullptr : &it->second;
        }
    }
    return nullptr;
}

void SessionLevels::dropEndedBefore(int64_t utcMs)
{
    for (PerDef &d : per_) {
        for (auto it = d.byEndDay.begin(); it != d.byEndDay.end();) {
            if (it->second.endUtcMs < utcMs && &it->second != d.current)
                it = d.byEndDay.erase(it);
            else
                ++it;
        }
    }
}

} // namespace co
