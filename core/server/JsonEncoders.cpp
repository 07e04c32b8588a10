#include "server/JsonEncoders.h"

#include "model/Time.h"
#include "server/JsonUtil.h"

namespace co {

using json::putOpt;
using json::q;

namespace {
QJsonArray numbers(const std::vector<double> &v)
{
    QJsonArray a;
    for (double x : v)
        a.append(x);
    return a;
}
} // namespace

QString isoTime(int64_t ms) { return q(isoTimeMs(ms)); }

QJsonObject toJson(const DataQuality &d)
{
    QJsonObject o;
    o.insert("live", d.live);
    o.insert("source", q(d.source));
    o.insert("ageMs", qint64(d.ageMs));
    if (d.fromMs) {
        o.insert("fromMs", qint64(d.fromMs));
        o.insert("fromIso", isoTime(d.fromMs));
        o.insert("toMs", qint64(d.toMs));
        o.insert("toIso", isoTime(d.toMs));
    }
    o.insert("coverage", d.coverage);
    if (d.tradeSource)
        o.insert("tradeSource", *d.tradeSource == TradeSource::AggTrade ? "aggTrade" : "trade");
    if (d.tickSize)
        o.insert("tickSize", double(d.tickSize) / 1e8);
    o.insert("tickSource", tickSourceName(d.tickSource));
    QJsonArray gaps;
    for (const Gap &g : d.gaps) {
        QJsonObject j{{"fromMs", qint64(g.fromMs)}, {"toMs", qint64(g.toMs)}, {"reason", q(g.reason)}};
        if (g.fromId || g.toId) {
            j.insert("fromId", qint64(g.fromId));
            j.insert("toId", qint64(g.toId));
        }
        gaps.append(j);
    }
    o.insert("gaps", gaps);
    if (d.gapsOmitted)
        o.insert("gapsOmitted", qint64(d.gapsOmitted));
    QJsonObject excluded;
    for (const auto &[k, n] : d.excluded)
        excluded.insert(q(k), qint64(n));
    o.insert("excluded", excluded);
    o.insert("duplicates", qint64(d.duplicates));
    o.insert("offGridTrades", qint64(d.offGridTrades));
    QJsonArray w;
    for (const std::string &s : d.warnings)
        w.append(q(s));
    o.insert("warnings", w);
    return o;
}

QJsonObject toJson(const FootprintBarResult &b, FootprintStyle style)
{
    QJsonObject o;
    o.insert("openTime", qint64(b.openTime));
    o.insert("openTimeIso", isoTime(b.openTime));
    o.insert("open", b.open);
    o.insert("high", b.high);
    o.insert("low", b.low);
    o.insert("close", b.close);
    o.insert("volume", b.volume);
    o.insert("buyVolume", b.buyVolume);
    o.insert("sellVolume", b.sellVolume);
    o.insert("delta", b.delta);
    o.insert("cvd", b.cvd);
    o.insert("trades", qint64(b.trades));
    o.insert("poc", b.poc);
    if (b.trades) { // analysis.md A2, A3
        o.insert("vah", b.vah);
        o.insert("val", b.val);
        o.insert("deltaMax", b.deltaMax);
        o.insert("deltaMin", b.deltaMin);
        o.insert("quoteVolume", b.quoteVolume);
        o.insert("unfinishedHigh", b.unfinishedHigh);
        o.insert("unfinishedLow", b.unfinishedLow);
        if (style.compact)
            o.insert("zeroPrintCount", qint64(b.zeroPrints.size()));
        else
            o.insert("zeroPrints", numbers(b.zeroPrints));
        o.insert("bigTradeCount", qint64(b.bigTradeCount));
    }
    if (style.bigTrades) {
        QJsonArray big;
        for (const BigTradeResult &t : b.bigTrades)
            big.append(QJsonObject{{"time", qint64(t.timeMs)}, {"price", t.price}, {"qty", t.qty}, {"side", t.buy ? "BUY" : "SELL"}});
        o.insert("bigTrades", big);
    }
    if (style.events) {
        QJsonArray ev;
        for (const ZoneEventResult &e : b.events) {
            QJsonObject j{{"type", "stackedZoneFormed"}, {"time", qint64(e.timeMs)}, {"side", q(e.side)},
                          {"low", e.low}, {"high", e.high}, {"rows", e.count}};
            if (e.tradeId) // the completing trade (absent: time is its minute's latest trade)
                j.insert("tradeId", qint64(e.tradeId));
            ev.append(j);
        }
        o.insert("events", ev);
    }
    if (style.compact) {
        o.insert("buyImbalanceCount", qint64(b.buyImbalances.size()));
        o.insert("sellImbalanceCount", qint64(b.sellImbalances.size()));
    } else {
        o.insert("buyImbalances", numbers(b.buyImbalances));
        o.insert("sellImbalances", numbers(b.sellImbalances));
    }
    QJsonArray st;
    for (const StackedResult &z : style.compact ? largestStacked(b.stacked, kStackedShown) : b.stacked)
        st.append(QJsonArray{z.low, z.high, q(z.side), z.count});
    o.insert("stacked", st);
    if (style.compact)
        o.insert("stackedCount", qint64(b.stacked.size()));
    if (!b.rows.empty()) {
        QJsonArray rows; // [price, sellVolume (bid), buyVolume (ask)]
        for (const FootprintRow &r : b.rows)
            rows.append(QJsonArray{r.price, r.sell, r.buy});
        o.insert("rows", rows);
    }
    return o;
}

QJsonObject toJson(const SessionResult &s)
{
    QJsonObject o;
    o.insert("start", q(s.start));
    o.insert("end", q(s.end));
    o.insert("trades", qint64(s.trades));
    putOpt(o, "high", s.high);
    putOpt(o, "low", s.low);
    putOpt(o, "open", s.open);
    putOpt(o, "close", s.close);
    putOpt(o, "volume", s.volume);
    putOpt(o, "buyVolume", s.buyVolume);
    putOpt(o, "sellVolume", s.sellVolume);
    putOpt(o, "delta", s.delta);
    putOpt(o, "vwap", s.vwap);
    o.insert("active", s.active);
    return o;
}

QJsonObject toJson(const KeyLevels &k, FootprintStyle style)
{
    QJsonObject o;
    o.insert("symbol", q(k.symbol));
    if (!k.date.empty())
        o.insert("date", q(k.date));
    o.insert("tickSize", k.tickSize);
    o.insert("trades", qint64(k.trades));
    o.insert("volume", k.volume);
    o.insert("buyVolume", k.buyVolume);
    o.insert("sellVolume", k.sellVolume);
    o.insert("delta", k.delta);
    o.insert("cvd", k.cvd);
    putOpt(o, "open", k.open);
    putOpt(o, "high", k.high);
    putOpt(o, "low", k.low);
    putOpt(o, "close", k.close);
    putOpt(o, "dVWAP", k.dVWAP);
    if (k.bands) {
        const VwapBands &b = *k.bands;
        o.insert("vwapBands", QJsonObject{{"sigma", b.sigma},
                                          {"+1", b.vwap + b.sigma},
                                          {"-1", b.vwap - b.sigma},
                                          {"+2", b.vwap + 2 * b.sigma},
                                          {"-2", b.vwap - 2 * b.sigma},
                                          {"+3", b.vwap + 3 * b.sigma},
                                          {"-3", b.vwap - 3 * b.sigma}});
    }
    putOpt(o, "dPOC", k.dPOC);
    putOpt(o, "dVAH", k.dVAH);
    putOpt(o, "dVAL", k.dVAL);
    putOpt(o, "pdVWAP", k.pdVWAP);
    putOpt(o, "pdPOC", k.pdPOC);
    putOpt(o, "pdVAH", k.pdVAH);
    putOpt(o, "pdVAL", k.pdVAL);
    putOpt(o, "pdHigh", k.pdHigh);
    putOpt(o, "pdLow", k.pdLow);
    putOpt(o, "pdClose", k.pdClose);
    QJsonObject sessions;
    for (const SessionResult &s : k.sessions)
        sessions.insert(q(s.name), toJson(s));
    o.insert("sessions", sessions);
    QJsonArray naked;
    for (const NakedPoc &n : k.nakedPOCs)
        naked.append(QJsonObject{{"date", q(n.date)}, {"price", n.price}, {"distance", n.distance}, {"distancePct", n.distancePct}});
    o.insert("nakedPOCs", naked);
    if (!k.footprint.empty()) {
        QJsonObject fp;
        for (const auto &[tf, bars] : k.footprint) {
            QJsonArray a;
            for (const FootprintBarResult &b : bars)
                a.append(toJson(b, style));
            fp.insert(q(tf), QJsonObject{{"bars", a}});
        }
        o.insert("footprint", fp);
    }
    o.insert("dataQuality", toJson(k.quality));
    return o;
}

} // namespace co
