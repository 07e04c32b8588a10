#include "server/HealthEncoder.h"

#include "engine/Query.h"
#include "model/Fixed.h"
#include "server/JsonEncoders.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>

#include <algorithm>

namespace co {

namespace {

QString q(const std::string &s) { return QString::fromStdString(s); }
QJsonValue n(uint64_t v) { return qint64(v); }

void insertIfSet(QJsonObject &o, const char *key, const std::string &s)
{
    if (!s.empty())
        o.insert(key, q(s));
}

QJsonObject toJson(const StreamStatus &s)
{
    QJsonObject o{{"route", q(s.route)},           {"connected", s.connected},
                  {"lastMessageAgeMs", qint64(s.lastMessageAgeMs)},
                  {"connects", n(s.connects)},     {"reconnects", n(s.reconnects)},
                  {"messages", n(s.messages)},     {"rotations", n(s.rotations)},
                  {"watchdogTrips", n(s.watchdogTrips)}, {"connections", s.connections}};
    insertIfSet(o, "lastError", s.lastError);
    return o;
}

QJsonObject toJson(const RestStatus &r)
{
    QJsonObject o{{"usedWeight", r.usedWeight}, {"weightLimit", r.weightLimit}, {"inFlight", r.inFlight},
                  {"queued", n(r.queued)},      {"sent", n(r.sent)},            {"failed", n(r.failed)},
                  {"retried", n(r.retried)},    {"http429", n(r.http429)},      {"bans", n(r.bans)},
                  {"state", stateName(r.state)}};
    if (r.state != RestStatus::State::Ok)
        o.insert("pausedUntil", QDateTime::fromMSecsSinceEpoch(r.pausedUntilMs, Qt::UTC).toString(Qt::ISODateWithMs));
    insertIfSet(o, "lastError", r.lastError);
    return o;
}

QJsonObject toJson(const SymbolFeedStatus &s)
{
    QJsonObject o;
    if (const auto &t = s.ticker24h)
        o.insert("ticker24h", QJsonObject{{"lastPrice", fixedToDouble(t->lastPrice)},
                                          {"priceChangePercent", fixedToDouble(t->priceChangePercent)},
                                          {"volume", fixedToDouble(t->volume)},
                                          {"quoteVolume", fixedToDouble(t->quoteVolume)},
                                          {"trades", qint64(t->trades)}});
    if (s.lastMarkAgeMs)
        o.insert("lastMarkAgeMs", qint64(*s.lastMarkAgeMs));
    if (s.lastPollError)
        o.insert("lastPollError", q(*s.lastPollError));
    if (s.lastTradeId)
        o.insert("lastTradeId", qint64(*s.lastTradeId));
    o.insert("lastTradeAgeMs", qint64(s.lastTradeAgeMs));
    o.insert("pendingTrades", n(s.pendingTrades));
    o.insert("tradesFromRest", n(s.tradesFromRest));
    o.insert("duplicatesDropped", n(s.duplicatesDropped));
    o.insert("gapsFilled", n(s.gapsFilled));
    o.insert("gapsUnfilled", n(s.gapsUnfilled));
    o.insert("idsUnfilled", n(s.idsUnfilled));
    o.insert("backfill", QJsonObject{{"active", s.backfill.active},
                                     {"progress", s.backfill.progress},
                                     {"cancelled", s.backfill.cancelled}});
    o.insert("depthSnapshots", n(s.depthSnapshots));
    o.insert("liquidationsNote", "Binance streams only the largest liquidation per symbol per second: a lower bound");
    return o;
}

QJsonObject toJson(const BinanceStatus &b)
{
    QJsonObject o{{"state", stateName(b.state)}, {"restUrl", q(b.restUrl)}, {"wsUrl", q(b.wsUrl)},
                  {"rest", toJson(b.rest)}};
    insertIfSet(o, "message", b.message);
    if (const auto &r = b.recording) {
        QJsonObject rec{{"dir", q(r->dir)},           {"bytesOnDisk", n(r->bytesOnDisk)},
                        {"files", n(r->files)},       {"maxBytes", n(r->maxBytes)},
                        {"filesRemoved", n(r->filesRemoved)}, {"lines", n(r->lines)}};
        insertIfSet(rec, "error", r->error);
        o.insert("recording", rec);
    }
    o.insert("exchangeClock", QJsonObject{{"measured", b.exchangeClock.measured},
                                          {"offsetMs", n(b.exchangeClock.offsetMs)},
                                          {"roundTripMs", n(b.exchangeClock.roundTripMs)}});
    QJsonObject streams;
    if (b.marketStream)
        streams.insert("market", toJson(*b.marketStream));
    if (b.publicStream)
        streams.insert("public", toJson(*b.publicStream));
    o.insert("streams", streams);
    QJsonObject symbols;
    for (const auto &[name, s] : b.symbols)
        symbols.insert(q(name), toJson(s));
    o.insert("symbols", symbols);
    const DecodeStatus &d = b.decode;
    QJsonObject dec{{"frames", n(d.frames)},           {"decoded", n(d.decoded)},
                    {"malformed", n(d.malformed)},     {"missingField", n(d.missingField)},
                    {"unknownType", n(d.unknownType)}, {"ignored", n(d.ignored)},
                    {"unknownSymbol", n(d.unknownSymbol)}};
    insertIfSet(dec, "lastError", d.lastError);
    o.insert("decode", dec);
    return o;
}

QJsonObject toJson(const StorageStatus &s)
{
    QJsonObject o{{"state", stateName(s.state)}, {"path", q(s.path)}};
    if (!s.opened) { // only what is known of a database that did not open
        o.insert("error", q(s.error));
        return o;
    }
    o.insert("schemaVersion", s.schemaVersion);
    o.insert("sizeBytes", qint64(s.sizeBytes));
    o.insert("cacheDays", s.cacheDays);
    if (s.convertRows > 0) // an older cache's trade rows into blocks
        o.insert("conversion", QJsonObject{{"rows", qint64(s.convertRows)},
                                           {"done", qint64(s.convertedRows)},
                                           {"progress", double(s.convertedRows) / double(s.convertRows)}});
    o.insert("restoredTrades", qint64(s.restoredTrades));
    o.insert("expectedTrades", qint64(s.expectedTrades));
    o.insert("seededDays", qint64(s.seededDays));
    o.insert("progress", s.progress);
    insertIfSet(o, "restoring", s.restoring);
    if (s.restoreMs)
        o.insert("restoreMs", qint64(*s.restoreMs));
    insertIfSet(o, "error", s.error);
    QJsonObject last;
    for (const auto &[name, t] : s.lastStoredAtStart)
        last.insert(q(name), QJsonObject{{"id", qint64(t.id)}, {"timeMs", qint64(t.timeMs)},
                                         {"source", t.aggTrade ? "aggTrade" : "trade"}});
    o.insert("lastStoredAtStart", last);
    if (const auto &w = s.writer) {
        QJsonObject wj{{"trades", n(w->trades)},   {"records", n(w->records)},
                       {"batches", n(w->batches)}, {"pending", n(w->pending)},
                       {"dropped", n(w->dropped)}, {"retained", n(w->retained)},
                       {"lastCommitMs", qint64(w->lastCommitMs)}, {"maxCommitMs", qint64(w->maxCommitMs)},
                       {"blockedMs", qint64(w->blockedMs)}};
        insertIfSet(wj, "lastError", w->lastError);
        o.insert("writer", wj);
    }
    return o;
}

QJsonObject toJson(const ServerStatus &s)
{
    if (s.running)
        return {{"ok", true}, {"host", q(s.host)}, {"port", s.port}};
    QJsonObject o{{"ok", false}, {"state", "stopped"}};
    insertIfSet(o, "error", s.error);
    return o;
}

QJsonObject toJson(const ReplayStatus &r) { return {{"ok", r.ok}, {"message", q(r.message)}}; }

QJsonObject symbolHealth(const EngineSnapshot &s, int64_t wallMs)
{
    QJsonObject o{{"seq", qint64(s.seq)},
                  {"live", s.quality.live},
                  {"source", q(s.quality.source)},
                  {"hasTrades", s.hasTrade},
                  {"bookSynced", s.book && s.book->live}};
    if (s.asOfMs) {
        o.insert("asOfMs", qint64(s.asOfMs));
        o.insert("asOfIso", isoTime(s.asOfMs));
        o.insert("lagMs", qint64(std::max<int64_t>(0, queryNowMs(s, wallMs) - s.asOfMs)));
    }
    if (s.hasTrade)
        o.insert("lastTradeMs", qint64(s.lastTradeMs));
    if (s.today)
        o.insert("tradesToday", qint64(s.today->totals.trades));
    return o;
}

} // namespace

QJsonObject encodeServices(const ServiceStatus::Services &s)
{
    QJsonObject o;
    if (s.binance)
        o.insert("binance", toJson(*s.binance));
    if (s.storage)
        o.insert("storage", toJson(*s.storage));
    if (s.server)
        o.insert("server", toJson(*s.server));
    if (s.replay)
        o.insert("replay", toJson(*s.replay));
    return o;
}

HealthReport encodeHealth(const EngineRegistry &registry, const HealthState &state, int64_t wallMs)
{
    const ServiceStatus::Services &s = state.services;
    QStringList problems; // in the services' alphabetical order, as before the typed status
    if (s.replay && !s.replay->ok)
        problems << "replay reports a problem";
    if (s.server && !s.server->running)
        problems << "server reports a problem";
    if (state.liveExpected) {
        const QString st = s.binance ? stateName(s.binance->state) : "starting";
        if (st != "live")
            problems << "binance connection is " + st;
    }
    HealthReport h;
    QJsonObject symbols;
    for (const std::string &name : registry.symbols())
        if (const SnapshotPtr snap = registry.snapshot(name))
            symbols.insert(q(name), symbolHealth(*snap, wallMs));
    h.body.insert("symbols", symbols);
    if (state.replay) {
        QJsonObject replay{{"progress", state.replay->progress}, {"finished", state.replay->finished}};
        if (s.replay)
            replay.insert("message", q(s.replay->message));
        h.body.insert("replay", replay);
    }
    h.serving = problems.isEmpty();
    h.body.insert("status", h.serving ? "ok" : "degraded");
    if (!problems.isEmpty())
        h.body.insert("problems", QJsonArray::fromStringList(problems));
    h.body.insert("version", QCoreApplication::applicationVersion());
    h.body.insert("uptimeMs", qint64(wallMs - state.startedMs));
    h.body.insert("services", encodeServices(s));
    return h;
}

} // namespace co
