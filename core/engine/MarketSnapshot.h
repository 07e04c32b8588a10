#pragma once
// The market snapshot of one symbol (spec indicators.md §10): last trade, mark/index/funding, open
// interest, top of the synced book, rolling 24 h statistics from the engine's 1m bars, and where
// price stands against today's VWAP and value area.
#include "engine/Query.h"

#include <cstdint>
#include <optional>
#include <string>

namespace co {

struct Rolling24h {
    int64_t fromMs = 0, toMs = 0; // first bar's open, last bar's close
    double open = 0, high = 0, low = 0, close = 0;
    double volume = 0, quoteVolume = 0;
    double change = 0, changePercent = 0;
    int64_t trades = 0;
    std::string source = "trades"; // "trades" (the engine's 1m bars) or "ticker" (Binance ticker/24hr)
};

struct MarketSnapshotResult {
    std::string symbol;
    int64_t asOfMs = 0;
    std::optional<double> lastPrice;
    int64_t lastTradeMs = 0;
    std::optional<double> markPrice, indexPrice, fundingRate;
    int64_t markMs = 0, nextFundingMs = 0;
    std::optional<double> openInterest, openInterestNotional;
    int64_t openInterestMs = 0;
    std::optional<double> bestBid, bestAsk, spread;
    std::optional<Rolling24h> rolling24h;
    std::optional<double> dVWAP, dPOC, dVAH, dVAL;
    double dayVolume = 0, dayDelta = 0;
    std::string valueAreaPosition; // "above" | "inside" | "below" | "" (no value area yet)
    DataQuality quality;
};

// NoData when the engine has seen no trade, no synced book and no mark price yet.
QueryResult<MarketSnapshotResult> buildMarketSnapshot(const EngineSnapshot &s, int64_t nowMs);

// The 1440 one-minute bars up to nowMs, when the engine's data reaches back 24 h, else the
// exchange's ticker/24hr when one was polled (else nullopt).
std::optional<Rolling24h> rolling24h(const EngineSnapshot &s, int64_t nowMs);

} // namespace co
