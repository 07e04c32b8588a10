#include "server/DatedSnapshot.h"

#include "model/Time.h"
#include "model/ZoneOffsets.h"
#include "server/ToolArgs.h"
#include "server/ToolResult.h"

#include <QJsonArray>

#include <algorithm>

namespace co {

namespace {
std::optional<int64_t> dayArg(const ToolArgs &a)
{
    const auto date = a.string("date");
    if (!date)
        return std::nullopt;
    int64_t day = 0;
    if (!parseIsoDate(date->toStdString(), day))
        a.reject("date", "use a calendar day as YYYY-MM-DD");
    return day;
}

const DayView *heldDay(const EngineSnapshot *s, int64_t day)
{
    if (!s || !s->hasTrade)
        return nullptr;
    if (s->today && s->today->day == day)
        return s->today.get();
    if (s->prior && s->prior->day == day)
        return s->prior.get();
    return nullptr;
}

QString heldDays(const EngineSnapshot *s)
{
    if (!s || !s->hasTrade || !s->today)
        return "none (no trades since start-up)";
    QString out = QString::fromStdString(isoDate(s->today->day));
    if (s->prior)
        out = QString::fromStdString(isoDate(s->prior->day)) + ", " + out;
    return out;
}
} // namespace

std::optional<HistoryRequest> storedDayRequest(const ToolArgs &a)
{
    const std::optional<int64_t> day = dayArg(a);
    if (!day || !a.context().history)
        return std::nullopt;
    const std::string symbol = a.symbol().toStdString();
    const SnapshotPtr live = a.context().registry.snapshot(symbol);
    if (heldDay(live.get(), *day))
        return std::nullopt;
    const EngineConfig &config = live ? live->config : a.context().registry.config();
    return HistoryRequest{symbol, *day, ZoneClock(config.dayZone).id()};
}

DatedSnapshot datedSnapshot(const ToolArgs &a)
{
    DatedSnapshot out;
    const std::optional<int64_t> day = dayArg(a);
    if (const std::optional<HistoryRequest> r = storedDayRequest(a)) {
        const QueryResult<HistoryDay> h = a.context().history->day(*r);
        const HistoryDay &d = valueOr(h);
        if (!d.snapshot)
            throw ApiError{ApiErrorKind::NotInMemory,
                           "Invalid date " + a.string("date").value_or(QString()) +
                               ": its trades are no longer in the trade cache (TRADE_CACHE_DAYS); footprints and "
                               "profiles are rebuilt from trades" +
                               (d.tradeDays.empty() ? QString(" and none are stored")
                                                    : ", stored for " + QString::fromStdString(d.tradeDays)) +
                               ". get_key_levels answers it from the summary stored at its close."};
        out.snapshot = d.snapshot;
        out.warnings = d.warnings;
        out.stored = true;
    } else {
        out.snapshot = a.snapshot(a.symbol());
    }
    if (!day)
        return out;
    out.day = heldDay(out.snapshot.get(), *day);
    if (!out.day)
        a.reject("date", "use a day the engine holds: " + heldDays(out.snapshot.get()));
    out.startMs = out.day->startMs;
    out.endMs = out.day->endMs;
    return out;
}

void clampToDay(const ToolArgs &a, const DatedSnapshot &d, FootprintQuery &q)
{
    if (!d.day)
        return;
    q.startMs = std::max(q.startMs, d.startMs);
    q.endMs = std::min(q.endMs, d.endMs);
    if (q.startMs >= q.endMs)
        a.reject("date", "startTime/endTime/cursor fall outside " + QString::fromStdString(isoDate(d.day->day)) +
                             " (" + QString::fromStdString(isoTimeMs(d.startMs)) + " to " +
                             QString::fromStdString(isoTimeMs(d.endMs)) + ")");
}

QJsonObject dateSchema(const char *what)
{
    return QJsonObject{{"type", "string"},
                       {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                       {"description", QString("a day as YYYY-MM-DD in DAY_TZ (default: today): %1. Today and the prior "
                                               "day come from the engine, older days in the trade cache (the last "
                                               "TRADE_CACHE_DAYS) are rebuilt from their trades; an error names the "
                                               "days kept").arg(QLatin1String(what))}};
}

void addDayWarnings(QJsonObject &out, const std::vector<std::string> &warnings)
{
    if (warnings.empty())
        return;
    QJsonObject q = out["dataQuality"].toObject();
    QJsonArray w = q["warnings"].toArray();
    for (const std::string &s : warnings)
        w.append(QString::fromStdString(s));
    q.insert("warnings", w);
    out.insert("dataQuality", q);
}

void addWarningList(QJsonObject &out, const std::vector<std::string> &warnings)
{
    QJsonArray w;
    for (const std::string &s : warnings)
        w.append(QString::fromStdString(s));
    if (!w.isEmpty())
        out.insert("warnings", w);
}

} // namespace co
