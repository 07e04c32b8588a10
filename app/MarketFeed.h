#pragma once
// Routes decoded market events to the engines: trades, mark price, liquidations and OI directly;
// depth through one OrderBookSync per symbol so engines only see a validated book.
#include "binance/OrderBookSync.h"
#include "engine/EngineRegistry.h"
#include "model/Event.h"

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
    bool live_ = false;
    std::string source_ = "replay";
    // The last routed symbol: consecutive events of one symbol skip the map look-up.
    std::string lastName_;
    PerSymbol *last_ = nullptr;
};

} // namespace co
