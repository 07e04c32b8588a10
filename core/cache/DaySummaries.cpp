#include "cache/DaySummaries.h"

#include "engine/KeyLevels.h"
#include "engine/MarketEngine.h"
#include "indicators/ValueArea.h"

#include <algorithm>

namespace co {

namespace {
// The stored copy of DataQuality has the same fields (storage/ does not know the engine's types).
template <class To, class From> To convertQuality(const From &f)
{
    To t;
    t.live = f.live;
    t.source = f.source;
    t.ageMs = f.ageMs;
    t.fromMs = f.fromMs;
    t.toMs = f.toMs;
    t.coverage = f.coverage;
    t.tradeSource = f.tradeSource;
    t.tickSize = f.tickSize;
    t.tickSource = f.tickSource;
    for (const auto &g : f.gaps)
        t.gaps.push_back({g.fromMs, g.toMs, g.fromId, g.toId, g.reason});
    t.gapsOmitted = f.gapsOmitted;
    t.excluded = f.excluded;
    t.duplicates = f.duplicates;
    t.offGridTrades = f.offGridTrades;
    t.warnings = f.warnings;
    return t;
}

StoredQuality storedQualityOf(const DataQuality &d) { return convertQuality<StoredQuality>(d); }
DataQuality qualityOf(const StoredQuality &q) { return convertQuality<DataQuality>(q); }
} // namespace

StoredLevels storedLevelsOf(const KeyLevels &k)
{
    StoredLevels s;
    s.symbol = k.symbol;
    s.date = k.date;
    s.tickSize = k.tickSize;
    s.trades = k.trades;
    s.volume = k.volume;
    s.buyVolume = k.buyVolume;
    s.sellVolume = k.sellVolume;
    s.delta = k.delta;
    s.cvd = k.cvd;
    s.open = k.open;
    s.high = k.high;
    s.low = k.low;
    s.close = k.close;
    s.vwap = k.dVWAP; // the bands' centre (buildKeyLevels sets both from one VwapBands)
    if (k.bands)
        s.vwapSigma = k.bands->sigma;
    s.poc = k.dPOC;
    s.vah = k.dVAH;
    s.val = k.dVAL;
    s.priorVwap = k.pdVWAP;
    s.priorPoc = k.pdPOC;
    s.priorVah = k.pdVAH;
    s.priorVal = k.pdVAL;
    s.priorHigh = k.pdHigh;
    s.priorLow = k.pdLow;
    s.priorClose = k.pdClose;
    for (const SessionResult &r : k.sessions)
        s.sessions.push_back({r.name, r.start, r.end, r.trades, r.high, r.low, r.open, r.close, r.volume, r.buyVolume,
                              r.sellVolume, r.delta, r.vwap, r.active});
    for (const NakedPoc &n : k.nakedPOCs)
        s.nakedPocs.push_back({n.date, n.price, n.distance, n.distancePct});
    s.quality = storedQualityOf(k.quality);
    return s;
}

KeyLevels keyLevelsOf(const StoredLevels &s)
{
    KeyLevels k;
    k.symbol = s.symbol;
    k.date = s.date;
    k.tickSize = s.tickSize;
    k.trades = s.trades;
    k.volume = s.volume;
    k.buyVolume = s.buyVolume;
    k.sellVolume = s.sellVolume;
    k.delta = s.delta;
    k.cvd = s.cvd;
    k.open = s.open;
    k.high = s.high;
    k.low = s.low;
    k.close = s.close;
    k.dVWAP = s.vwap;
    if (s.vwap && s.vwapSigma)
        k.bands = VwapBands{*s.vwap, *s.vwapSigma};
    k.dPOC = s.poc;
    k.dVAH = s.vah;
    k.dVAL = s.val;
    k.pdVWAP = s.priorVwap;
    k.pdPOC = s.priorPoc;
    k.pdVAH = s.priorVah;
    k.pdVAL = s.priorVal;
    k.pdHigh = s.priorHigh;
    k.pdLow = s.priorLow;
    k.pdClose = s.priorClose;
    for (const StoredSession &r : s.sessions)
        k.sessions.push_back({r.name, r.start, r.end, r.trades, r.high, r.low, r.open, r.close, r.volume, r.buyVolume,
                              r.sellVolume, r.delta, r.vwap, r.active});
    for (const StoredNakedPoc &n : s.nakedPocs)
        k.nakedPOCs.push_back({n.date, n.price, n.distance, n.distancePct});
    k.quality = qualityOf(s.quality);
    return k;
}

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
    r.levels = storedLevelsOf(buildKeyLevels(s, {}));
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
