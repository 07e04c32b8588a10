// LiveSession::status(): what /healthz and the GUI show of the live connection.
#include "binance/LiveSession.h"

namespace co {

BinanceStatus LiveSession::status() const
{
    using State = BinanceStatus::State;
    BinanceStatus o;
    o.state = state_;
    if (streamsStarted_ && running_) {
        const bool up = market_->isConnected() && public_->isConnected();
        const bool everUp = market_->connects() + public_->connects() > 0;
        o.state = up ? State::Live : everUp ? State::Reconnecting : State::Connecting;
        if (!up && !message_.isEmpty() && message_.startsWith("cannot reach"))
            o.state = State::Unreachable;
    }
    if (rest_->limiter().banned())
        o.state = State::RestBanned;
    o.message = message_.toStdString();
    o.restUrl = options_.restUrl.toString().toStdString();
    o.wsUrl = options_.wsUrl.toString().toStdString();
    o.rest = rest_->status();
    if (recorder_)
        o.recording = recorder_->status();
    o.exchangeClock = {time_->measured(), time_->offsetMs(), time_->lastRoundTripMs()};
    if (market_)
        o.marketStream = market_->status();
    if (public_)
        o.publicStream = public_->status();
    const int64_t now = clock_.nowMs();
    for (const auto &[name, p] : per_) {
        const TradeGapFiller::Stats &f = p.filler->stats();
        SymbolFeedStatus s = pollers_ ? pollers_->symbolStatus(name) : SymbolFeedStatus{};
        s.lastTradeId = p.filler->lastId();
        s.lastTradeAgeMs = p.lastTradeLocalMs ? now - p.lastTradeLocalMs : -1;
        s.pendingTrades = p.filler->pending();
        s.tradesFromRest = f.fromRest;
        s.duplicatesDropped = f.duplicates;
        s.gapsFilled = f.gapsFilled;
        s.gapsUnfilled = f.gapsUnfilled;
        s.idsUnfilled = f.idsUnfilled;
        s.backfill = {p.filler->backfilling(), p.filler->backfillProgress(), p.filler->historyCancelled()};
        s.todayComplete = !p.filler->backfilling() && !p.filler->awaitingBackfill();
        s.depthSnapshots = p.snapshots;
        o.symbols[name] = std::move(s);
    }
    const DecodeStats &d = decoder_.stats();
    o.decode = {d.frames, d.decoded, d.malformed, d.missingField, d.unknownType, d.ignored, unknownSymbol_, d.lastError};
    return o;
}

} // namespace co
