#include "cache/DaySummaries.h"

#include "engine/KeyLevels.h"
#include "engine/MarketEngine.h"
#include "indicators/ValueArea.h"
#include "server/JsonEncoders.h"

#include <QJsonDocument>

#include <algorithm>

namespace co {

std::optional<DaySummaryRecord> summarizeToday(const EngineSnapshot &s)
{
    if (!s.today || s.today->totals.trades == 0 || !s.today->profile)
        return std::nullopt;
    const DayView &d = *s.today;
    const int64_t tick = s.symbol.tickSize;
    DaySummaryRecord r;
    r.symbol = s.symbol.name;
    r.zone = s.config.dayZone ? s.config.dayZone->id() : "UTC";
    r.day = d.day;
    r.startMs = d.startMs;
    r.endMs = d.endMs;
    r.trades = d.totals.trades;
    r.high = d.totals.high;
    r.low = d.totals.low;
    r.poc = pocRow(*d.profile).value_or(0) * tick;
    r.tickSize = tick;
    r.delta = d.totals.delta();
    r.levelsJson = QJsonDocument(toJson(buildKeyLevels(s, {}))).toJson(QJsonDocument::Compact);
    const Ladder &p = *d.profile;
    for (int64_t row = p.lowRow(); !p.empty() && row <= p.highRow(); ++row) {
        const RowVolume &v = p.at(row);
        if (v.trades > 0)
            r.profile.push_back({row * tick, v.buy, v.sell, v.trades});
    }
    return r;
}

DaySummary historyDayOf(const DaySummaryRecord &r, int64_t tick)
{
    if (tick <= 0)
        tick = r.tickSize;
    DaySummary d;
    d.day = r.day;
    d.startMs = r.startMs;
    d.endMs = r.endMs;
    d.hasTrades = r.trades > 0;
    d.pocRow = tick > 0 ? (2 * r.poc + tick) / (2 * tick) : 0; // round half up, as trade rows
    d.high = r.high;
    d.low = r.low;
    return d;
}

void seedEngine(MarketEngine &engine, const DayHistory &h)
{
    std::vector<DaySummary> days;
    for (const DaySummaryRecord &r : h.days)
        days.push_back(historyDayOf(r, engine.symbol().tickSize));
    engine.seedHistory(days, h.cvdBefore);
}

} // namespace co
