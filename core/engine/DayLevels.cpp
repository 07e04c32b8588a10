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

DaySpan resolveDay(const EngineConfig &config, int64_t lastTradeMs, const DayRequest &r)
{
    const ZoneClock engineClock(config.dayZone);
    const std::string zone = r.zoneId.empty() ? engineClock.id() : r.zoneId;
    const ZoneClock clock(zone == engineClock.id() ? config.dayZone : makeZoneOffsets(zone));
    // Default: the day of the latest trade (the engine's today; other events may already be past
    // midnight in a recording, and live the next day starts with its first trade).
    DaySpan d;
    d.day = r.day.value_or(clock.localDay(lastTradeMs));
    d.startMs = clock.dayStartUtc(d.day);
    d.endMs = clock.dayStartUtc(d.day + 1);
    d.zoneId = zone;
    const int64_t engineDay = engineClock.localDay(d.startMs);
    if (engineClock.dayStartUtc(engineDay) == d.startMs && engineClock.dayStartUtc(engineDay + 1) == d.endMs) {
        d.zoneId = engineClock.id();
        d.day = engineDay;
    }
    return d;
}

bool isToday(const EngineSnapshot &s, const DaySpan &d) { return sameSpan(s.today.get(), d.startMs, d.endMs); }

QueryResult<KeyLevels> buildDayLevels(const EngineSnapshot &s, const DayRequest &r, const KeyLevelsOptions &o)
{
    if (!s.today || !s.hasTrade)
        return QueryError{QueryErrorKind::NoData, "no trades for " + s.symbol.name + " since start-up; retry in a minute"};
    const ZoneClock engineClock(s.config.dayZone);
    const std::string zone = r.zoneId.empty() ? engineClock.id() : r.zoneId;
    const DaySpan span = resolveDay(s.config, s.lastTradeMs, r);
    const int64_t day = span.day; // a zone with the engine's midnights has its day numbers
    const int64_t start = span.startMs, end = span.endMs;

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
    if (span.zoneId != engineClock.id())
        return QueryError{QueryErrorKind::Unsupported,
                          "the server computes days in DAY_TZ=" + engineClock.id() + "; " + isoDate(day) + " in " +
                              zone + " runs from " + isoTimeMs(start) + " to " + isoTimeMs(end) +
                              ", which is not one of its days. Omit sessionTZ (or pass " + engineClock.id() +
                              "), or run the server with DAY_TZ=" + zone};
    return QueryError{QueryErrorKind::NotInMemory,
                      isoDate(day) + " is not in memory; cached days: " + cachedDays(s)};
}

} // namespace co
