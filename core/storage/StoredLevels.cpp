#include "storage/StoredLevels.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace co {

namespace {
// Storage's own spellings: they stay what old rows hold, whatever the API calls them.
const char *tradeSourceKey(TradeSource s) { return s == TradeSource::Trade ? "trade" : "aggTrade"; }
const char *tickSourceKey(TickSource s)
{
    switch (s) {
    case TickSource::ExchangeInfo: return "exchangeInfo";
    case TickSource::Cache: return "cache";
    case TickSource::Inferred: break;
    }
    return "inferred";
}

QString str(const std::string &s) { return QString::fromStdString(s); }
std::string str(const QJsonValue &v) { return v.toString().toStdString(); }

void putOpt(QJsonObject &o, const char *key, const std::optional<double> &v)
{
    if (v)
        o.insert(QLatin1String(key), *v);
}

std::optional<double> opt(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

QJsonObject encode(const StoredSession &s)
{
    QJsonObject o{{"name", str(s.name)}, {"start", str(s.start)}, {"end", str(s.end)},
                  {"trades", qint64(s.trades)}, {"active", s.active}};
    putOpt(o, "high", s.high);
    putOpt(o, "low", s.low);
    putOpt(o, "open", s.open);
    putOpt(o, "close", s.close);
    putOpt(o, "volume", s.volume);
    putOpt(o, "buy_volume", s.buyVolume);
    putOpt(o, "sell_volume", s.sellVolume);
    putOpt(o, "delta", s.delta);
    putOpt(o, "vwap", s.vwap);
    return o;
}

StoredSession decodeSession(const QJsonObject &o)
{
    StoredSession s;
    s.name = str(o["name"]);
    s.start = str(o["start"]);
    s.end = str(o["end"]);
    s.trades = o["trades"].toInteger();
    s.active = o["active"].toBool();
    s.high = opt(o, "high");
    s.low = opt(o, "low");
    s.open = opt(o, "open");
    s.close = opt(o, "close");
    s.volume = opt(o, "volume");
    s.buyVolume = opt(o, "buy_volume");
    s.sellVolume = opt(o, "sell_volume");
    s.delta = opt(o, "delta");
    s.vwap = opt(o, "vwap");
    return s;
}

QJsonObject encode(const StoredQuality &q)
{
    QJsonArray gaps;
    for (const StoredGap &g : q.gaps)
        gaps.append(QJsonObject{{"from_ms", qint64(g.fromMs)}, {"to_ms", qint64(g.toMs)}, {"from_id", qint64(g.fromId)},
                                {"to_id", qint64(g.toId)}, {"reason", str(g.reason)}});
    QJsonObject excluded;
    for (const auto &[k, n] : q.excluded)
        excluded.insert(str(k), qint64(n));
    QJsonArray warnings;
    for (const std::string &w : q.warnings)
        warnings.append(str(w));
    QJsonObject o{{"live", q.live},
                  {"source", str(q.source)},
                  {"age_ms", qint64(q.ageMs)},
                  {"from_ms", qint64(q.fromMs)},
                  {"to_ms", qint64(q.toMs)},
                  {"coverage", q.coverage},
                  {"tick_size", qint64(q.tickSize)},
                  {"tick_source", tickSourceKey(q.tickSource)},
                  {"gaps", gaps},
                  {"gaps_omitted", qint64(q.gapsOmitted)},
                  {"excluded", excluded},
                  {"duplicates", qint64(q.duplicates)},
                  {"off_grid_trades", qint64(q.offGridTrades)},
                  {"warnings", warnings}};
    if (q.tradeSource)
        o.insert("trade_source", tradeSourceKey(*q.tradeSource));
    return o;
}

StoredQuality decodeQuality(const QJsonObject &o)
{
    StoredQuality q;
    q.live = o["live"].toBool();
    q.source = str(o["source"]);
    q.ageMs = o["age_ms"].toInteger();
    q.fromMs = o["from_ms"].toInteger();
    q.toMs = o["to_ms"].toInteger();
    q.coverage = o["coverage"].toDouble();
    if (o.contains("trade_source"))
        q.tradeSource = o["trade_source"].toString() == "trade" ? TradeSource::Trade : TradeSource::AggTrade;
    q.tickSize = o["tick_size"].toInteger();
    for (TickSource t : {TickSource::ExchangeInfo, TickSource::Cache, TickSource::Inferred})
        if (o["tick_source"].toString() == QLatin1String(tickSourceKey(t)))
            q.tickSource = t;
    for (const QJsonValue &v : o["gaps"].toArray()) {
        const QJsonObject g = v.toObject();
        q.gaps.push_back({g["from_ms"].toInteger(), g["to_ms"].toInteger(), g["from_id"].toInteger(),
                          g["to_id"].toInteger(), str(g["reason"])});
    }
    q.gapsOmitted = o["gaps_omitted"].toInteger();
    const QJsonObject excluded = o["excluded"].toObject();
    for (auto it = excluded.begin(); it != excluded.end(); ++it)
        q.excluded[it.key().toStdString()] = it.value().toInteger();
    q.duplicates = o["duplicates"].toInteger();
    q.offGridTrades = o["off_grid_trades"].toInteger();
    for (const QJsonValue &w : o["warnings"].toArray())
        q.warnings.push_back(str(w));
    return q;
}
} // namespace

QByteArray encodeStoredLevels(const StoredLevels &l)
{
    QJsonObject o{{"v", StoredLevels::kVersion},
                  {"symbol", str(l.symbol)},
                  {"date", str(l.date)},
                  {"tick_size", l.tickSize},
                  {"trades", qint64(l.trades)},
                  {"volume", l.volume},
                  {"buy_volume", l.buyVolume},
                  {"sell_volume", l.sellVolume},
                  {"delta", l.delta},
                  {"cvd", l.cvd}};
    putOpt(o, "open", l.open);
    putOpt(o, "high", l.high);
    putOpt(o, "low", l.low);
    putOpt(o, "close", l.close);
    putOpt(o, "vwap", l.vwap);
    putOpt(o, "vwap_sigma", l.vwapSigma);
    putOpt(o, "poc", l.poc);
    putOpt(o, "vah", l.vah);
    putOpt(o, "val", l.val);
    putOpt(o, "prior_vwap", l.priorVwap);
    putOpt(o, "prior_poc", l.priorPoc);
    putOpt(o, "prior_vah", l.priorVah);
    putOpt(o, "prior_val", l.priorVal);
    putOpt(o, "prior_high", l.priorHigh);
    putOpt(o, "prior_low", l.priorLow);
    putOpt(o, "prior_close", l.priorClose);
    QJsonArray sessions;
    for (const StoredSession &s : l.sessions)
        sessions.append(encode(s));
    o.insert("sessions", sessions);
    QJsonArray naked;
    for (const StoredNakedPoc &n : l.nakedPocs)
        naked.append(QJsonObject{{"date", str(n.date)}, {"price", n.price}, {"distance", n.distance},
                                 {"distance_pct", n.distancePct}});
    o.insert("naked_pocs", naked);
    o.insert("quality", encode(l.quality));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<StoredLevels> decodeStoredLevels(const QByteArray &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    const QJsonObject o = doc.object();
    if (!doc.isObject() || o["v"].toInteger() != StoredLevels::kVersion)
        return std::nullopt;
    StoredLevels l;
    l.symbol = str(o["symbol"]);
    l.date = str(o["date"]);
    l.tickSize = o["tick_size"].toDouble();
    l.trades = o["trades"].toInteger();
    l.volume = o["volume"].toDouble();
    l.buyVolume = o["buy_volume"].toDouble();
    l.sellVolume = o["sell_volume"].toDouble();
    l.delta = o["delta"].toDouble();
    l.cvd = o["cvd"].toDouble();
    l.open = opt(o, "open");
    l.high = opt(o, "high");
    l.low = opt(o, "low");
    l.close = opt(o, "close");
    l.vwap = opt(o, "vwap");
    l.vwapSigma = opt(o, "vwap_sigma");
    l.poc = opt(o, "poc");
    l.vah = opt(o, "vah");
    l.val = opt(o, "val");
    l.priorVwap = opt(o, "prior_vwap");
    l.priorPoc = opt(o, "prior_poc");
    l.priorVah = opt(o, "prior_vah");
    l.priorVal = opt(o, "prior_val");
    l.priorHigh = opt(o, "prior_high");
    l.priorLow = opt(o, "prior_low");
    l.priorClose = opt(o, "prior_close");
    for (const QJsonValue &v : o["sessions"].toArray())
        l.sessions.push_back(decodeSession(v.toObject()));
    for (const QJsonValue &v : o["naked_pocs"].toArray()) {
        const QJsonObject n = v.toObject();
        l.nakedPocs.push_back({str(n["date"]), n["price"].toDouble(), n["distance"].toDouble(),
                               n["distance_pct"].toDouble()});
    }
    l.quality = decodeQuality(o["quality"].toObject());
    return l;
}

} // namespace co
