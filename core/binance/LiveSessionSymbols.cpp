// LiveSession: the per-symbol set-up, symbols followed and dropped at run time, the list of trading
// perpetuals with their 24 h quote volumes, and recording switched on and off.
#include "binance/ExchangeInfo.h"
#include "binance/LiveSession.h"
#include "binance/Log.h"
#include "binance/RestDecoders.h"

#include <QDateTime>

namespace co {

void LiveSession::setupSymbol(const std::string &sym, QStringList &marketStreams, QStringList &publicStreams)
{
    const int64_t now = exchangeNowMs();
    PerSymbol &p = per_[sym];
    p.filler = std::make_unique<TradeGapFiller>(options_.filler);
    p.snapshotTimer = std::make_unique<QTimer>();
    p.snapshotTimer->setSingleShot(true);
    connect(p.snapshotTimer.get(), &QTimer::timeout, this, [this, sym] { sendSnapshot(sym); });
    p.filler->onEmit = [this, sym](std::vector<Trade> &&trades) {
        std::vector<MarketEvent> events(trades.size());
        const int64_t t = clock_.nowMs();
        for (size_t i = 0; i < trades.size(); ++i) {
            events[i].symbol.assign(sym);
            events[i].localMs = t;
            events[i].payload = trades[i];
        }
        emitEvents(std::move(events));
    };
    p.filler->onRequest = [this, sym](const TradeGapFiller::PageRequest &req) {
        if (req.delayMs <= 0)
            return fetchPage(sym, req);
        QTimer::singleShot(int(clock_.realMs(req.delayMs)), this, [this, sym, req] { fetchPage(sym, req); });
    };
    p.filler->exchangeNow = [this] { return exchangeNowMs(); };
    p.filler->onUnfilled = [this, sym](const Gap &g) {
        const auto iso = [](int64_t ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs); };
        const QString span = g.fromId ? QString("%1 to %2").arg(g.fromId).arg(g.toId) // else only times are known
                                      : QString("from %1 to %2").arg(iso(g.fromMs), iso(g.toMs));
        qCWarning(lcBinance).noquote() << QString::fromStdString(sym) << "trades" << span << "could not be filled ("
                                       << QString::fromStdString(g.reason) << ")";
        if (sink_.unfilled)
            sink_.unfilled(sym, g);
    };
    const auto r = resume_.find(sym);
    if (r != resume_.end() && now - r->second.second <= options_.resumeWindowMs) {
        p.filler->resumeFrom(r->second.first, r->second.second);
    } else {
        if (r != resume_.end())
            qCWarning(lcBinance).noquote() << QString::fromStdString(sym) << "last stored trade" << r->second.first
                                           << "is older than the REST window; the hole stays a recorded gap";
        if (options_.backfillToday && time_->measured())
            p.filler->backfillFrom(options_.dayStart(now));
        else if (options_.backfillToday) // the exchange's day: from /fapi/v1/time or the first trade's T
            p.filler->awaitBackfill();
    }
    const QString s = QString::fromStdString(sym).toLower();
    marketStreams << s + "@aggTrade" << s + "@markPrice@1s" << s + "@forceOrder";
    publicStreams << s + "@depth@100ms";
}

void LiveSession::publishListing(const ExchangeInfo &info)
{
    std::vector<SymbolInfo> list;
    tradable_.clear();
    for (const SymbolInfo &s : info.symbols)
        if (s.contractType == "PERPETUAL" && s.quoteAsset == "USDT" && s.status == "TRADING") {
            tradable_[s.name] = s;
            list.push_back(s);
        }
    if (sink_.listing)
        sink_.listing(list);
}

bool LiveSession::follow(const QString &symbol)
{
    const std::string sym = symbol.toUpper().toStdString();
    if (!running_)
        return false;
    if (per_.count(sym))
        return true;
    if (!streamsStarted_) {
        if (!pendingFollows_.contains(symbol.toUpper()))
            pendingFollows_ << symbol.toUpper();
        return true;
    }
    const auto info = tradable_.find(sym);
    if (info == tradable_.end()) {
        qCWarning(lcBinance).noquote() << "cannot follow" << symbol << ": not a trading USDT perpetual";
        return false;
    }
    SymbolInfo si = info->second;
    si.tickSource = TickSource::ExchangeInfo;
    if (sink_.symbolInfo)
        sink_.symbolInfo(si);
    symbols_.push_back(sym);
    QStringList marketStreams, publicStreams;
    setupSymbol(sym, marketStreams, publicStreams);
    per_[sym].snapshotWanted = true; // the book starts after the first diff on the open connection
    market_->add(marketStreams);
    public_->add(publicStreams);
    pollers_->addSymbol(sym);
    qCInfo(lcBinance).noquote() << "following" << QString::fromStdString(sym) << "on demand";
    publishStatus();
    return true;
}

bool LiveSession::unfollow(const QString &symbol)
{
    const std::string sym = symbol.toUpper().toStdString();
    pendingFollows_.removeAll(symbol.toUpper());
    auto it = per_.find(sym);
    if (it == per_.end())
        return false;
    const QString s = QString::fromStdString(sym).toLower();
    market_->remove({s + "@aggTrade", s + "@markPrice@1s", s + "@forceOrder"});
    public_->remove({s + "@depth@100ms"});
    pollers_->removeSymbol(sym);
    if (it->second.pageQuery)
        rest_->dropWaiting("/fapi/v1/aggTrades", *it->second.pageQuery);
    if (it->second.snapshotTimer)
        it->second.snapshotTimer->stop();
    // Replies still on their way find no entry and are dropped (fetchPage, sendSnapshot, emitEvents).
    per_.erase(it);
    symbols_.erase(std::remove(symbols_.begin(), symbols_.end(), sym), symbols_.end());
    qCInfo(lcBinance).noquote() << "stopped following" << QString::fromStdString(sym);
    if (sink_.removed)
        sink_.removed(sym);
    publishStatus();
    return true;
}

void LiveSession::pollAllTickers()
{
    if (!running_ || !sink_.quoteVolumes)
        return;
    // Weight 40: on the background budget, so it never delays snapshots or gap fills.
    rest_->get("/fapi/v1/ticker/24hr", {}, RestPriority::History, [this](const RestReply &r) {
        std::map<std::string, int64_t> volumes;
        std::string why;
        if (!r.ok || !decodeQuoteVolumes(r.body.toStdString(), volumes, &why)) {
            qCInfo(lcBinance).noquote() << "ticker/24hr (all symbols) failed:"
                                        << (r.ok ? QString::fromStdString(why) : r.error);
            return;
        }
        if (running_ && sink_.quoteVolumes)
            sink_.quoteVolumes(volumes);
    }, 1);
}

void LiveSession::setRecordDir(const QString &dir)
{
    if (recorder_)
        recorder_->close();
    recorder_.reset();
    options_.recordDir = dir;
    if (!dir.isEmpty() && running_)
        recorder_ = std::make_unique<SessionRecorder>(
            SessionRecorder::Options{options_.recordDir, options_.recordMaxBytes, 5000, 2000});
    qCInfo(lcBinance).noquote() << (dir.isEmpty() ? QString("recording stopped") : "recording to " + dir);
    publishStatus();
}

} // namespace co
