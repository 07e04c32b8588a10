#include "engine/MarketSnapshot.h"

#include "engine/KeyLevels.h"
#include "model/Fixed.h"
#include "model/Time.h"

#include <algorithm>

namespace co {

std::optional<Rolling24h> rolling24h(const EngineSnapshot &s, int64_t nowMs)
{
    if (!s.today)
        return std::nullopt;
    const int64_t minute = nowMs - floorMod(nowMs, kMsPerMinute);
    const int64_t from = minute - kMsPerDay + kMsPerMinute; // 1440 bars including the current one
    // Only when trades are known from the window's first minute on: a partial window is not "24 h".
    const DayView &first = s.prior && s.prior->totals.trades ? *s.prior : *s.today;
    if (!first.totals.trades || first.totals.firstMs >= from + kMsPerMinute)
        return std::nullopt;
    Rolling24h r;
    int64_t high = INT64_MIN, low = INT64_MAX, open = 0, close = 0, buy = 0, sell = 0;
    VwapSums sums;
    bool any = false;
    for (const auto &day : {s.prior, s.today}) {
        if (!day)
            continue;
        for (const BarPtr &b : day->barsOf(Timeframe::M1)) {
            if (b->openTime < from || b->openTime > minute)
                continue;
            if (!any) {
                r.fromMs = b->openTime;
                open = b->open;
                any = true;
            }
            close = b->close;
            r.toMs = b->openTime + kMsPerMinute;
            high = std::max(high, b->high);
            low = std::min(low, b->low);
            buy += b->buy;
            sell += b->sell;
            r.trades += b->trades;
            sums.merge(b->sums);
        }
    }
    if (!any)
        return std::nullopt;
    r.open = fixedToDouble(open);
    r.close = fixedToDouble(close);
    r.high = fixedToDouble(high);
    r.low = fixedToDouble(low);
    r.volume = qtyValue(buy + sell);
    r.quoteVolume = sums.vwap().value_or(0) * r.volume;
    r.change = fixedToDouble(close - open);
    r.changePercent = open ? double(close - open) / double(open) * 100 : 0;
    return r;
}

QueryResult<MarketSnapshotResult> buildMarketSnapshot(const EngineSnapshot &s, int64_t nowMs)
{
    const bool bookLive = s.book && s.book->live && !s.book->book.empty();
    const bool hasMark = s.funding && s.funding->mark();
    if (!s.hasTrade && !bookLive && !hasMark)
        return QueryError{QueryErrorKind::NoData,
                          "no trades, order book or mark price for " + s.symbol.name + " since start-up; retry in a minute"};
    MarketSnapshotResult r;
    r.symbol = s.symbol.name;
    r.asOfMs = s.asOfMs;
    KeyLevelsOptions ko;
    ko.nowMs = nowMs;
    const KeyLevels k = buildKeyLevels(s, ko);
    r.quality = k.quality;
    if (s.hasTrade) {
        r.lastPrice = fixedToDouble(s.lastPrice);
        r.lastTradeMs = s.lastTradeMs;
        r.dVWAP = k.dVWAP;
        r.dPOC = k.dPOC;
        r.dVAH = k.dVAH;
        r.dVAL = k.dVAL;
        r.dayVolume = k.volume;
        r.dayDelta = k.delta;
        if (k.dVAH && k.dVAL)
            r.valueAreaPosition = *r.lastPrice > *k.dVAH ? "above" : *r.lastPrice < *k.dVAL ? "below" : "inside";
    } else {
        r.quality.warnings.push_back("no trade received yet");
    }
    if (hasMark) {
        const MarkPrice &m = *s.funding->mark();
        r.markPrice = fixedToDouble(m.markPrice);
        if (m.indexPrice)
            r.indexPrice = fixedToDouble(m.indexPrice);
        r.fundingRate = fixedToDouble(m.fundingRate);
        r.markMs = m.eventMs;
        r.nextFundingMs = m.nextFundingMs;
    } else {
        r.quality.warnings.push_back("no mark price or funding rate received yet");
    }
    if (s.funding)
        if (auto oi = s.funding->openInterest()) {
            r.openInterest = qtyValue(oi->openInterest);
            r.openInterestMs = oi->timeMs;
            if (oi->valueUsdt)
                r.openInterestNotional = fixedToDouble(oi->valueUsdt);
            else if (hasMark)
                r.openInterestNotional = double(__int128(oi->openInterest) * s.funding->mark()->markPrice) / 1e16;
        }
    if (bookLive) {
        const OrderBook &b = s.book->book;
        r.bestBid = fixedToDouble(b.bestBid());
        r.bestAsk = fixedToDouble(b.bestAsk());
        r.spread = fixedToDouble(b.bestAsk() - b.bestBid());
    } else {
        r.quality.warnings.push_back("order book not synced: no best bid/ask");
    }
    r.rolling24h = rolling24h(s, nowMs);
    if (!r.rolling24h && s.ticker24h) { // from the first call, as the exchange counts it
        const Ticker24hView &t = *s.ticker24h;
        Rolling24h x;
        x.fromMs = t.openTimeMs;
        x.toMs = t.closeTimeMs;
        x.open = fixedToDouble(t.open);
        x.high = fixedToDouble(t.high);
        x.low = fixedToDouble(t.low);
        x.close = fixedToDouble(t.last);
        x.volume = fixedToDouble(t.volume);
        x.quoteVolume = fixedToDouble(t.quoteVolume);
        x.change = fixedToDouble(t.last - t.open);
        x.changePercent = fixedToDouble(t.priceChangePercent);
        x.trades = t.count;
        x.source = "ticker";
        r.rolling24h = x;
    }
    if (!r.rolling24h && s.hasTrade)
        r.quality.warnings.push_back("24 h statistics omitted: trades are known only since " +
                                     isoTimeMs((s.prior && s.prior->totals.trades ? s.prior : s.today)->totals.firstMs));
    return r;
}

} // namespace co
