// LiveSession::status(): what /healthz and the GUI show of the live connection.
#include "binance/LiveSession.h"

namespace co {

QJsonObject LiveSession::status() const
{
    QJsonObject o;
    QString state = state_;
    if (streamsStarted_ && running_) {
        const bool up = market_->isConnected() && public_->isConnected();
        state = up ? "live" : (market_->stats().connects + public_->stats().connects > 0 ? "reconnecting" : "connecting");
        if (!up && !message_.isEmpty() && message_.startsWith("cannot reach"))
            state = "unreachable";
    }
    if (rest_->limiter().banned())
        state = "rest_banned";
    o["state"] = state;
    if (!message_.isEmpty())
        o["message"] = message_;
    o["restUrl"] = options_.restUrl.toString();
    o["wsUrl"] = options_.wsUrl.toString();
    o["rest"] = rest_->status();
    if (recorder_)
        o["recording"] = recorder_->status();
    o["exchangeClock"] = QJsonObject{{"measured", time_->measured()},
                                     {"offsetMs", qint64(time_->offsetMs())},
                                     {"roundTripMs", qint64(time_->lastRoundTripMs())}};
    QJsonObject streams;
    if (market_)
        streams["market"] = market_->status();
    if (public_)
        streams["public"] = public_->status();
    o["streams"] = streams;
    const int64_t now = clock_.nowMs();
    QJsonObject symbols;
    for (const auto &[name, p] : per_) {
        const TradeGapFiller::Stats &f = p.filler->stats();
        QJsonObject s = pollers_ ? pollers_->symbolStatus(name) : QJsonObject{};
        if (auto k = p.filler->lastId())
            s["lastTradeId"] = qint64(*k);
        s["lastTradeAgeMs"] = p.lastTradeLocalMs ? qint64(now - p.lastTradeLocalMs) : qint64(-1);
        s["pendingTrades"] = qint64(p.filler->pending());
        s["tradesFromRest"] = qint64(f.fromRest);
        s["duplicatesDropped"] = qint64(f.duplicates);
        s["gapsFilled"] = qint64(f.gapsFilled);
        s["gapsUnfilled"] = qint64(f.gapsUnfilled);
        s["idsUnfilled"] = qint64(f.idsUnfilled);
        s["backfill"] = QJsonObject{{"active", p.filler->backfilling()},
                                    {"progress", p.filler->backfillProgress()},
                                    {"cancelled", p.filler->historyCancelled()}};
        s["depthSnapshots"] = qint64(p.snapshots);
        s["liquidationsNote"] = "Binance streams only the largest liquidation per symbol per second: a lower bound";
        symbols[QString::fromStdString(name)] = s;
    }
    o["symbols"] = symbols;
    const DecodeStats &d = decoder_.stats();
    QJsonObject dec{{"frames", qint64(d.frames)},         {"decoded", qint64(d.decoded)},
                    {"malformed", qint64(d.malformed)},   {"missingField", qint64(d.missingField)},
                    {"unknownType", qint64(d.unknownType)}, {"ignored", qint64(d.ignored)},
                    {"unknownSymbol", qint64(unknownSymbol_)}};
    if (!d.lastError.empty())
        dec["lastError"] = QString::fromStdString(d.lastError);
    o["decode"] = dec;
    return o;
}

} // namespace co
