#include "binance/LiveSession.h"

#include "binance/ExchangeInfo.h"
#include "binance/Log.h"
#include "binance/ProxyConfig.h"
#include "binance/RestDecoders.h"
#include "model/Time.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace co {
namespace {
QString seconds(int64_t ms) { return QString::number(double(ms) / 1000.0, 'f', ms < 10'000 ? 1 : 0); }
} // namespace

LiveSession::LiveSession(Options options, const Clock &clock, Sink sink, QObject *parent)
    : QObject(parent), options_(std::move(options)), clock_(clock), sink_(std::move(sink)),
      bootBackoff_(options_.bootRetryInitialMs, options_.bootRetryMaxMs)
{
    if (!options_.dayStart)
        options_.dayStart = [](int64_t ms) { return floorDiv(ms, kMsPerDay) * kMsPerDay; };
    rest_ = std::make_unique<RestClient>(options_.restUrl, clock_, options_.rest);
    rest_->setProxyFactory(new EnvProxyFactory);
    time_ = std::make_unique<ExchangeTime>(*rest_, clock_, options_.timeSyncEveryMs);
    time_->onMeasured = [this] { startAwaitingBackfills(); };
    bootTimer_.setSingleShot(true);
    connect(&bootTimer_, &QTimer::timeout, this, &LiveSession::boot);
    connect(&statusTimer_, &QTimer::timeout, this, &LiveSession::publishStatus);
    refreshTimer_.setInterval(int(std::clamp<int64_t>(clock_.realMs(options_.exchangeInfoEveryMs), 1, INT_MAX)));
    connect(&refreshTimer_, &QTimer::timeout, this, &LiveSession::boot);
    tickersTimer_.setInterval(int(std::clamp<int64_t>(clock_.realMs(options_.allTickersEveryMs), 1, INT_MAX)));
    connect(&tickersTimer_, &QTimer::timeout, this, &LiveSession::pollAllTickers);
}

LiveSession::~LiveSession() { stop(); }

void LiveSession::setResumeFrom(const QString &symbol, int64_t lastId, int64_t lastTimeMs)
{
    resume_[symbol.toUpper().toStdString()] = {lastId, lastTimeMs};
}

void LiveSession::start()
{
    if (running_)
        return;
    running_ = true;
    statusTimer_.start(int(options_.statusEveryMs));
    time_->start(); // "today" is the exchange's: its clock before the backfill starts
    if (!options_.recordDir.isEmpty() && !recorder_)
        recorder_ = std::make_unique<SessionRecorder>(
            SessionRecorder::Options{options_.recordDir, options_.recordMaxBytes, 5000, 2000});
    if (!options_.exchangeInfoCache.isEmpty()) {
        std::string why;
        if (QFileInfo::exists(options_.exchangeInfoCache)) {
            if (auto info = loadExchangeInfoFile(options_.exchangeInfoCache.toStdString(), &why)) {
                if (applyExchangeInfo(*info, true))
                    startStreams();
            } else {
                qCWarning(lcBinance).noquote() << "ignoring the cached exchangeInfo:" << QString::fromStdString(why);
            }
        }
    }
    boot();
    publishStatus();
}

void LiveSession::stop()
{
    if (!running_)
        return;
    running_ = false;
    for (QTimer *t : {&bootTimer_, &statusTimer_, &refreshTimer_, &tickersTimer_})
        t->stop();
    time_->stop();
    if (recorder_)
        recorder_->close();
    if (pollers_)
        pollers_->stop();
    if (market_)
        market_->stop();
    if (public_)
        public_->stop();
    for (auto &[name, p] : per_)
        if (p.snapshotTimer)
            p.snapshotTimer->stop();
    state_ = BinanceStatus::State::Stopped;
    publishStatus();
}

void LiveSession::unreachable(const QString &what, const QString &reason, int64_t delayMs)
{
    message_ = QString("cannot reach Binance (%1: %2), retrying in %3 s").arg(what, reason, seconds(delayMs));
    qCWarning(lcBinance).noquote() << message_;
}

void LiveSession::boot()
{
    if (!running_)
        return;
    rest_->get("/fapi/v1/exchangeInfo", {}, RestPriority::Poll, [this](const RestReply &r) {
        if (!running_)
            return;
        std::string why;
        std::optional<ExchangeInfo> info;
        if (r.ok) {
            info = parseExchangeInfo(r.body.toStdString(), &why);
        } else {
            why = r.error.toStdString();
        }
        if (info) {
            bootBackoff_.reset();
            const bool ok = applyExchangeInfo(*info, false);
            if (ok && !options_.exchangeInfoCache.isEmpty()) {
                QDir().mkpath(QFileInfo(options_.exchangeInfoCache).absolutePath());
                QSaveFile f(options_.exchangeInfoCache);
                if (!f.open(QIODevice::WriteOnly) || f.write(r.body) != r.body.size() || !f.commit())
                    qCWarning(lcBinance).noquote() << "cannot write" << options_.exchangeInfoCache << f.errorString();
            }
            if (ok && !streamsStarted_)
                startStreams();
            return;
        }
        const int64_t ceil = bootBackoff_.ceilingMs();
        const int64_t delay = ceil / 2 + bootBackoff_.next() / 2;
        if (!haveSymbols_) {
            state_ = r.permanent ? BinanceStatus::State::Error : BinanceStatus::State::Unreachable;
            unreachable("exchangeInfo", QString::fromStdString(why), delay);
        } else {
            qCInfo(lcBinance).noquote() << "exchangeInfo failed (" << QString::fromStdString(why)
                                        << "); using the cached tick sizes, retrying in" << seconds(delay) << "s";
        }
        bootTimer_.start(int(clock_.realMs(delay)));
    }, 1);
}

bool LiveSession::applyExchangeInfo(const ExchangeInfo &info, bool fromCache)
{
    if (!fromCache)
        rest_->limiter().setLimit(info.requestWeightPerMinute);
    publishListing(info);
    std::vector<std::string> valid;
    for (const QString &q : options_.symbols) {
        const std::string name = q.toUpper().toStdString();
        const SymbolInfo *s = info.find(name);
        if (!s) {
            qCWarning(lcBinance).noquote() << "SYMBOLS:" << q << "is not listed in Binance USD-M exchangeInfo; skipped";
            continue;
        }
        if (s->contractType != "PERPETUAL" || s->quoteAsset != "USDT" || s->status != "TRADING") {
            qCWarning(lcBinance).noquote() << "SYMBOLS:" << q << "is not a trading USDT perpetual (status"
                                           << QString::fromStdString(s->status) << ", contract"
                                           << QString::fromStdString(s->contractType) << "); skipped";
            continue;
        }
        SymbolInfo si = *s;
        si.tickSource = fromCache ? TickSource::Cache : TickSource::ExchangeInfo;
        valid.push_back(name);
        if (sink_.symbolInfo)
            sink_.symbolInfo(si);
    }
    if (valid.empty()) {
        state_ = BinanceStatus::State::Error;
        message_ = "none of SYMBOLS (" + options_.symbols.join(',') + ") is a trading Binance USD-M perpetual";
        qCWarning(lcBinance).noquote() << message_;
        return false;
    }
    if (!streamsStarted_)
        symbols_ = std::move(valid);
    haveSymbols_ = true;
    return true;
}

void LiveSession::startStreams()
{
    streamsStarted_ = true;
    state_ = BinanceStatus::State::Connecting;
    QStringList marketStreams, publicStreams;
    for (const std::string &sym : symbols_)
        setupSymbol(sym, marketStreams, publicStreams);
    const StreamGroup::Options groupOptions{options_.stream, options_.maxStreamsPerConnection};
    market_ = std::make_unique<StreamGroup>(options_.wsUrl, "market", groupOptions);
    public_ = std::make_unique<StreamGroup>(options_.wsUrl, "public", groupOptions);
    market_->add(marketStreams);
    public_->add(publicStreams);
    EnvProxyFactory proxies;
    for (StreamGroup *c : {market_.get(), public_.get()}) {
        c->setProxy(proxies.proxyFor(c->url()));
        const QString route = c->route();
        connect(c, &StreamGroup::message, this, [this, route](const QByteArray &f) { onFrame(route, f); });
        connect(c, &StreamGroup::retrying, this, [this, route](const QString &why, qint64 delay, bool afterDrop) {
            if (afterDrop) {
                message_ = QString("/%1 stream dropped (%2), reconnecting in %3 s").arg(route, why, seconds(delay));
                qCInfo(lcBinance).noquote() << message_;
            } else {
                unreachable("/" + route + " stream", why, delay);
            }
        });
        connect(c, &StreamGroup::connected, this, [this, route] {
            qCInfo(lcBinance).noquote() << "connected to" << route << "stream";
            if (market_->isConnected() && public_->isConnected())
                message_.clear();
        });
    }
    // Only the symbols of the connection that came up or dropped are affected.
    const auto carries = [](const QStringList &streams, const std::string &name, const char *suffix) {
        return streams.contains(QString::fromStdString(name).toLower() + QLatin1String(suffix));
    };
    connect(market_.get(), &StreamGroup::connected, this, [this, carries](const QStringList &streams) {
        for (auto &[name, p] : per_)
            if (carries(streams, name, "@aggTrade"))
                p.filler->onReconnect();
    });
    connect(public_.get(), &StreamGroup::connected, this, [this, carries](const QStringList &streams) {
        for (auto &[name, p] : per_)
            if (carries(streams, name, "@depth@100ms"))
                p.snapshotWanted = true; // after the first diff of the new connection
    });
    connect(public_.get(), &StreamGroup::disconnected, this, [this, carries](const QStringList &streams) {
        for (auto &[name, p] : per_)
            if (sink_.bookLost && carries(streams, name, "@depth@100ms"))
                sink_.bookLost(name);
    });
    pollers_ = std::make_unique<MarketPollers>(*rest_, time_->clock(), symbols_, options_.polls);
    pollers_->onEvents = [this](std::vector<MarketEvent> &&e) { emitEvents(std::move(e)); };
    pollers_->onTicker = [this](const std::string &symbol, const Ticker24h &t) {
        if (sink_.ticker24h && per_.count(symbol))
            sink_.ticker24h(symbol, t);
    };
    pollers_->start();
    market_->start();
    public_->start();
    refreshTimer_.start();
    tickersTimer_.start();
    pollAllTickers();
    const QStringList asked = std::exchange(pendingFollows_, {});
    for (const QString &sym : asked)
        follow(sym);
}

void LiveSession::startAwaitingBackfills()
{
    for (auto &[name, p] : per_)
        if (p.filler->awaitingBackfill())
            p.filler->backfillFrom(options_.dayStart(exchangeNowMs()));
}

void LiveSession::emitEvents(std::vector<MarketEvent> &&events)
{
    if (!events.empty() && !per_.count(events.front().symbol.view()))
        return; // a late REST reply for a symbol no longer followed (each batch holds one symbol)
    if (!events.empty() && recorder_)
        recorder_->write(events); // in the order the engines get them
    if (!events.empty() && sink_.events)
        sink_.events(std::move(events));
}

void LiveSession::onFrame(const QString &route, const QByteArray &frame)
{
    MarketEvent ev;
    const DecodeResult r = decoder_.decode(std::string_view(frame.constData(), size_t(frame.size())), ev);
    if (r != DecodeResult::Event) {
        if (r == DecodeResult::Malformed || r == DecodeResult::MissingField || r == DecodeResult::UnknownType) {
            const uint64_t bad = decoder_.stats().malformed + decoder_.stats().missingField + decoder_.stats().unknownType;
            if (bad <= 10 || bad % 1000 == 0)
                qCWarning(lcBinance).noquote() << "skipped a bad frame on /" + route << "(" << bad << "so far):"
                                               << QString::fromStdString(decoder_.stats().lastError);
        }
        return;
    }
    auto it = per_.find(ev.symbol.view());
    if (it == per_.end()) {
        ++unknownSymbol_;
        return;
    }
    PerSymbol &p = it->second;
    const std::string &sym = it->first;
    ev.localMs = clock_.nowMs();
    if (const auto *t = std::get_if<Trade>(&ev.payload)) {
        p.lastTradeLocalMs = ev.localMs;
        time_->noteTradeTime(t->timeMs);
        if (p.filler->awaitingBackfill())
            p.filler->backfillFrom(options_.dayStart(exchangeNowMs()));
        p.filler->onLive(*t);
        return;
    }
    if (const auto *d = std::get_if<DepthUpdate>(&ev.payload)) {
        if (d->partial)
            return;
        std::vector<MarketEvent> one;
        one.push_back(std::move(ev));
        emitEvents(std::move(one));
        if (p.snapshotWanted) {
            p.snapshotWanted = false;
            requestSnapshot(sym);
        }
        return;
    }
    if (std::holds_alternative<MarkPrice>(ev.payload))
        pollers_->markSeen(sym);
    else if (!std::holds_alternative<Liquidation>(ev.payload))
        return; // klines etc.: not subscribed
    std::vector<MarketEvent> one;
    one.push_back(std::move(ev));
    emitEvents(std::move(one));
}

void LiveSession::fetchPage(const std::string &symbol, const TradeGapFiller::PageRequest &req)
{
    auto at = per_.find(symbol);
    if (!running_ || at == per_.end() || at->second.filler->stale(req))
        return; // e.g. a delayed history page after the backfill was cancelled
    QUrlQuery q{{"symbol", QString::fromStdString(symbol)}, {"limit", QString::number(req.limit)}};
    if (req.fromId) {
        q.addQueryItem("fromId", QString::number(*req.fromId));
    } else { // both bounds: Binance answers a time query within one hour of its start only
        q.addQueryItem("startTime", QString::number(req.startTimeMs));
        q.addQueryItem("endTime", QString::number(req.endTimeMs));
    }
    at->second.pageQuery = q;
    const RestPriority prio = req.history ? RestPriority::History : RestPriority::GapFill;
    rest_->get("/fapi/v1/aggTrades", q, prio, [this, symbol, req](const RestReply &r) {
        auto it = per_.find(symbol);
        if (it == per_.end() || !running_)
            return;
        TradeGapFiller &f = *it->second.filler;
        if (f.stale(req))
            return; // answered after a cancel
        it->second.pageQuery.reset();
        if (!r.ok) {
            const auto api = decodeApiError(r.body.toStdString());
            const std::string reason = api && api->code == -4166 ? "rest_window" : "rest_failed";
            qCInfo(lcBinance).noquote() << "aggTrades page for" << QString::fromStdString(symbol)
                                        << "failed:" << r.error;
            return f.onPageFailed(req, r.permanent, reason);
        }
        std::vector<Trade> rows;
        std::string why;
        if (!decodeAggTradesPage(r.body.toStdString(), rows, &why)) {
            qCWarning(lcBinance).noquote() << "bad aggTrades page:" << QString::fromStdString(why);
            return f.onPageFailed(req, false, "bad_page");
        }
        f.onPage(req, rows);
    });
}

int LiveSession::cancelBackfill(const QString &symbol)
{
    int n = 0;
    for (auto &[name, p] : per_) {
        if (!symbol.isEmpty() && name != symbol.toUpper().toStdString())
            continue;
        if (!p.filler->cancelHistory())
            continue;
        ++n;
        // A history page still queued in the REST client is forgotten before it costs weight.
        if (p.pageQuery && rest_->dropWaiting("/fapi/v1/aggTrades", *p.pageQuery))
            qCInfo(lcBinance).noquote() << "dropped the queued history page of" << QString::fromStdString(name);
        p.pageQuery.reset();
        qCInfo(lcBinance).noquote() << "today's backfill of" << QString::fromStdString(name)
                                    << "cancelled by the user; live trades continue, the rest stays a gap";
    }
    if (n > 0)
        publishStatus();
    return n;
}

void LiveSession::requestSnapshot(const std::string &symbol)
{
    auto it = per_.find(symbol);
    if (it == per_.end() || !running_)
        return;
    PerSymbol &p = it->second;
    if (p.snapshotInFlight || p.snapshotTimer->isActive())
        return; // the answer on its way is checked by the sync; it asks again if it is too old
    const int64_t spacing = std::min<int64_t>(60'000, options_.snapshotSpacingMs << std::min(p.snapshotFailures, 5));
    const int64_t wait = p.lastSnapshotMs + spacing - clock_.nowMs();
    if (wait > 0)
        p.snapshotTimer->start(int(clock_.realMs(wait)));
    else
        sendSnapshot(symbol);
}

void LiveSession::sendSnapshot(const std::string &symbol)
{
    auto it = per_.find(symbol);
    if (it == per_.end() || !running_)
        return;
    PerSymbol &p = it->second;
    p.snapshotInFlight = true;
    p.lastSnapshotMs = clock_.nowMs();
    QUrlQuery q{{"symbol", QString::fromStdString(symbol)}, {"limit", QString::number(options_.depthLimit)}};
    rest_->get("/fapi/v1/depth", q, RestPriority::Snapshot, [this, symbol](const RestReply &r) {
        auto it = per_.find(symbol);
        if (it == per_.end() || !running_)
            return;
        PerSymbol &p = it->second;
        p.snapshotInFlight = false;
        QString why = r.error;
        if (r.ok) {
            FrameDecoder dec; // REST answers stay out of the stream's decode statistics
            MarketEvent ev;
            if (dec.decode(std::string_view(r.body.constData(), size_t(r.body.size())), ev, symbol) ==
                    DecodeResult::Event &&
                std::holds_alternative<DepthSnapshot>(ev.payload)) {
                p.snapshotFailures = 0;
                ++p.snapshots;
                ev.localMs = clock_.nowMs();
                std::vector<MarketEvent> one;
                one.push_back(std::move(ev));
                emitEvents(std::move(one));
                return;
            }
            why = "bad depth snapshot: " + QString::fromStdString(dec.stats().lastError);
        }
        ++p.snapshotFailures;
        qCInfo(lcBinance).noquote() << "depth snapshot for" << QString::fromStdString(symbol) << "failed:" << why;
        if (public_ && public_->isConnected())
            requestSnapshot(symbol);
        else
            p.snapshotWanted = true;
    });
}

void LiveSession::publishStatus()
{
    if (sink_.status)
        sink_.status(status());
}

} // namespace co
