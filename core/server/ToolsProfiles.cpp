// get_session_profile (analysis.md A4) and get_tpo_profile (A5) for today, the prior day or a stored day.
#include "engine/Profiles.h"
#include "engine/RowSize.h"
#include "model/Time.h"
#include "server/DatedSnapshot.h"
#include "server/JsonEncoders.h"
#include "server/ProfileArgs.h"
#include "server/RowSizeArgs.h"
#include "server/ToolArgs.h"
#include "server/ToolImages.h"
#include "server/ToolSchema.h"
#include "server/Tools.h"

#include <QJsonArray>

#include <algorithm>

namespace co {

namespace {
struct DayChoice {
    const DayView *day = nullptr;
    const std::vector<SessionView> *sessions = nullptr;
};

// Today (default) or the prior day of the engine; other dates name the days kept.
DayChoice dayOf(const ToolArgs &a, const EngineSnapshot &s)
{
    if (!s.today || !s.today->totals.trades)
        throw ApiError{ApiErrorKind::NoData, "no trades for " + a.symbol() + " since start-up; retry in a minute"};
    const auto date = a.string("date");
    if (!date || *date == QString::fromStdString(isoDate(s.today->day)))
        return {s.today.get(), &s.todaySessions};
    if (s.prior && *date == QString::fromStdString(isoDate(s.prior->day)))
        return {s.prior.get(), &s.priorSessions};
    QString kept = QString::fromStdString(isoDate(s.today->day));
    if (s.prior)
        kept = QString::fromStdString(isoDate(s.prior->day)) + ", " + kept;
    a.reject("date", "use a day the engine holds: " + kept);
}

const SessionView *sessionNamed(const ToolArgs &a, const std::vector<SessionView> &sessions, const QString &name)
{
    QStringList names;
    for (const SessionView &v : sessions) {
        if (QString::fromStdString(v.name) == name)
            return &v;
        names << QString::fromStdString(v.name);
    }
    // The Python server matched names in any case and called New York "ny".
    for (const SessionView &v : sessions) {
        const QString n = QString::fromStdString(v.name);
        if (n.compare(name, Qt::CaseInsensitive) == 0 ||
            (name.compare("ny", Qt::CaseInsensitive) == 0 && n.compare("newyork", Qt::CaseInsensitive) == 0))
            return &v;
    }
    a.reject("session", "use all or one of the configured SESSIONS: " + names.join(", "));
}

QJsonValue opt(const std::optional<double> &v) { return v ? QJsonValue(*v) : QJsonValue(); }

void insertOpt(QJsonObject &o, const char *k, const std::optional<double> &v)
{
    if (v)
        o.insert(k, *v);
}

QJsonArray levelRows(const std::vector<ProfileLevelRow> &rows, size_t max, bool letters)
{
    QJsonArray a;
    for (size_t i = 0; i < rows.size() && i < max; ++i) {
        const ProfileLevelRow &r = rows[i];
        if (letters)
            a.append(QJsonArray{r.price, QString::fromStdString(r.letters), r.volume});
        else
            a.append(QJsonArray{r.price, r.volume, r.sell, r.buy});
    }
    return a;
}

QJsonObject toJson(const SessionProfile &p, size_t maxRows)
{
    QJsonObject o{{"name", QString::fromStdString(p.name)},
                  {"start", QString::fromStdString(p.start)},
                  {"end", QString::fromStdString(p.end)},
                  {"startTime", qint64(p.windowStartMs)},
                  {"endTime", qint64(p.windowEndMs)},
                  {"active", p.active},
                  {"trades", qint64(p.trades)},
                  {"coverage", p.coverage}};
    if (p.trades) {
        o.insert("volume", p.volume);
        o.insert("buyVolume", p.buyVolume);
        o.insert("sellVolume", p.sellVolume);
        o.insert("delta", p.delta);
    }
    insertOpt(o, "poc", p.poc);
    insertOpt(o, "vah", p.vah);
    insertOpt(o, "val", p.val);
    insertOpt(o, "high", p.high);
    insertOpt(o, "low", p.low);
    insertOpt(o, "vwap", p.vwap);
    if (!p.rows.empty())
        o.insert("levels", levelRows(p.rows, maxRows, false)); // [price, volume, sell, buy]
    return o;
}

QJsonObject rangeJson(const TpoRange &r) { return {{"low", r.low}, {"high", r.high}, {"rows", r.rows}}; }

QJsonObject toJson(const TpoProfile &t, size_t maxRows)
{
    QJsonObject o{{"startTime", qint64(t.fromMs)}, {"endTime", qint64(t.toMs)}, {"periods", t.periods},
                  {"poorHigh", t.poorHigh},       {"poorLow", t.poorLow}};
    o.insert("tpo", QJsonObject{{"poc", opt(t.tpoPoc)}, {"vah", opt(t.tpoVah)}, {"val", opt(t.tpoVal)}});
    o.insert("volume", QJsonObject{{"poc", opt(t.volumePoc)}, {"vah", opt(t.volumeVah)}, {"val", opt(t.volumeVal)}});
    insertOpt(o, "high", t.high);
    insertOpt(o, "low", t.low);
    if (t.ibHigh)
        o.insert("initialBalance", QJsonObject{{"high", *t.ibHigh}, {"low", *t.ibLow}});
    for (const auto &[key, e] : {std::pair{"rangeExtensionUp", &t.rangeExtensionUp}, std::pair{"rangeExtensionDown", &t.rangeExtensionDown}})
        if (*e)
            o.insert(key, QJsonObject{{"period", QString::fromStdString((*e)->letter)},
                                      {"time", qint64((*e)->timeMs)},
                                      {"distance", (*e)->distance}});
    QJsonArray singles;
    for (const TpoRange &r : t.singlePrints)
        singles.append(rangeJson(r));
    o.insert("singlePrints", singles);
    if (t.buyingTail)
        o.insert("buyingTail", rangeJson(*t.buyingTail));
    if (t.sellingTail)
        o.insert("sellingTail", rangeJson(*t.sellingTail));
    if (!t.rows.empty())
        o.insert("levels", levelRows(t.rows, maxRows, true)); // [price, letters, volume]
    return o;
}

QJsonObject dateProp()
{
    return dateSchema("the day profiled");
}
} // namespace

ToolDef sessionProfileTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "get_session_profile";
    d.title = "Session volume profiles";
    d.description = "Volume profile of each trading session (SESSIONS, default Tokyo/London/New York in UTC) of today, "
                    "the prior day or a stored day: POC, VAH, VAL, volume, buy/sell volume, delta, high, low, VWAP, trades and "
                    "coverage. Use it to compare where each session accepted price.";
    d.inputSchema = input({{"symbol", symbol()},
                           {"date", dateProp()},
                           {"session", QJsonObject{{"type", "string"}, {"default", "all"},
                                                   {"description", "a session name from SESSIONS, or all"}}},
                           {"ticksPerRow", ticksPerRowSchema()},
                           {"binSize", binSizeSchema()},
                           {"includeProfileLevels", QJsonObject{{"type", "boolean"}, {"default", false},
                                                                {"description", "add [price, volume, sellVolume, buyVolume] rows"}}},
                           {"maxProfileLevels", integer(1, 2000, 400, "rows per session with includeProfileLevels")},
                           {"valueAreaPercent", valueAreaPercentSchema()},
                           {"interval", sessionIntervalSchema()},
                           {"format", formatSchema()},
                           // The Python server's names (its users' calls keep working).
                           {"windowStartMs", QJsonObject{{"type", "integer"}, {"minimum", 0},
                                                         {"description", "with windowEndMs: one profile of the whole minutes "
                                                                         "opening in [windowStartMs, windowEndMs) instead of the sessions"}}},
                           {"windowEndMs", QJsonObject{{"type", "integer"}, {"minimum", 0}, {"description", "end of the window, exclusive"}}},
                           {"mode", pythonModeSchema()},
                           {"normalizeSeconds", normalizeSecondsSchema()}},
                          {"symbol"});
    d.outputSchema = output({{"symbol", typed("string")},
                             {"date", typed("string")},
                             {"sessions", array(output({{"name", typed("string")}, {"poc", typed("number")},
                                                        {"vah", typed("number")}, {"val", typed("number")},
                                                        {"trades", typed("integer")}},
                                                       {"name", "trades"}))},
                             {"ticksPerRow", typed("integer")},
                             {"binSize", typed("number")},
                             {"warnings", typed("array")}},
                            {"symbol", "date", "sessions"});
    d.run = [](const ToolArgs &a) {
        const DatedSnapshot ds = datedSnapshot(a); // a.snapshot(symbol) without a date
        const SnapshotPtr s = withValueAreaArg(a, ds.snapshot);
        const DayChoice day = dayOf(a, *s);
        const QString name = a.string("session").value_or("all");
        std::vector<const SessionView *> chosen;
        const std::optional<SessionView> window = explicitWindow(a);
        if (window)
            chosen.push_back(&*window);
        else if (name == "all")
            for (const SessionView &v : *day.sessions)
                chosen.push_back(&v);
        else
            chosen.push_back(sessionNamed(a, *day.sessions, name));
        const RowSizeChoice rs = rowSizeOf(a, s->symbol.tickSize);
        const int64_t k = rs.autoPick ? autoTicksForDay(*s, *day.day) : rs.ticks;
        const bool rows = a.boolean("includeProfileLevels");
        QJsonArray out;
        const std::optional<QString> interval = a.string("interval");
        for (const SessionView *v : chosen) {
            QJsonObject p = toJson(sessionProfile(*s, *v, k, rows, a.nowFor(*s)), size_t(a.integer("maxProfileLevels")));
            if (interval)
                p.insert("intervals", sessionIntervals(*s, *v, *parseTimeframe(interval->toStdString())));
            out.append(p);
        }
        if (pngWanted(a)) // one picture per session, all within the budget
            for (const SessionView *v : chosen) {
                const SessionProfile p = sessionProfile(*s, *v, k, true, a.nowFor(*s));
                const ProfilePicture pic{QString::fromStdString(p.name + " " + isoDate(day.day->day) + " " + p.start + "–" + p.end),
                                         p.rows, k, false, p.poc, p.vah, p.val};
                a.context().pictures->append(toolImages()->profile(*s, pic, ToolImages::kMaxBytes / qsizetype(chosen.size())));
            }
        QJsonObject o{{"symbol", a.symbol()}, {"date", QString::fromStdString(isoDate(day.day->day))}, {"sessions", out}};
        addRowSize(o, rs, k, s->symbol.tickSize);
        addValueArea(o, a);
        if (interval)
            o.insert("interval", *interval);
        addWarningList(o, ds.warnings);
        addPythonModeWarning(o, a);
        return o;
    };
    d.history = storedDayRequest;
    return d;
}

ToolDef tpoProfileTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "get_tpo_profile";
    d.title = "TPO (market) profile";
    d.description = "Market profile of a day (today by default, the prior day or a stored day) or one session: periods lettered A-Z then a-z, TPO and "
                    "volume POC/VAH/VAL, initial balance and range extensions, single prints, buying/selling tails and "
                    "poor highs/lows. Compact by default; includeLevels adds [price, letters, volume] rows.";
    d.inputSchema = input({{"symbol", symbol()},
                           {"date", dateProp()},
                           {"session", QJsonObject{{"type", "string"}, {"default", "all"},
                                                   {"description", "a session name from SESSIONS, or all (the whole day)"}}},
                           {"periodMinutes", integer(1, 240, 30, "minutes per lettered period")},
                           {"ticksPerRow", ticksPerRowSchema()},
                           {"binSize", binSizeSchema()},
                           {"ibPeriods", integer(1, 10, 2, "periods of the initial balance")},
                           {"tailMinLength", integer(1, 50, 2, "single-print rows that make a tail")},
                           {"useVolumeForVA", QJsonObject{{"type", "boolean"}, {"default", false},
                                                          {"description", "TPO POC and value area from volume"}}},
                           {"includeLevels", QJsonObject{{"type", "boolean"}, {"default", false},
                                                         {"description", "add [price, letters, volume] rows, highest first"}}},
                           {"maxLevels", integer(1, 2000, 240, "rows with includeLevels")},
                           {"valueAreaPercent", valueAreaPercentSchema()},
                           {"singlePrintsMode", singlePrintsModeSchema()},
                           {"format", formatSchema()},
                           // The Python server's names (its users' calls keep working).
                           {"tickSize", tickSizeSchema()},
                           {"includeSinglePrints", QJsonObject{{"type", "boolean"}, {"default", true},
                                                               {"description", "false: leave out the single prints"}}},
                           {"includePeriodProfiles", QJsonObject{{"type", "boolean"}, {"default", true},
                                                                 {"description", "accepted for the Python server's calls; "
                                                                                 "no per-period profiles are listed"}}}},
                          {"symbol"});
    d.outputSchema = output({{"symbol", typed("string")},
                             {"date", typed("string")},
                             {"session", typed("string")},
                             {"periods", typed("integer")},
                             {"tpo", typed("object")},
                             {"volume", typed("object")},
                             {"initialBalance", typed("object")},
                             {"singlePrints", typed("array")},
                             {"ticksPerRow", typed("integer")},
                             {"warnings", typed("array")}},
                            {"symbol", "date", "periods", "tpo", "volume"});
    d.run = [](const ToolArgs &a) {
        const DatedSnapshot ds = datedSnapshot(a); // a.snapshot(symbol) without a date
        const SnapshotPtr s = withValueAreaArg(a, ds.snapshot);
        const DayChoice day = dayOf(a, *s);
        const QString name = a.string("session").value_or("all");
        int64_t from = day.day->startMs, to = day.day->endMs;
        if (name != "all") {
            const SessionView *v = sessionNamed(a, *day.sessions, name);
            from = v->windowStartMs;
            to = v->windowEndMs;
        }
        TpoOptions o;
        o.periodMinutes = int(a.integer("periodMinutes"));
        // Periods run to the last trade: a window still open needs letters only that far.
        const int64_t minutes = (std::min(to, std::max(from, s->lastTradeMs) + 1) - from + kMsPerMinute - 1) / kMsPerMinute;
        const int64_t least = (minutes + 51) / 52; // letters A-Z, a-z
        if (o.periodMinutes < least)
            a.reject("periodMinutes", QStringLiteral("use an integer from %1 to 240 for this window (52 letters)").arg(least));
        o.ibPeriods = int(a.integer("ibPeriods"));
        o.tailMinLength = int(a.integer("tailMinLength"));
        o.useVolumeForVA = a.boolean("useVolumeForVA");
        o.levels = a.boolean("includeLevels");
        const RowSizeChoice rs = rowSizeOf(a, s->symbol.tickSize);
        o.ticksPerRow = rs.autoPick ? autoTicksForDay(*s, *day.day) : rs.ticks;
        const TpoProfile tpo = tpoProfile(*s, from, to, o);
        QJsonObject out = toJson(tpo, size_t(a.integer("maxLevels")));
        if (a.string("singlePrintsMode") == QLatin1String("full")) {
            out.insert("singlePrintLevels", singlePrintPrices(tpo, o.ticksPerRow, s->symbol.tickSize));
        } else if (tpo.singlePrints.size() > kCompactSinglePrints) { // the longest; the count says how many
            out.insert("singlePrints", compactSinglePrints(tpo));
            out.insert("singlePrintRangeCount", qint64(tpo.singlePrints.size()));
        }
        (void)a.boolean("includePeriodProfiles"); // checked; no per-period profiles here
        if (!a.boolean("includeSinglePrints"))
            for (const char *k : {"singlePrints", "singlePrintLevels", "singlePrintRangeCount"})
                out.remove(QLatin1String(k));
        addValueArea(out, a);
        if (pngWanted(a)) { // TPO counts per row, with the TPO POC and value area
            o.levels = true;
            const TpoProfile t = tpoProfile(*s, from, to, o);
            const ProfilePicture pic{"TPO " + name + " " + QString::fromStdString(isoDate(day.day->day)), t.rows,
                                     o.ticksPerRow, true, t.tpoPoc, t.tpoVah, t.tpoVal};
            a.context().pictures->append(toolImages()->profile(*s, pic, ToolImages::kMaxBytes));
        }
        out.insert("symbol", a.symbol());
        out.insert("date", QString::fromStdString(isoDate(day.day->day)));
        out.insert("session", name);
        out.insert("periodMinutes", o.periodMinutes);
        addRowSize(out, rs, o.ticksPerRow, s->symbol.tickSize);
        addWarningList(out, ds.warnings);
        return out;
    };
    d.history = storedDayRequest;
    return d;
}

} // namespace co
