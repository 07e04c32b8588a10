#pragma once
#include <cstdint>

namespace co {

// markPriceUpdate (or REST premiumIndex). Prices and rate in 1e-8 units.
struct MarkPrice {
    int64_t eventMs = 0;
    int64_t markPrice = 0;
    int64_t indexPrice = 0;
    int64_t settlePrice = 0;
    int64_t fundingRate = 0; // fraction per interval, 1e-8 units: 10000 = 0.0001 = 0.01 %
    int64_t nextFundingMs = 0;
};

enum class Side : uint8_t { Buy, Sell };

// forceOrder: side SELL = a long was liquidated, BUY = a short (spec binance.md §9).
struct Liquidation {
    int64_t eventMs = 0;
    int64_t tradeMs = 0;
    Side side = Side::Sell;
    int64_t price = 0;
    int64_t avgPrice = 0;
    int64_t origQty = 0;
    int64_t lastFilledQty = 0;
    int64_t filledQty = 0; // z
};

// openInterest (base units, 1e-8) and, from openInterestHist, its USDT value.
struct OpenInterest {
    int64_t timeMs = 0;
    int64_t openInterest = 0;
    int64_t valueUsdt = 0; // 0 when unknown
};

// A settled funding rate (REST fundingRate) and the symbol's funding interval when it was polled
// (fundingInfo; 8 h when the symbol is not listed there). Rate and price in 1e-8 units.
struct FundingSettlement {
    int64_t fundingTimeMs = 0;
    int64_t fundingRate = 0;
    int64_t markPrice = 0; // 0 when Binance sends "" (old records)
    int intervalHours = 8;
};

// kline (stream or REST); volumes in 1e-8 units.
struct Kline {
    int64_t openMs = 0;
    int64_t closeMs = 0;
    int64_t firstTradeId = 0;
    int64_t lastTradeId = 0;
    int64_t open = 0, high = 0, low = 0, close = 0;
    int64_t volume = 0;
    int64_t quoteVolume = 0;
    int64_t takerBuyVolume = 0;
    int64_t takerBuyQuoteVolume = 0;
    int64_t trades = 0;
    int intervalMs = 0;
    bool closed = false;
};

} // namespace co
