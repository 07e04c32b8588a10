#include "cache/DayRebuild.h"

#include "cache/CachedReplay.h"
#include "cache/DaySummaries.h"

#include "engine/MarketEngine.h"
#include "engine/QtZoneOffsets.h"
#include "model/Time.h"
#include "storage/CacheReader.h"

#include <algorithm>
#include <set>

namespace co {

namespace {
std::string range(int64_t firstDay, int64_t lastDay) { return isoDate(firstDay) + " to " + isoDate(lastDay); }

// A day as key levels read it: everything but the bars, which only the day asked keeps (its
// footprint of any timeframe and row size is merged from them): a few MB for a busy day, so the
// cached answers stay small.
std::shared_ptr<const DayView> levelsOnly(const std::shared_ptr<const DayView> &d, bool withBars)
{
    if (!d)
        return nullptr;
    DayData data = *d;
    if (!withBars)
        data.minuteBars.clear();
    return std::make_shared<DayView>(std::move(data));
}

// The snapshot as key levels and the day's footprint read it: no book, depth, liquidations or funding.
SnapshotPtr levelsOnly(const EngineSnapshot &e)
{
    auto s = std::make_shared<EngineSnapshot>(e);
    s->today = levelsOnly(e.today, true);
    s->prior = levelsOnly(e.prior, false);
    s->book.reset();
    s->depth.reset();
    s->liquidations.reset();
    s->funding.reset();
    s->ticker24h.reset();
    return s;
}

struct Rebuilt {
    SnapshotPtr snapshot;
    bool pastEnd = false; // a stored trade at or after the day's end
    bool cancelled = false;
    bool seeded = false; // older days from the zone's summaries (naked POCs, cvd before)
    QString error;
};

Rebuilt replay(CacheReader &db, const EngineConfig &config, const HistoryRequest &r, TradeSource source, int64_t fromMs,
               int64_t endMs, const std::atomic<bool> &cancel)
{
    Rebuilt out;
    SymbolInfo grid = db.cachedGrid(r.symbol).value_or(SymbolInfo{});
    grid.name = r.symbol;
    MarketEngine engine(grid, config);
    engine.setLive(false, "cache");
    CachedReplay cr;
    cr.symbol = r.symbol;
    cr.source = source;
    cr.fromMs = fromMs;
    cr.untilMs = endMs; // the live engine rolls to the next day at the first trade stamped after it
    cr.zone = r.zoneId;
    cr.dayZone = config.dayZone;
    cr.cacheDays = config.cacheDays;
    cr.cancel = &cancel;
    cr.batch = 16384;
    const CachedReplayResult res = replayCached(
        db, cr, [&](DayHistory &&h) { seedEngine(engine, h); },
        [&](std::span<const Trade> trades) {
            for (const Trade &t : trades)
                engine.onTrade(t);
            return true;
        });
    out.error = res.error;
    out.pastEnd = res.pastEnd;
    out.cancelled = res.cancelled;
    out.seeded = res.seededDays > 0;
    if (res.ok && !res.cancelled)
        out.snapshot = engine.publish();
    return out;
}
} // namespace

QueryResult<HistoryDay> rebuildDay(CacheReader &db, const EngineConfig &engine, const HistoryRequest &r,
                                   const std::atomic<bool> &cancel)
{
    const std::string dayTz = ZoneClock(engine.dayZone).id();
    EngineConfig config = engine;
    if (r.zoneId != dayTz)
        config.dayZone = makeZoneOffsets(r.zoneId);
    const ZoneClock clock(config.dayZone);
    const int64_t start = clock.dayStartUtc(r.day), end = clock.dayStartUtc(r.day + 1);
    const std::string what = r.symbol + " on " + isoDate(r.day) + " (" + r.zoneId + ")";
    QString error;
    const std::vector<StoredTradeDay> days = db.tradeDays(r.symbol, &error);
    if (!error.isEmpty())
        return QueryError{QueryErrorKind::NoData, "the trade cache cannot be read: " + error.toStdString()};

    // The day's source: aggTrade when stored for it (the engine prefers it), else raw trades.
    std::optional<TradeSource> source;
    for (TradeSource src : {TradeSource::AggTrade, TradeSource::Trade})
        if (!source && std::any_of(days.begin(), days.end(), [&](const StoredTradeDay &d) {
                return d.source == src && d.lastMs >= start && d.firstMs < end;
            }))
            source = src;
    if (source) {
        // From the start of the stored day before it, whatever the gap (as the engine's prior day).
        std::optional<int64_t> priorMs;
        for (const StoredTradeDay &d : days)
            if (d.source == *source && d.firstMs < start)
                priorMs = std::max(priorMs.value_or(INT64_MIN), std::min(d.lastMs, start - 1));
        const int64_t fromMs = priorMs ? clock.dayStartUtc(clock.localDay(*priorMs)) : start;
        Rebuilt b = replay(db, config, r, *source, fromMs, end, cancel);
        if (b.cancelled)
            return QueryError{QueryErrorKind::NoData, "the rebuild of " + what + " was cancelled"};
        if (!b.error.isEmpty())
            return QueryError{QueryErrorKind::NoData, "the trade cache cannot be read: " + b.error.toStdString()};
        if (b.snapshot && b.snapshot->today && b.snapshot->today->day == r.day) {
            SnapshotPtr s = levelsOnly(*b.snapshot);
            HistoryDay h;
            int64_t oldestMs = INT64_MAX;
            for (const StoredTradeDay &d : days)
                if (d.source == *source)
                    oldestMs = std::min(oldestMs, d.firstMs);
            if (!priorMs)
                h.warnings.push_back("no stored trades before " + isoTimeMs(start) +
                                     ": prior-day levels (pd…) are missing");
            else if (oldestMs > fromMs + kMsPerMinute)
                h.warnings.push_back("the trade cache starts at " + isoTimeMs(oldestMs) +
                                     ", within the prior day: its levels (pd…) cover only part of it");
            if (config.cvdContinuous && !b.seeded)
                h.warnings.push_back("CVD_RESET=none: no day summaries before " + isoTimeMs(fromMs) + " in " +
                                     r.zoneId + ": cvd counts from there");
            h.complete = b.pastEnd;
            h.snapshot = std::move(s);
            return h;
        }
    }

    // No trades of the day: the summary stored at its close (zones the server has run in).
    const std::vector<int64_t> stored = db.summaryDays(r.symbol, r.zoneId);
    if (std::binary_search(stored.begin(), stored.end(), r.day))
        for (const DaySummaryRecord &d : db.daySummaries(r.symbol, r.zoneId, r.day, false))
            if (d.day == r.day) {
                if (!d.levels)
                    return QueryError{QueryErrorKind::NoData, "the summary stored for " + what +
                                                                  " cannot be read (not a record this program knows)"};
                HistoryDay h;
                h.stored = keyLevelsOf(*d.levels);
                h.warnings.push_back("the trades of " + isoDate(r.day) + " are no longer in the trade cache "
                                     "(TRADE_CACHE_DAYS): key levels as stored at the day's close");
                h.complete = true;
                if (!days.empty()) {
                    int64_t a = INT64_MAX, b = INT64_MIN;
                    for (const StoredTradeDay &t : days) {
                        a = std::min(a, t.firstMs);
                        b = std::max(b, t.lastMs);
                    }
                    h.tradeDays = range(clock.localDay(a), clock.localDay(b));
                }
                return h;
            }

    // Nothing: name what is kept.
    int64_t firstMs = INT64_MAX, lastMs = INT64_MIN;
    for (const StoredTradeDay &d : days) {
        firstMs = std::min(firstMs, d.firstMs);
        lastMs = std::max(lastMs, d.lastMs);
    }
    const std::string rebuildable =
        days.empty() ? std::string() : range(clock.localDay(firstMs), clock.localDay(lastMs));
    const std::vector<int64_t> summaries = r.zoneId == dayTz ? stored : db.summaryDays(r.symbol, dayTz);
    if (r.zoneId != dayTz && !summaries.empty() && (days.empty() || end <= firstMs))
        return QueryError{QueryErrorKind::Unsupported,
                          isoDate(r.day) + " in " + r.zoneId + " is older than the trade cache, and beyond " +
                              "TRADE_CACHE_DAYS only the days of DAY_TZ=" + dayTz + " are kept (as summaries: " +
                              range(summaries.front(), summaries.back()) + "). " +
                              (rebuildable.empty() ? std::string("No day can be rebuilt in ") + r.zoneId
                                                   : "Days that can be rebuilt in " + r.zoneId + ": " + rebuildable) +
                              "; or omit sessionTZ"};
    std::string kept;
    if (!rebuildable.empty())
        kept = "trades for " + rebuildable + " (any sessionTZ; these dates in " + r.zoneId + ")";
    if (!summaries.empty())
        kept += (kept.empty() ? "" : "; ") + std::string("day summaries for ") +
                range(summaries.front(), summaries.back()) + " (DAY_TZ=" + dayTz + " only)";
    return QueryError{QueryErrorKind::NotInMemory, "nothing stored for " + what + "; " +
                                                       (kept.empty() ? "the cache holds no days of " + r.symbol
                                                                     : "kept: " + kept)};
}

std::vector<int64_t> storedDays(CacheReader &db, const EngineConfig &engine, const std::string &symbol)
{
    const ZoneClock clock(engine.dayZone);
    std::set<int64_t> days;
    for (const StoredTradeDay &d : db.tradeDays(symbol))
        for (int64_t day = clock.localDay(d.firstMs); day <= clock.localDay(d.lastMs); ++day)
            days.insert(day);
    for (const int64_t day : db.summaryDays(symbol, clock.id()))
        days.insert(day);
    return {days.rbegin(), days.rend()};
}

} // namespace co
