#include "app/DaySummaries.h"

#include "engine/KeyLevels.h"
#include "indicators/ValueArea.h"
#include "server/JsonEncoders.h"

#include <QJsonDocument>

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
    r.levelsJson = QJsonDocument(toJson(buildKeyLevels(s, {}))).toJson(QJsonDocument::Compact);
    const Ladder &p = *d.profile;
    for (int64_t row = p.lowRow(); !p.empty() && row <= p.highRow(); ++row) {
        const RowVolume &v = p.at(row);
        if (v.trades > 0)
            r.profile.push_back({row * tick, v.buy, v.sell, v.trades});
    }
    return r;
}

} // namespace co
