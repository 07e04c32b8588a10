#pragma once
#include <cstdint>

namespace co {

// Which Binance stream a trade came from; ids are per source (spec indicators.md §0).
enum class TradeSource : uint8_t { AggTrade, Trade };

// One taker fill: price and qty in 1e-8 units (model/Fixed.h), time = trade time T (ms UTC).
struct Trade {
    int64_t id = 0;
    int64_t timeMs = 0;
    int64_t price = 0;
    int64_t qty = 0;
    bool buyerMaker = false; // true: the taker sold (sell volume)
    TradeSource source = TradeSource::AggTrade;

    bool takerBuy() const noexcept { return !buyerMaker; }
};

} // namespace co
