#pragma once
// The live pipeline as the application wires it (LiveFeed → EngineThread → engines) pointed at a
// FakeBinance, with an observer that records every trade an engine accepted.
#include "pipeline/EngineThread.h"
#include "pipeline/LiveFeed.h"
#include "engine/EngineRegistry.h"
#include "engine/ServiceStatus.h"
#include "support/FakeBinance.h"

#include <QJsonObject>

#include <atomic>
#include <mutex>

namespace co::test {

class TradeLog : public EngineObserver {
public:
    void tradeAccepted(const SymbolInfo &, const Trade &t) override
    {
        std::lock_guard lock(mutex_);
        trades_.push_back(t);
        count_ = trades_.size();
        lastId_ = t.id;
    }
    size_t count() const { return count_; }
    int64_t lastId() const { return lastId_; }
    std::vector<Trade> trades() const
    {
        std::lock_guard lock(mutex_);
        return trades_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<Trade> trades_;
    std::atomic<size_t> count_{0};
    std::atomic<int64_t> lastId_{0};
};

// Fast timers for tests: quick reconnects, no disk cache, no start-of-day backfill.
inline LiveSession::Options fastOptions(const FakeBinance &fake, const QStringList &symbols)
{
    LiveSession::Options o;
    o.restUrl = QUrl(fake.restUrl());
    o.wsUrl = QUrl(fake.wsUrl());
    o.symbols = symbols;
    o.backfillToday = false;
    o.stream.backoffInitialMs = 20;
    o.stream.backoffMaxMs = 200;
    o.statusEveryMs = 50;
    o.rest.timeoutMs = 5000;
    return o;
}

struct LiveHarness {
    EngineRegistry registry;
    EngineThread engines{registry};
    ServiceStatus status;
    TradeLog log;
    LiveFeed live;

    LiveHarness(LiveSession::Options o, const Clock &clock, const FakeSymbolData &data)
        : live(std::move(o), clock, engines, status)
    {
        SymbolInfo info;
        info.name = data.symbol;
        info.tickSize = data.tickSize;
        info.stepSize = data.stepSize;
        info.tickSource = TickSource::ExchangeInfo;
        engines.post(std::function<void(MarketFeed &)>([this, info](MarketFeed &feed) {
            feed.setSymbolInfo(info);
            feed.engineFor(info.name)->addObserver(&log);
        }));
    }
    ~LiveHarness()
    {
        live.stop();
        engines.stop();
    }
    BinanceStatus::State state() const
    {
        const auto b = status.binance();
        return b ? b->state : BinanceStatus::State::Starting;
    }
    BinanceStatus binance() const { return status.binance().value_or(BinanceStatus{}); }
    // Default (all zero) while the symbol has not reported.
    SymbolFeedStatus symbolStatus(const std::string &s) const
    {
        const BinanceStatus b = binance();
        const auto it = b.symbols.find(s);
        return it != b.symbols.end() ? it->second : SymbolFeedStatus{};
    }
    // The engine-side book sync statistics (read on the engine thread).
    OrderBookSync::Stats syncStats(const std::string &symbol)
    {
        OrderBookSync::Stats s;
        engines.post(std::function<void(MarketFeed &)>([&s, symbol](MarketFeed &feed) {
            if (const OrderBookSync *sync = feed.syncFor(symbol))
                s = sync->stats();
        }));
        engines.flush();
        return s;
    }
};

} // namespace co::test
