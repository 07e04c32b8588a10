#pragma once
// Routes decoded market events to the engines: trades, mark price, liquidations and OI directly;
// depth through one OrderBookSync per symbol so engines only see a validated book.
#include "binance/OrderBookSync.h"
#include "engine/EngineRegistry.h"
#include "model/Event.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace co {

class MarketFeed {
public:
    explicit MarketFeed(EngineRegistry &registry) : registry_(registry) {}

    // Tick/step sizes per symbol (exchangeInfo, cache or inferred), used when an engine is created.
    void setSymbolInfo(const SymbolInfo &info) { infos_[info.name] = info; }
    // Only these symbols are routed (empty: all).
    void restrictTo(std::set<std::string> symbols) { only_ = std::move(symbols); }
    void setSource(bool live, std::string source)
    {
        live_ = live;
        source_ = std::move(source);
    }

    void apply(const MarketEvent &e);
    MarketEngine *engineFor(const std::string &symbol);
    const OrderBookSync *syncFor(const std::string &symbol) const;

    // Live sources: told (on the engine thread) when a symbol's book sync needs a REST snapshot.
    void setSnapshotRequester(std::function<void(const std::string &symbol)> f) { snapshotRequester_ = std::move(f); }
    // The depth stream of `symbol` dropped: its book is invalid until a new snapshot aligns.
    void resetBook(const std::string &symbol);
    // Told (on the engine thread) of each engine the feed routes to for the first time, before its
    // first event: the storage attaches its observer here.
    void onEngineCreated(std::function<void(MarketEngine &)> f) { engineCreated_.push_back(std::move(f)); }
    // Told (on the engine thread) just before an engine is destroyed by drop().
    void onEngineRemoved(std::function<void(MarketEngine &)> f) { engineRemoved_.push_back(std::move(f)); }
    // A symbol no longer followed: its book sync and engine go (readers see no snapshot for it).
    void drop(const std::string &symbol);

private:
    struct PerSymbol {
        MarketEngine *engine = nullptr;
        std::unique_ptr<OrderBookSync> sync;
    };
    PerSymbol *route(std::string_view symbol);

    EngineRegistry &registry_;
    std::map<std::string, SymbolInfo, std::less<>> infos_;
    std::map<std::string, PerSymbol, std::less<>> per_;
    std::set<std::string> only_;
    std::function<void(const std::string &)> snapshotRequester_;
    std::vector<std::function<void(MarketEngine &)>> engineCreated_, engineRemoved_;
    bool live_ = false;
    std::string source_ = "replay";
    // The last routed symbol: consecutive events of one symbol skip the map look-up.
    std::string lastName_;
    PerSymbol *last_ = nullptr;
};

} // namespace co
