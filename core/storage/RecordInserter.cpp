#include "storage/RecordInserter.h"

#include "storage/FundingRecords.h"
#include "storage/HeatmapRecords.h"

#include <QDateTime>

namespace co {

RecordInserter::RecordInserter(sqlite3 *db)
    : liq_(db, "INSERT OR IGNORE INTO liquidations(sym, event_ms, trade_ms, side, price, avg_price, orig_qty, last_qty, "
               "filled_qty) VALUES (?,?,?,?,?,?,?,?,?)"),
      mark_(db, "INSERT OR REPLACE INTO marks(sym, t, mark, index_price, settle_price, funding_rate, next_funding_ms) "
                "VALUES (?,?,?,?,?,?,?)"),
      oi_(db, "INSERT OR REPLACE INTO open_interest(sym, t, oi, value_usdt) VALUES (?,?,?,?)"),
      funding_(db, kFundingInsertSql),
      heatmap_(db, kHeatmapInsertSql),
      depth_(db, "INSERT OR REPLACE INTO depth_samples(sym, t, ladder) VALUES (?,?,?)"),
      summary_(db, "INSERT OR REPLACE INTO day_summaries(sym, zone, day, start_ms, end_ms, trades, high, low, poc, "
                   "tick_size, levels, updated_ms, delta) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"),
      clearProfile_(db, "DELETE FROM day_profiles WHERE sym = ? AND zone = ? AND day = ?"),
      profile_(db, "INSERT INTO day_profiles(sym, zone, day, price, buy, sell, trades) VALUES (?,?,?,?,?,?,?)")
{
    for (Statement *s : {&liq_, &mark_, &oi_, &funding_, &heatmap_, &depth_, &summary_, &clearProfile_, &profile_})
        if (!s->ok() && error_.isEmpty())
            error_ = s->error();
}

bool RecordInserter::done(Statement &st)
{
    if (st.exec())
        return true;
    error_ = st.error();
    return false;
}

bool RecordInserter::liquidation(int64_t sym, const Liquidation &l)
{
    liq_.bind(1, sym);
    liq_.bind(2, l.eventMs);
    liq_.bind(3, l.tradeMs);
    liq_.bind(4, l.side == Side::Sell ? 1 : 0);
    liq_.bind(5, l.price);
    liq_.bind(6, l.avgPrice);
    liq_.bind(7, l.origQty);
    liq_.bind(8, l.lastFilledQty);
    liq_.bind(9, l.filledQty);
    return done(liq_);
}

bool RecordInserter::mark(int64_t sym, const MarkPrice &m)
{
    mark_.bind(1, sym);
    mark_.bind(2, m.eventMs);
    mark_.bind(3, m.markPrice);
    mark_.bind(4, m.indexPrice);
    mark_.bind(5, m.settlePrice);
    mark_.bind(6, m.fundingRate);
    mark_.bind(7, m.nextFundingMs);
    return done(mark_);
}

bool RecordInserter::openInterest(int64_t sym, const OpenInterest &oi)
{
    oi_.bind(1, sym);
    oi_.bind(2, oi.timeMs);
    oi_.bind(3, oi.openInterest);
    oi_.bind(4, oi.valueUsdt);
    return done(oi_);
}

bool RecordInserter::funding(int64_t sym, const FundingSettlement &f)
{
    bindFundingRow(funding_, sym, f);
    return done(funding_);
}

bool RecordInserter::heatmap(int64_t sym, const HeatmapRow &row)
{
    bindHeatmapRow(heatmap_, sym, row);
    return done(heatmap_);
}

bool RecordInserter::depth(int64_t sym, const DepthRecord &d)
{
    depth_.bind(1, sym);
    depth_.bind(2, d.timeMs);
    depth_.bindBlob(3, d.ladder.constData(), int(d.ladder.size()));
    return done(depth_);
}

bool RecordInserter::daySummary(int64_t sym, const DaySummaryRecord &d)
{
    summary_.bind(1, sym);
    summary_.bind(2, d.zone);
    summary_.bind(3, d.day);
    summary_.bind(4, d.startMs);
    summary_.bind(5, d.endMs);
    summary_.bind(6, d.trades);
    summary_.bind(7, d.high);
    summary_.bind(8, d.low);
    summary_.bind(9, d.poc);
    summary_.bind(10, d.tickSize);
    if (!d.levels) {
        error_ = "a day summary without its key levels";
        return false;
    }
    const QByteArray levels = encodeStoredLevels(*d.levels);
    summary_.bind(11, std::string_view(levels.constData(), size_t(levels.size())));
    summary_.bind(12, QDateTime::currentMSecsSinceEpoch());
    summary_.bind(13, d.delta);
    if (!done(summary_))
        return false;
    clearProfile_.bind(1, sym);
    clearProfile_.bind(2, d.zone);
    clearProfile_.bind(3, d.day);
    if (!done(clearProfile_))
        return false;
    for (const ProfileRow &r : d.profile) {
        profile_.bind(1, sym);
        profile_.bind(2, d.zone);
        profile_.bind(3, d.day);
        profile_.bind(4, r.price);
        profile_.bind(5, r.buy);
        profile_.bind(6, r.sell);
        profile_.bind(7, r.trades);
        if (!done(profile_))
            return false;
    }
    return true;
}

} // namespace co
