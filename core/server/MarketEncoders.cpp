// Encoders of the tool/REST results (one per result type; see JsonEncoders.h).
#include "server/JsonEncoders.h"
#include "server/JsonUtil.h"

#include "model/Fixed.h"

namespace co {

using json::putOpt;
using json::putTime;
using json::q;

namespace {
QJsonArray stackedJson(const std::vector<StackedResult> &zones)
{
    QJsonArray a; // [low, high, side, count] as in indicators.md §5
    for (const StackedResult &z : zones)
        a.append(QJsonArray{z.low, z.high, q(z.side), z.count});
    return a;
}

QString tfName(Timeframe tf) { return QString::fromLatin1(timeframeName(tf).data(), qsizetype(timeframeName(tf).size())); }

QJsonObject barMetricsJson(const BarMetrics &m)
{
    QJsonObject o; // bar times named as in the footprint bars (indicators.md §12)
    o.insert("openTime", qint64(m.openTime));
    o.insert("openTimeIso", isoTime(m.openTime));
    o.insert("closed", m.closed);
    o.insert("open", m.open);
    o.insert("high", m.high);
    o.insert("low", m.low);
    o.insert("close", m.close);
    o.insert("volume", m.volume);
    o.insert("buyVolume", m.buyVolume);
    o.insert("sellVolume", m.sellVolume);
    o.insert("delta", m.delta);
    o.insert("cvd", m.cvd);
    o.insert("buyShare", m.buyShare);
    putOpt(o, "buySellRatio", m.buySellRatio);
    o.insert("largeTradeShare", m.largeTradeShare);
    o.insert("trades", qint64(m.trades));
    o.insert("poc", m.poc);
    o.insert("buyImbalances", m.buyImbalances);
    o.insert("sellImbalances", m.sellImbalances);
    o.insert("stacked", stackedJson(m.stacked));
    o.insert("stackedCount", m.stackedCount);
    o.insert("deltaDivergence", m.deltaDivergence);
    return o;
}

QJsonObject liquidationJson(const LiquidationItem &i)
{
    QJsonObject o;
    o.insert("symbol", q(i.symbol));
    putTime(o, "time", i.order.tradeMs);
    o.insert("side", i.order.side == Side::Sell ? "SELL" : "BUY");
    o.insert("liquidated", i.order.side == Side::Sell ? "long" : "short");
    o.insert("price", fixedToDouble(i.order.price));
    o.insert("avgPrice", fixedToDouble(i.order.avgPrice));
    o.insert("qty", fixedToDouble(i.order.filledQty));
    o.insert("notional", i.notional);
    return o;
}

QString windowName(int64_t ms) { return QString::number(ms / 3'600'000) + "h"; }
} // namespace

QJsonObject toJson(const MarketSnapshotResult &r)
{
    QJsonObject o;
    o.insert("timestamp", qint64(r.asOfMs)); // the original server's names first
    o.insert("symbol", q(r.symbol));
    o.insert("exchange", "binance");
    o.insert("marketType", "linear perpetual");
    putOpt(o, "price", r.lastPrice);
    putOpt(o, "markPrice", r.markPrice);
    if (r.rolling24h) {
        const Rolling24h &d = *r.rolling24h;
        o.insert("high24h", d.high);
        o.insert("low24h", d.low);
        o.insert("volume24h", d.volume);
        o.insert("quoteVolume24h", d.quoteVolume);
        o.insert("priceChange24h", d.change);
        o.insert("priceChangePercent24h", d.changePercent);
        o.insert("priceChangePercent", d.changePercent); // the Python server's name
        o.insert("trades24h", qint64(d.trades));
        o.insert("stats24hSource", q(d.source));
    }
    putOpt(o, "fundingRate", r.fundingRate);
    putOpt(o, "openInterest", r.openInterest);
    putTime(o, "asOf", r.asOfMs);
    putOpt(o, "lastPrice", r.lastPrice);
    putTime(o, "lastTradeTime", r.lastTradeMs);
    putOpt(o, "indexPrice", r.indexPrice);
    if (r.nextFundingMs) {
        o.insert("nextFundingTime", qint64(r.nextFundingMs));
        o.insert("nextFundingTimeIso", isoTime(r.nextFundingMs));
    }
    putOpt(o, "openInterestNotional", r.openInterestNotional);
    putTime(o, "openInterestTime", r.openInterestMs);
    putOpt(o, "bestBid", r.bestBid);
    putOpt(o, "bestAsk", r.bestAsk);
    putOpt(o, "spread", r.spread);
    putOpt(o, "dVWAP", r.dVWAP);
    putOpt(o, "dPOC", r.dPOC);
    putOpt(o, "dVAH", r.dVAH);
    putOpt(o, "dVAL", r.dVAL);
    if (!r.valueAreaPosition.empty())
        o.insert("valueAreaPosition", q(r.valueAreaPosition));
    o.insert("dayVolume", r.dayVolume);
    o.insert("dayDelta", r.dayDelta);
    o.insert("dataQuality", toJson(r.quality));
    return o;
}

QJsonObject toJson(const FootprintRange &r, FootprintStyle style)
{
    QJsonArray bars;
    for (const FootprintBarResult &b : r.bars)
        bars.append(toJson(b, style));
    QJsonObject o{{"symbol", q(r.symbol)}, {"timeframe", tfName(r.timeframe)}, {"bars", bars}};
    if (r.more && !r.bars.empty()) {
        o.insert("truncated", true);
        o.insert("next", QJsonObject{{"endTime", qint64(r.bars.front().openTime)}});
    }
    o.insert("dataQuality", toJson(r.quality));
    return o;
}

QJsonObject toJson(const OrderflowMetrics &r)
{
    QJsonObject o{{"symbol", q(r.symbol)}, {"timeframe", tfName(r.timeframe)}};
    if (r.current)
        o.insert("current", barMetricsJson(*r.current));
    if (r.previous)
        o.insert("previous", barMetricsJson(*r.previous));
    o.insert("day", QJsonObject{{"volume", r.dayVolume},
                                {"buyVolume", r.dayBuyVolume},
                                {"sellVolume", r.daySellVolume},
                                {"delta", r.dayDelta},
                                {"cvd", r.cvd},
                                {"cvdReset", r.cvdContinuous ? "none" : "day"}});
    o.insert("dataQuality", toJson(r.quality));
    return o;
}

QJsonObject toJson(const DepthDeltaResult &r)
{
    QJsonObject o{{"symbol", q(r.symbol)}, {"percent", r.percentBp / 100.0}, {"windowPercent", r.ladderBp / 100.0}};
    if (r.current) {
        QJsonObject c;
        putTime(c, "time", r.currentMs);
        c.insert("bestBid", r.bestBid);
        c.insert("bestAsk", r.bestAsk);
        c.insert("mid", r.mid);
        c.insert("bidDepth", fixedToDouble(r.now.bidQty));
        c.insert("askDepth", fixedToDouble(r.now.askQty));
        c.insert("net", fixedToDouble(r.now.net()));
        c.insert("bidNotional", r.now.bidNotional);
        c.insert("askNotional", r.now.askNotional);
        o.insert("current", c);
    }
    QJsonArray windows;
    for (const DepthPoint &p : r.windows) {
        QJsonObject w;
        putTime(w, "end", p.endMs);
        w.insert("sampleMs", qint64(p.sampleMs));
        w.insert("bidDepth", fixedToDouble(p.band.bidQty));
        w.insert("askDepth", fixedToDouble(p.band.askQty));
        w.insert("net", fixedToDouble(p.band.net()));
        if (p.hasChange) {
            w.insert("bidChange", fixedToDouble(p.bidChange));
            w.insert("askChange", fixedToDouble(p.askChange));
            w.insert("netChange", fixedToDouble(p.netChange));
        }
        windows.append(w);
    }
    o.insert("windows", windows);
    o.insert("dataQuality", toJson(r.quality));
    return o;
}

QJsonObject toJson(const LiquidationsResult &r, bool compact)
{
    QJsonArray symbols;
    for (const std::string &s : r.symbols)
        symbols.append(q(s));
    QJsonObject o{{"symbols", symbols}, {"count", qint64(r.items.size())}, {"seenSinceStart", qint64(r.seen)}};
    QJsonArray items;
    if (compact) {
        o.insert("columns", QJsonArray{"timeMs", "symbol", "side", "price", "avgPrice", "qty", "notional"});
        for (const LiquidationItem &i : r.items)
            items.append(QJsonArray{qint64(i.order.tradeMs), q(i.symbol), i.order.side == Side::Sell ? "SELL" : "BUY",
                                    fixedToDouble(i.order.price), fixedToDouble(i.order.avgPrice),
                                    fixedToDouble(i.order.filledQty), i.notional});
    } else {
        for (const LiquidationItem &i : r.items)
            items.append(liquidationJson(i));
    }
    o.insert("items", items);
    QJsonObject totals;
    for (const LiquidationWindow &w : r.totals) {
        QJsonObject t{{"count", qint64(w.count)}, {"longNotional", w.longNotional}, {"shortNotional", w.shortNotional}};
        if (w.oneSymbol) {
            t.insert("longQty", w.longQty);
            t.insert("shortQty", w.shortQty);
        }
        if (w.hasLargest)
            t.insert("largest", liquidationJson(w.largest));
        totals.insert(w.windowMs == 0 ? QString("range") : windowName(w.windowMs), t);
    }
    o.insert("totals", totals);
    o.insert("lowerBound", true);
    o.insert("dataQuality", toJson(r.quality));
    return o;
}

QJsonObject toJson(const ScanRow &r)
{
    QJsonObject o{{"symbol", q(r.symbol)}, {"price", r.price}};
    putOpt(o, "dVWAP", r.dVWAP);
    if (!r.vsVWAP.empty())
        o.insert("vsVWAP", q(r.vsVWAP));
    putOpt(o, "dPOC", r.dPOC);
    putOpt(o, "dVAH", r.dVAH);
    putOpt(o, "dVAL", r.dVAL);
    if (!r.vsValueArea.empty())
        o.insert("vsValueArea", q(r.vsValueArea));
    if (r.nearestNakedPOC) {
        const NakedPoc &n = *r.nearestNakedPOC;
        o.insert("nearestNakedPOC",
                 QJsonObject{{"date", q(n.date)}, {"price", n.price}, {"distance", n.distance}, {"distancePct", n.distancePct}});
    }
    o.insert("dayDelta", r.dayDelta);
    o.insert("deltaSign", r.dayDelta > 0 ? 1 : r.dayDelta < 0 ? -1 : 0);
    o.insert("cvd", r.cvd);
    o.insert("cvdSign", r.cvd > 0 ? 1 : r.cvd < 0 ? -1 : 0);
    if (r.lastBarOpenTime) {
        QJsonObject bar{{"openTime", qint64(r.lastBarOpenTime)}, {"openTimeIso", isoTime(r.lastBarOpenTime)}};
        bar.insert("delta", r.lastBarDelta);
        bar.insert("stacked", stackedJson(r.lastBarStacked));
        bar.insert("stackedCount", r.lastBarStackedCount);
        o.insert("lastBar", bar);
    }
    putOpt(o, "fundingRate", r.fundingRate);
    putOpt(o, "openInterest", r.openInterest);
    putOpt(o, "openInterestChange", r.openInterestChange);
    putOpt(o, "openInterestChangePercent", r.openInterestChangePercent);
    o.insert("dataQuality", toJson(r.quality));
    return o;
}

} // namespace co
