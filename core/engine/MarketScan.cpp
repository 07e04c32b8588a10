#include "engine/MarketScan.h"

#include "engine/BarQueries.h"
#include "model/Fixed.h"

#include <cmath>

namespace co {

QueryResult<ScanRow> buildScanRow(const EngineSnapshot &s, Timeframe tf, int64_t nowMs)
{
    if (!s.hasTrade || !s.today)
        return QueryError{QueryErrorKind::NoData, "no trades for " + s.symbol.name + " since start-up; retry in a minute"};
    KeyLevelsOptions ko;
    ko.nowMs = nowMs;
    const KeyLevels k = buildKeyLevels(s, ko);
    ScanRow r;
    r.symbol = s.symbol.name;
    r.price = fixedToDouble(s.lastPrice);
    r.dVWAP = k.dVWAP;
    r.dPOC = k.dPOC;
    r.dVAH = k.dVAH;
    r.dVAL = k.dVAL;
    if (k.dVWAP)
        r.vsVWAP = r.price > *k.dVWAP ? "above" : r.price < *k.dVWAP ? "below" : "at";
    if (k.dVAH && k.dVAL)
        r.vsValueArea = r.price > *k.dVAH ? "above" : r.price < *k.dVAL ? "below" : "inside";
    for (const NakedPoc &n : k.nakedPOCs)
        if (!r.nearestNakedPOC || std::abs(n.distance) < std::abs(r.nearestNakedPOC->distance))
            r.nearestNakedPOC = n;
    r.dayDelta = k.delta;
    r.cvd = k.cvd;
    r.timeframe = tf;
    FootprintQuery q;
    q.timeframe = tf;
    q.limit = 1;
    const std::vector<FootprintBarResult> bars = footprintBars(s, q);
    if (!bars.empty()) {
        r.lastBarOpenTime = bars.back().openTime;
        r.lastBarDelta = bars.back().delta;
        r.lastBarStacked = largestStacked(bars.back().stacked, kStackedShown);
        r.lastBarStackedCount = int(bars.back().stacked.size());
    }
    if (s.funding) {
        if (const auto &m = s.funding->mark())
            r.fundingRate = fixedToDouble(m->fundingRate);
        if (auto oi = s.funding->openInterest()) {
            r.openInterest = fixedToDouble(oi->openInterest);
            if (auto change = s.funding->openInterestChange(timeframeMs(tf))) {
                r.openInterestChange = fixedToDouble(*change);
                const int64_t before = oi->openInterest - *change;
                if (before)
                    r.openInterestChangePercent = double(*change) / double(before) * 100;
            }
        }
    }
    r.quality = k.quality;
    return r;
}

} // namespace co
