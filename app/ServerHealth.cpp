#include "app/ServerHealth.h"

#include "pipeline/ReplayRunner.h"
#include "engine/Query.h"
#include "server/JsonEncoders.h"

#include <QCoreApplication>

namespace co {

HealthReport serverHealth(const HealthInputs &in, int64_t wallMs)
{
    HealthReport h;
    QStringList problems;
    const QJsonObject services = in.status.all();
    for (auto it = services.begin(); it != services.end(); ++it)
        if (it.value().toObject().value("ok") == QJsonValue(false))
            problems << it.key() + " reports a problem";
    if (in.liveExpected) {
        const QString state = services.value("binance").toObject().value("state").toString();
        if (state != "live")
            problems << "binance connection is " + (state.isEmpty() ? QString("starting") : state);
    }
    QJsonObject symbols;
    for (const std::string &name : in.registry.symbols()) {
        const SnapshotPtr s = in.registry.snapshot(name);
        if (!s)
            continue;
        QJsonObject o{{"seq", qint64(s->seq)},
                      {"live", s->quality.live},
                      {"source", QString::fromStdString(s->quality.source)},
                      {"hasTrades", s->hasTrade},
                      {"bookSynced", s->book && s->book->live}};
        if (s->asOfMs) {
            o.insert("asOfMs", qint64(s->asOfMs));
            o.insert("asOfIso", isoTime(s->asOfMs));
            o.insert("lagMs", qint64(std::max<int64_t>(0, queryNowMs(*s, wallMs) - s->asOfMs)));
        }
        if (s->hasTrade)
            o.insert("lastTradeMs", qint64(s->lastTradeMs));
        if (s->today)
            o.insert("tradesToday", qint64(s->today->totals.trades));
        symbols.insert(QString::fromStdString(name), o);
    }
    h.body.insert("symbols", symbols);
    if (in.replay) {
        const QJsonObject r = services.value("replay").toObject();
        QJsonObject replay{{"progress", in.replay->progress()}, {"finished", in.replay->finished()}};
        if (r.contains("message"))
            replay.insert("message", r["message"]);
        h.body.insert("replay", replay);
    }
    h.serving = problems.isEmpty();
    h.body.insert("status", h.serving ? "ok" : "degraded");
    if (!problems.isEmpty())
        h.body.insert("problems", QJsonArray::fromStringList(problems));
    h.body.insert("version", QCoreApplication::applicationVersion());
    h.body.insert("uptimeMs", qint64(wallMs - in.startedMs));
    h.body.insert("services", services);
    return h;
}

} // namespace co
