#include "cache/RebuiltDayRecord.h"

#include "engine/Snapshot.h"
#include "model/ZoneOffsets.h"

namespace co {

namespace {
RebuiltSums sumsOf(const VwapSums &s)
{
    const VwapSums::Raw r = s.raw();
    return {r.q, r.pq, r.p2q, r.pd, r.qd};
}
VwapSums sumsOf(const RebuiltSums &s) { return VwapSums::fromRaw({s.q, s.pq, s.p2q, s.pd, s.qd}); }

RebuiltRows rowsOf(const Ladder &l)
{
    RebuiltRows r;
    if (l.empty())
        return r;
    r.lowRow = l.lowRow();
    for (int64_t row = l.lowRow(); row <= l.highRow(); ++row) {
        const RowVolume &v = l.at(row);
        r.buy.push_back(v.buy);
        r.sell.push_back(v.sell);
        r.trades.push_back(v.trades);
    }
    return r;
}
Ladder ladderOf(const RebuiltRows &r)
{
    Ladder l;
    const size_t n = std::min({r.buy.size(), r.sell.size(), r.trades.size()});
    if (n == 0)
        return l;
    l.addRow(r.lowRow + int64_t(n) - 1, {}); // the whole range at once
    l.addRow(r.lowRow, {});
    for (size_t i = 0; i < n; ++i)
        l.addRow(r.lowRow + int64_t(i), RowVolume{r.buy[i], r.sell[i], r.trades[i]});
    l.compact();
    return l;
}

RebuiltBar barOf(const FootprintBar &b)
{
    RebuiltBar r{b.openTime, b.open,     b.high,     b.low,      b.close,   b.openId,  b.closeId,        b.buy,
                 b.sell,     b.trades,   b.largeVolume, b.deltaMax, b.deltaMin, b.highRow, b.lowRow, rowsOf(b.rows),
                 sumsOf(b.sums), b.lastMs, {}};
    for (const BigTrade &t : b.bigTrades)
        r.bigTrades.push_back({t.id, t.timeMs, t.price, t.qty, t.takerBuy});
    return r;
}
BarPtr barOf(const RebuiltBar &r)
{
    auto b = std::make_shared<FootprintBar>();
    b->openTime = r.openTime, b->open = r.open, b->high = r.high, b->low = r.low, b->close = r.close;
    b->openId = r.openId, b->closeId = r.closeId, b->buy = r.buy, b->sell = r.sell, b->trades = r.trades;
    b->largeVolume = r.largeVolume, b->deltaMax = r.deltaMax, b->deltaMin = r.deltaMin;
    b->highRow = r.highRow, b->lowRow = r.lowRow;
    b->rows = ladderOf(r.rows);
    b->sums = sumsOf(r.sums);
    b->lastMs = r.lastMs;
    for (const RebuiltBigTrade &t : r.bigTrades)
        b->bigTrades.push_back({t.id, t.timeMs, t.price, t.qty, t.takerBuy});
    return b;
}

RebuiltDayView dayOf(const DayView &d)
{
    RebuiltDayView r;
    r.day = d.day, r.startMs = d.startMs, r.endMs = d.endMs, r.cvdBefore = d.cvdBefore;
    const DayTotals &t = d.totals;
    r.totals = {t.trades, t.buy, t.sell, t.open, t.high, t.low, t.close, t.openId, t.closeId, t.firstMs, t.lastMs,
                sumsOf(t.sums)};
    if (d.profile)
        r.profile = rowsOf(*d.profile);
    for (const BarPtr &b : d.minuteBars)
        r.minuteBars.push_back(barOf(*b));
    return r;
}
std::shared_ptr<const DayView> dayOf(const RebuiltDayView &r)
{
    DayData d;
    d.day = r.day, d.startMs = r.startMs, d.endMs = r.endMs, d.cvdBefore = r.cvdBefore;
    const RebuiltTotals &t = r.totals;
    d.totals.trades = t.trades, d.totals.buy = t.buy, d.totals.sell = t.sell, d.totals.open = t.open;
    d.totals.high = t.high, d.totals.low = t.low, d.totals.close = t.close, d.totals.openId = t.openId;
    d.totals.closeId = t.closeId, d.totals.firstMs = t.firstMs, d.totals.lastMs = t.lastMs;
    d.totals.sums = sumsOf(t.sums);
    if (r.profile)
        d.profile = std::make_shared<const Ladder>(ladderOf(*r.profile));
    d.minuteBars.reserve(r.minuteBars.size());
    for (const RebuiltBar &b : r.minuteBars)
        d.minuteBars.push_back(barOf(b));
    return std::make_shared<DayView>(std::move(d));
}

std::vector<RebuiltSession> sessionsOf(const std::vector<SessionView> &v)
{
    std::vector<RebuiltSession> out;
    for (const SessionView &s : v) {
        RebuiltSession r{s.name, s.startMin, s.endMin, s.windowStartMs, s.windowEndMs, std::nullopt};
        if (const auto &st = s.stats)
            r.stats = RebuiltSessionStats{st->startUtcMs, st->endUtcMs, st->open, st->high, st->low,  st->close,
                                          st->openId,     st->closeId,  st->buy,  st->sell, st->trades, sumsOf(st->sums)};
        out.push_back(std::move(r));
    }
    return out;
}
std::vector<SessionView> sessionsOf(const std::vector<RebuiltSession> &v)
{
    std::vector<SessionView> out;
    for (const RebuiltSession &r : v) {
        SessionView s{r.name, int(r.startMin), int(r.endMin), r.windowStartMs, r.windowEndMs, std::nullopt};
        if (const auto &st = r.stats) {
            SessionStats x;
            x.startUtcMs = st->startUtcMs, x.endUtcMs = st->endUtcMs, x.open = st->open, x.high = st->high;
            x.low = st->low, x.close = st->close, x.openId = st->openId, x.closeId = st->closeId;
            x.buy = st->buy, x.sell = st->sell, x.trades = st->trades, x.sums = sumsOf(st->sums);
            s.stats = x;
        }
        out.push_back(std::move(s));
    }
    return out;
}
} // namespace

RebuiltDay rebuiltDayRecord(const HistoryDay &h)
{
    RebuiltDay r;
    const EngineSnapshot &s = *h.snapshot;
    r.symbol = s.symbol;
    r.seq = s.seq, r.asOfMs = s.asOfMs, r.lastPrice = s.lastPrice, r.lastTradeMs = s.lastTradeMs;
    r.lastTradeId = s.lastTradeId, r.cvdAll = s.cvdAll, r.hasTrade = s.hasTrade;
    if (s.today)
        r.today = dayOf(*s.today);
    if (s.prior)
        r.prior = dayOf(*s.prior);
    r.todaySessions = sessionsOf(s.todaySessions);
    r.priorSessions = sessionsOf(s.priorSessions);
    for (const DaySummary &d : s.history)
        r.history.push_back({d.day, d.startMs, d.endMs, d.pocRow, d.high, d.low, d.hasTrades});
    r.quality = s.quality;
    r.warnings = h.warnings;
    return r;
}

HistoryDay historyDayOf(const RebuiltDay &r, const EngineConfig &config)
{
    auto s = std::make_shared<EngineSnapshot>();
    s->symbol = r.symbol;
    s->config = config;
    s->seq = r.seq, s->asOfMs = r.asOfMs, s->lastPrice = r.lastPrice, s->lastTradeMs = r.lastTradeMs;
    s->lastTradeId = r.lastTradeId, s->cvdAll = r.cvdAll, s->hasTrade = r.hasTrade;
    if (r.today)
        s->today = dayOf(*r.today);
    if (r.prior)
        s->prior = dayOf(*r.prior);
    s->todaySessions = sessionsOf(r.todaySessions);
    s->priorSessions = sessionsOf(r.priorSessions);
    for (const RebuiltSummary &d : r.history)
        s->history.push_back({d.day, d.startMs, d.endMs, d.hasTrades, d.pocRow, d.high, d.low});
    s->quality = r.quality;
    HistoryDay h;
    h.snapshot = std::move(s);
    h.warnings = r.warnings;
    h.complete = true;
    return h;
}

std::string rebuildSettingsKey(const EngineConfig &c)
{
    std::string k = "v1;large=" + std::to_string(c.largeTradeNotional) + ";days=" + std::to_string(c.cacheDays) +
                    ";cvd=" + (c.cvdContinuous ? "none" : "day") + ";sessions=";
    for (const SessionDef &s : c.sessions)
        k += s.name + "@" + std::to_string(s.startMin) + "-" + std::to_string(s.endMin) + "/" +
             ZoneClock(s.zone).id() + ",";
    return k;
}

} // namespace co
