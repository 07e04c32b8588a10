#include "pipeline/LiveFeed.h"

#include "pipeline/EngineThread.h"
#include "binance/Log.h"
#include "engine/ServiceStatus.h"
#include "model/ZoneOffsets.h"

#include <QDir>
#include <QFileInfo>

#include <utility>

namespace co {

LiveFeed::LiveFeed(LiveSession::Options options, const Clock &clock, EngineThread &engines, ServiceStatus &status,
                   QObject *parent)
    : QObject(parent), options_(std::move(options)), clock_(clock), engines_(engines), status_(status)
{
    thread_.setObjectName("binance");
}

LiveFeed::~LiveFeed() { stop(); }

void LiveFeed::setResumeFrom(const QString &symbol, int64_t lastId, int64_t lastTimeMs)
{
    if (running()) {
        qCWarning(lcBinance).noquote() << "LiveFeed::setResumeFrom after start ignored for" << symbol;
        return;
    }
    resume_.emplace_back(symbol, lastId, lastTimeMs);
}

void LiveFeed::start()
{
    if (running())
        return;
    thread_.start();
    QObject *ctx = new QObject;
    ctx->moveToThread(&thread_);
    QStringList pending;
    {
        std::lock_guard lock(followMutex_);
        context_ = ctx;
        pending = std::exchange(pendingFollows_, {});
    }
    engines_.post(std::function<void(MarketFeed &)>([this, ctx](MarketFeed &feed) {
        feed.setSource(true, "binance-usdm");
        // Called on the engine thread; the request itself is made on the network thread.
        feed.setSnapshotRequester([this, ctx](const std::string &symbol) {
            QMetaObject::invokeMethod(ctx, [this, symbol] {
                if (session_)
                    session_->requestSnapshot(symbol);
            });
        });
    }));
    LiveSession::Sink sink;
    sink.events = [this](std::vector<MarketEvent> &&events) { engines_.post(std::move(events)); };
    sink.bookLost = [this](const std::string &symbol) {
        engines_.post(std::function<void(MarketFeed &)>([symbol](MarketFeed &feed) { feed.resetBook(symbol); }));
    };
    sink.symbolInfo = [this](const SymbolInfo &info) {
        engines_.post(std::function<void(MarketFeed &)>([info](MarketFeed &feed) {
            feed.setSymbolInfo(info);
            if (MarketEngine *e = feed.engineFor(info.name)) {
                e->setTickSize(info.tickSize, info.tickSource);
                e->setLive(true, "binance-usdm");
            }
        }));
    };
    sink.unfilled = [this](const std::string &symbol, const Gap &g) {
        // Before the trades after it: the engine keeps this reason instead of a plain id_gap.
        engines_.post(std::function<void(MarketFeed &)>([symbol, g](MarketFeed &feed) {
            if (MarketEngine *e = feed.engineFor(symbol))
                e->noteGap(g);
        }));
    };
    sink.status = [this](const BinanceStatus &o) {
        status_.set(o);
        if (onStatus)
            onStatus();
    };
    sink.ticker24h = [this](const std::string &symbol, const Ticker24h &t) {
        auto v = std::make_shared<Ticker24hView>(Ticker24hView{t.openTimeMs, t.closeTimeMs, t.openPrice, t.highPrice,
                                                               t.lowPrice, t.lastPrice, t.priceChangePercent, t.volume,
                                                               t.quoteVolume, t.count});
        engines_.post(std::function<void(MarketFeed &)>([symbol, v](MarketFeed &feed) {
            if (MarketEngine *e = feed.engineFor(symbol))
                e->setTicker24h(v);
        }));
    };
    sink.listing = [this](const std::vector<SymbolInfo> &list) {
        if (onListing)
            onListing(list);
    };
    sink.quoteVolumes = [this](const std::map<std::string, int64_t> &v) {
        if (onQuoteVolumes)
            onQuoteVolumes(v);
    };
    // Posted after every event of the symbol: the engine goes once they are applied.
    sink.removed = [this](const std::string &symbol) {
        engines_.post(std::function<void(MarketFeed &)>([symbol](MarketFeed &feed) { feed.drop(symbol); }));
    };
    QMetaObject::invokeMethod(ctx, [this, pending, sink = std::move(sink)] {
        session_ = new LiveSession(options_, clock_, sink);
        for (const auto &[symbol, id, ms] : resume_)
            session_->setResumeFrom(symbol, id, ms);
        session_->start();
        for (const QString &symbol : pending) // kept by the session until its streams start
            session_->follow(symbol);
    });
}

void LiveFeed::stop()
{
    if (!running())
        return;
    engines_.post(std::function<void(MarketFeed &)>([](MarketFeed &feed) { feed.setSnapshotRequester({}); }));
    engines_.flush(); // no snapshot request can arrive after this
    QMetaObject::invokeMethod(
        context_,
        [this] {
            delete session_;
            session_ = nullptr;
        },
        Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
    std::lock_guard lock(followMutex_);
    delete context_;
    context_ = nullptr;
}

void LiveFeed::cancelBackfill(const QString &symbol)
{
    if (!running())
        return;
    QMetaObject::invokeMethod(context_, [this, symbol] {
        if (session_)
            session_->cancelBackfill(symbol);
    });
}

void LiveFeed::follow(const QString &symbol)
{
    std::lock_guard lock(followMutex_);
    if (!context_) {
        pendingFollows_.removeAll(symbol);
        pendingFollows_ << symbol;
        return;
    }
    QMetaObject::invokeMethod(context_, [this, symbol] {
        if (session_)
            session_->follow(symbol);
    });
}

void LiveFeed::followFrom(const QString &symbol, int64_t lastId, int64_t lastTimeMs)
{
    std::lock_guard lock(followMutex_);
    if (!context_) { // before start: the start's resume list takes it
        resume_.emplace_back(symbol, lastId, lastTimeMs);
        pendingFollows_.removeAll(symbol);
        pendingFollows_ << symbol;
        return;
    }
    QMetaObject::invokeMethod(context_, [this, symbol, lastId, lastTimeMs] {
        if (session_) {
            session_->setResumeFrom(symbol, lastId, lastTimeMs);
            session_->follow(symbol);
        }
    });
}

void LiveFeed::unfollow(const QString &symbol)
{
    std::lock_guard lock(followMutex_);
    if (!context_) {
        pendingFollows_.removeAll(symbol);
        return;
    }
    QMetaObject::invokeMethod(context_, [this, symbol] {
        if (session_)
            session_->unfollow(symbol);
    });
}

void LiveFeed::setRecordDir(const QString &dir)
{
    options_.recordDir = dir; // a later start() records there too
    if (running())
        QMetaObject::invokeMethod(context_, [this, dir] {
            if (session_)
                session_->setRecordDir(dir);
        });
}

void LiveFeed::inspect(const std::function<void(LiveSession &)> &fn)
{
    if (!running())
        return;
    QMetaObject::invokeMethod(
        context_,
        [this, &fn] {
            if (session_)
                fn(*session_);
        },
        Qt::BlockingQueuedConnection);
}

} // namespace co
