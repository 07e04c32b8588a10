// get_key_levels.
#include "engine/BarQueries.h"
#include "engine/DayLevels.h"
#include "engine/ZoneIds.h"
#include "model/Time.h"
#include "model/ZoneOffsets.h"
#include "engine/RowSize.h"
#include "server/JsonEncoders.h"
#include "server/ProfileArgs.h"
#include "server/RowSizeArgs.h"
#include "server/ToolArgs.h"
#include "server/ToolResult.h"
#include "server/ToolSchema.h"
#include "server/Tools.h"

#include <QJsonArray>

namespace co {

namespace {
void addWarnings(QJsonObject &levels, const std::vector<std::string> &warnings)
{
    if (warnings.empty())
        return;
    QJsonObject q = levels["dataQuality"].toObject();
    QJsonArray w = q["warnings"].toArray();
    for (const std::string &s : warnings)
        w.append(QString::fromStdString(s));
    q.insert("warnings", w);
    levels.insert("dataQuality", q);
}

// Options of one call: wall clock and the rows asked for (A1; "auto" from the day's range).
KeyLevelsOptions optionsFor(const ToolArgs &a, const EngineSnapshot &s)
{
    KeyLevelsOptions o;
    o.nowMs = a.nowFor(s);
    const RowSizeChoice c = rowSizeOf(a, s.symbol.tickSize);
    o.grouping = c.autoPick ? (s.today ? autoTicksForDay(s, *s.today) : 1) : c.ticks;
    return o;
}

QJsonObject levelsOf(const ToolArgs &a, const HistoryDay &d)
{
    QJsonObject out;
    if (d.snapshot) {
        const SnapshotPtr day = withValueAreaArg(a, d.snapshot);
        out = toJson(buildKeyLevels(*day, optionsFor(a, *day)));
    } else if (d.stored) {
        out = toJson(*d.stored); // as stored at the day's close, encoded as a live day
    }
    std::vector<std::string> warnings = d.warnings;
    if (!d.snapshot && d.stored && (a.has("ticksPerRow") || a.has("binSize")))
        warnings.push_back("a stored day summary has exact-tick levels: ticksPerRow/binSize apply to days in the trade cache");
    if (!d.snapshot && d.stored && a.has("valueAreaPercent"))
        warnings.push_back("a stored day summary keeps the value area of VALUE_AREA_PERCENT: valueAreaPercent applies to "
                           "days in the trade cache");
    addWarnings(out, warnings);
    return out;
}

// A day the engine does not hold as today: rebuilt from the cache or its stored summary. The
// engine's prior day is its own answer until the cache has all of it (then with pd… levels).
QJsonObject historyLevels(const ToolArgs &a, HistoryProvider &history, const HistoryRequest &r, const SnapshotPtr &live,
                          const DayRequest &req)
{
    const QueryResult<HistoryDay> h = history.day(r);
    const HistoryDay *d = std::get_if<HistoryDay>(&h);
    if (d && d->complete)
        return levelsOf(a, *d);
    if (live && live->hasTrade && live->today) {
        const SnapshotPtr s = withValueAreaArg(a, live);
        const QueryResult<KeyLevels> k = buildDayLevels(*s, req, optionsFor(a, *s));
        if (std::holds_alternative<KeyLevels>(k))
            return toJson(std::get<KeyLevels>(k));
    }
    if (d)
        return levelsOf(a, *d);
    return toJson(valueOr(QueryResult<KeyLevels>(std::get<QueryError>(h))));
}

// analysis.md A10 over the minute bars the engine keeps (exact on a minute boundary).
QJsonObject anchoredVwapJson(const ToolArgs &a, const SnapshotPtr &s)
{
    const int64_t anchor = a.integer("anchorTime");
    const DayView *oldest = s->prior ? s->prior.get() : s->today.get();
    if (!oldest || anchor < oldest->startMs)
        a.reject("anchorTime", "use a time from " + QString::fromStdString(isoTimeMs(oldest ? oldest->startMs : 0)) +
                                   " on (the prior day and today are kept)");
    bool exact = true;
    QJsonObject o{{"anchorTime", qint64(anchor)}};
    if (const auto b = anchoredVwap(*s, anchor, &exact)) {
        o.insert("vwap", b->vwap);
        o.insert("sigma", b->sigma);
        for (int k = 1; k <= 3; ++k) {
            o.insert(QStringLiteral("+%1").arg(k), b->vwap + k * b->sigma);
            o.insert(QStringLiteral("-%1").arg(k), b->vwap - k * b->sigma);
        }
    }
    o.insert("exactAnchor", exact); // false: the anchor's whole minute is included
    return o;
}

// What a call asks for, and whether the history answers it (any day but the engine's today).
struct KeyLevelsPlan {
    DayRequest request;
    SnapshotPtr live;
    std::optional<HistoryRequest> history;
};

KeyLevelsPlan planOf(const ToolArgs &a)
{
    KeyLevelsPlan p;
    const QString symbol = a.symbol();
    if (const auto date = a.string("date")) {
        int64_t day = 0;
        if (!parseIsoDate(date->toStdString(), day))
            a.reject("date", "use a calendar day as YYYY-MM-DD");
        p.request.day = day;
    }
    if (const auto tz = a.string("sessionTZ")) {
        if (!zoneIdKnown(*tz)) // before any QTimeZone: a name is never a path
            a.reject("sessionTZ", zoneIdsAllowed());
        p.request.zoneId = tz->toStdString();
    }
    p.live = a.context().registry.snapshot(symbol.toStdString());
    const bool liveTrades = p.live && p.live->hasTrade && p.live->today;
    if (!a.context().history || (!liveTrades && !p.request.day))
        return p;
    const EngineConfig &config = p.live ? p.live->config : a.context().registry.config();
    const DaySpan span = resolveDay(config, liveTrades ? p.live->lastTradeMs : 0, p.request);
    if (!liveTrades || !isToday(*p.live, span))
        p.history = HistoryRequest{symbol.toStdString(), span.day, span.zoneId};
    return p;
}
} // namespace

ToolDef keyLevelsTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "get_key_levels";
    d.title = "Key levels";
    d.description = "Today's (or a given day's) key levels of one symbol: VWAP with 1-3 sigma bands, volume-profile "
                    "POC and value area (dPOC/dVAH/dVAL), prior-day levels (pdVWAP, pdPOC, pdVAH, pdVAL, pdHigh, "
                    "pdLow, pdClose), Tokyo/London/New York session high/low/VWAP, and naked POCs with their distance "
                    "from the last price (for a past day: its own last price). Use it for support/resistance and "
                    "where price stands in the day.";
    d.inputSchema = input({{"symbol", symbol()},
                           {"date", QJsonObject{{"type", "string"},
                                                {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                                                {"description", "a day as YYYY-MM-DD (default: today in sessionTZ). "
                                                                "Days in the trade cache (the last TRADE_CACHE_DAYS, 30 "
                                                                "unless configured) are computed exactly from their "
                                                                "trades; older days return the summary stored at their "
                                                                "close (DAY_TZ only); an error names the dates kept"}}},
                           {"sessionTZ", typed("string", "the time zone whose midnight starts the day: UTC, a fixed offset "
                                                         "such as UTC+08:00, or an IANA zone such as Europe/London "
                                                         "(default: the server's DAY_TZ, UTC unless "
                                                         "configured). Any zone works for days in the trade cache; "
                                                         "older days only in DAY_TZ")},
                           {"ticksPerRow", ticksPerRowSchema()},
                           {"binSize", binSizeSchema()},
                           {"anchorTime", QJsonObject{{"type", "integer"}, {"minimum", 0},
                                                      {"description", "ms since epoch UTC: adds anchoredVwap (VWAP and "
                                                                      "sigma bands from this time to the last trade), "
                                                                      "within the prior day and today"}}},
                           {"valueAreaPercent", valueAreaPercentSchema()},
                           {"mode", pythonModeSchema()}, // the Python server's names
                           {"normalizeSeconds", normalizeSecondsSchema()}},
                          {"symbol"});
    const QJsonObject num = typed("number");
    d.outputSchema = output({{"symbol", typed("string")},
                             {"date", typed("string")},
                             {"sessionTZ", typed("string")},
                             {"dVWAP", num},
                             {"vwapBands", typed("object")},
                             {"dPOC", num},
                             {"dVAH", num},
                             {"dVAL", num},
                             {"pdVWAP", num},
                             {"pdPOC", num},
                             {"pdVAH", num},
                             {"pdVAL", num},
                             {"pdHigh", num},
                             {"pdLow", num},
                             {"pdClose", num},
                             {"sessions", typed("object")},
                             {"nakedPOCs", array(output({{"date", typed("string")}, {"price", num}}, {"date", "price"}))},
                             {"ticksPerRow", typed("integer")},
                             {"binSize", num},
                             {"anchoredVwap", typed("object")},
                             {"dataQuality", dataQuality()}},
                            {"symbol", "sessions", "nakedPOCs", "dataQuality"});
    d.history = [](const ToolArgs &a) { return planOf(a).history; };
    d.run = [](const ToolArgs &a) {
        const KeyLevelsPlan p = planOf(a);
        QJsonObject out;
        if (p.history) {
            out = historyLevels(a, *a.context().history, *p.history, p.live, p.request);
        } else if (p.live && p.live->hasTrade && p.live->today && a.context().history) {
            const SnapshotPtr s = withValueAreaArg(a, p.live);
            out = toJson(buildKeyLevels(*s, optionsFor(a, *s))); // today, the day asked
        } else {
            // Only the engine: today and the prior day in DAY_TZ.
            const SnapshotPtr s = withValueAreaArg(a, a.snapshot(a.symbol()));
            out = toJson(valueOr(buildDayLevels(*s, p.request, optionsFor(a, *s))));
        }
        out.insert("sessionTZ", QString::fromStdString(p.request.zoneId.empty()
                                                           ? ZoneClock(a.context().registry.config().dayZone).id()
                                                           : p.request.zoneId));
        if (a.has("anchorTime"))
            out.insert("anchoredVwap", anchoredVwapJson(a, a.snapshot(a.symbol())));
        if (p.live) {
            const KeyLevelsOptions o = optionsFor(a, *p.live);
            addRowSize(out, rowSizeOf(a, p.live->symbol.tickSize), o.grouping, p.live->symbol.tickSize);
        }
        addValueArea(out, a);
        addPythonModeWarning(out, a);
        return out;
    };
    return d;
}

} // namespace co
