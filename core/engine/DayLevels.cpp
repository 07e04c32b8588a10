#include "engine/DayLevels.h"

#include "engine/QtZoneOffsets.h"
#include "model/Time.h"
#include "model/ZoneOffsets.h"

namespace co {

namespace {
bool sameSpan(const DayView *d, int64_t startMs, int64_t endMs)
{
    return d && d->startMs == startMs && d->endMs == endMs;
}

std::string cachedDays(const EngineSnapshot &s)
{
    std::string out;
    for (const auto &d : {s.prior, s.today})
        if (d) {
            if (!out.empty())
                out += ", ";
            out += isoDate(d->day);
        }
    return out;
}
} // namespace

QueryResult<KeyLevels> buildDayLevels(const EngineSnapshot &s, const DayRequest &r, const KeyLevelsOptions &o)
{
    if (!s.today || !s.hasTrade)
        return QueryError{QueryErrorKind::NoData, "no trades for " + s.symbol.name + " since start-up; retry in a minute"};
    const ZoneClock engineClock(s.config.dayZone);
    const std::string zone = r.zoneId.empty() ? engineClock.id() : r.zoneId;
    const ZoneClock clock(zone == engineClock.id() ? s.config.dayZone : makeZoneOffsets(zone));
    // Default: the day of the latest trade (the engine's today; other events may already be past
    // midnight in a recording, and live the next day starts with its first trade).
    const int64_t day = r.day.value_or(clock.localDay(s.lastTradeMs));
    const int64_t start = clock.dayStartUtc(day), end = clock.dayStartUtc(day + 1);

    if (sameSpan(s.today.get(), start, end))
        return buildKeyLevels(s, o);
    if (sameSpan(s.prior.get(), start, end)) {
        // The prior day seen as "today": its own levels; its prior day is no longer kept.
        EngineSnapshot p = s;
        p.today = s.prior;
        p.prior = nullptr;
        p.todaySessions = s.priorSessions;
        p.priorSessions.clear();
        KeyLevels k = buildKeyLevels(p, o);
        k.quality.warnings.push_back("prior-day levels (pd…) of " + isoDate(s.prior->day - 1) +
                                     " are not in memory; distances are to the current last price");
        return k;
    }
    const int64_t engineDay = engineClock.localDay(start);
    if (engineClock.dayStartUtc(engineDay) != start || engineClock.dayStartUtc(engineDay + 1) != end)
        return QueryError{QueryErrorKind::Unsupported,
                          "the server computes days in DAY_TZ=" + engineClock.id() + "; " + isoDate(day) + " in " +
                              zone + " runs from " + isoTimeMs(start) + " to " + isoTimeMs(end) +
                              ", which is not one of its days. Omit sessionTZ (or pass " + engineClock.id() +
                              "), or run the server with DAY_TZ=" + zone};
    return QueryError{QueryErrorKind::NotInMemory,
                      isoDate(day) + " is not in memory; cached days: " + cachedDays(s)};
}

} // namespace co
