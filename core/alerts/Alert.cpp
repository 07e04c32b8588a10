#include "alerts/Alert.h"

#include <QDateTime>
#include <QStringList>

namespace co {

namespace {
const QStringList kKinds{"price_cross", "stacked_imbalance", "liquidations", "divergence"};
const QStringList kTfs{"1m", "5m", "15m", "30m", "1h"};

QString iso(int64_t ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs); }
} // namespace

QString alertKindName(AlertKind k) { return kKinds[int(k)]; }

const QStringList &alertLevelNames()
{
    static const QStringList n{"price", "dPOC",   "dVAH",   "dVAL",    "dVWAP",       "pdPOC",      "pdVAH",
                               "pdVAL", "pdHigh", "pdLow", "pdClose", "sessionHigh", "sessionLow", "nakedPOC"};
    return n;
}

QJsonObject AlertRule::toJson() const
{
    QJsonObject o{{"id", double(id)}, {"symbol", symbol}, {"kind", alertKindName(kind)}, {"active", active},
                  {"createdMs", double(createdMs)}, {"createdIso", iso(createdMs)}};
    if (kind == AlertKind::PriceCross) {
        o.insert("level", level);
        if (level == "price")
            o.insert("price", price);
    } else if (kind == AlertKind::StackedImbalance) {
        o.insert("rows", rows);
        o.insert("timeframe", timeframe);
    } else if (kind == AlertKind::Divergence) {
        o.insert("timeframe", timeframe);
    } else {
        o.insert("usdt", usdt);
        o.insert("windowSeconds", double(windowMs) / 1000.0);
    }
    if (!note.isEmpty())
        o.insert("note", note);
    return o;
}

std::optional<AlertRule> AlertRule::fromJson(const QJsonObject &o, QString *error)
{
    auto fail = [&](const QString &why) {
        *error = why;
        return std::nullopt;
    };
    AlertRule r;
    r.symbol = o["symbol"].toString().toUpper();
    if (r.symbol.isEmpty())
        return fail("Invalid symbol: give a followed Binance USD-M symbol, e.g. BTCUSDT");
    const int kind = kKinds.indexOf(o["kind"].toString());
    if (kind < 0)
        return fail("Invalid kind '" + o["kind"].toString().left(40) + "': use one of " + kKinds.join(", "));
    r.kind = AlertKind(kind);
    r.note = o["note"].toString().left(200);
    if (r.kind == AlertKind::PriceCross) {
        r.level = o["level"].toString(o.contains("price") ? "price" : "");
        if (!alertLevelNames().contains(r.level))
            return fail("Invalid level '" + r.level.left(40) + "': use one of " + alertLevelNames().join(", "));
        r.price = o["price"].toDouble();
        if (r.level == "price" && !(r.price > 0))
            return fail("Invalid price: a positive number is required when level is 'price'");
    } else if (r.kind == AlertKind::StackedImbalance) {
        r.rows = o["rows"].toInt();
        r.timeframe = o["timeframe"].toString();
        if (r.rows < 2 || r.rows > 50)
            return fail("Invalid rows: use an integer from 2 to 50");
        if (!kTfs.contains(r.timeframe))
            return fail("Invalid timeframe '" + r.timeframe.left(20) + "': use one of " + kTfs.join(", "));
    } else if (r.kind == AlertKind::Divergence) {
        r.timeframe = o["timeframe"].toString("5m");
        if (!kTfs.contains(r.timeframe))
            return fail("Invalid timeframe '" + r.timeframe.left(20) + "': use one of " + kTfs.join(", "));
    } else {
        r.usdt = o["usdt"].toDouble();
        r.windowMs = int64_t(o["windowSeconds"].toDouble() * 1000);
        if (!(r.usdt > 0))
            return fail("Invalid usdt: a positive notional in USDT is required");
        if (r.windowMs < 1000 || r.windowMs > 3600000)
            return fail("Invalid windowSeconds: use 1 to 3600");
    }
    return r;
}

QJsonObject AlertEvent::toJson() const
{
    return QJsonObject{{"id", double(id)},       {"alertId", double(ruleId)}, {"symbol", symbol},
                       {"kind", kind},           {"message", message},        {"price", price},
                       {"timeMs", double(timeMs)}, {"timeIso", iso(timeMs)},  {"detail", detail}};
}

} // namespace co
