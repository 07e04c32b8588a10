#pragma once
// Results readers ask for, computed from a snapshot: the key-levels object of indicators.md §12
// and footprint bars with imbalances. Values are converted to double here (the edge); JSON
// encoders in core/server only name them.
#include "engine/Snapshot.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace co {

struct StackedResult {
    double low = 0, high = 0;
    std::string side; // "BUY" | "SELL"
    int count = 0;
    bool active = true; // no later trade has traded through it
};

struct FootprintRow {
    double price = 0;
    double sell = 0; // bid
    double buy = 0;  // ask
    int64_t trades = 0;
};

struct BigTradeResult {
    int64_t timeMs = 0;
    double price = 0, qty = 0;
    bool buy = false; // taker side
};

struct ZoneEventResult {
    int64_t timeMs = 0;  // the completing trade's time, or the latest trade of its minute (TradeZoneEvents.h)
    int64_t tradeId = 0; // the completing trade; 0 when only the minute is known
    std::string side;    // "BUY" | "SELL"
    double low = 0, high = 0;
    int count = 0;
};

struct FootprintBarResult {
    int64_t openTime = 0;
    double open = 0, high = 0, low = 0, close = 0;
    double volume = 0, buyVolume = 0, sellVolume = 0, delta = 0, cvd = 0;
    int64_t trades = 0;
    double poc = 0;
    double buyShare = 0, largeTradeShare = 0;
    bool deltaDivergence = false;
    std::vector<double> buyImbalances, sellImbalances;
    std::vector<StackedResult> stacked;
    std::vector<FootprintRow> rows; // only when asked
    // analysis.md A2: running-delta extremes, Σp·q, the bar's own value area (on its merged rows).
    double deltaMax = 0, deltaMin = 0, quoteVolume = 0, vah = 0, val = 0;
    // A3: both sides traded at the top/bottom row; empty rows strictly inside the range.
    bool unfinishedHigh = false, unfinishedLow = false;
    std::vector<double> zeroPrints;
    size_t bigTradeCount = 0;
    std::vector<BigTradeResult> bigTrades; // only when asked (FootprintQuery::bigTrades)
    std::vector<ZoneEventResult> events;   // only when asked (FootprintQuery::events)
};

struct FootprintQuery {
    Timeframe timeframe = Timeframe::M5;
    int64_t grouping = 1;       // rows merged k ticks at a time
    bool rows = false;          // include per-row bid × ask
    int topN = 0;               // > 0: only the N rows with most volume (rows must be true)
    int64_t startMs = INT64_MIN, endMs = INT64_MAX;
    size_t limit = SIZE_MAX;    // newest kept
    bool bigTrades = false;     // list each bar's trades of notional ≥ LARGE_TRADE_NOTIONAL
    bool events = false;        // stacked-zone formation, replayed from the bar's minutes (exactZoneEvents: trades)
};

struct SessionResult {
    std::string name, start, end;
    int64_t trades = 0;
    std::optional<double> high, low, open, close, volume, buyVolume, sellVolume, delta, vwap;
    bool active = false;
};

struct NakedPoc {
    std::string date;
    double price = 0;
    double distance = 0;    // price − last price
    double distancePct = 0; // distance / last price × 100
};

struct KeyLevels {
    std::string symbol, date;
    double tickSize = 0;
    int64_t trades = 0;
    double volume = 0, buyVolume = 0, sellVolume = 0, delta = 0, cvd = 0;
    std::optional<double> open, high, low, close;
    std::optional<double> dVWAP;
    std::optional<VwapBands> bands;
    std::optional<double> dPOC, dVAH, dVAL;
    std::optional<double> pdVWAP, pdPOC, pdVAH, pdVAL, pdHigh, pdLow, pdClose;
    std::vector<SessionResult> sessions;
    std::vector<NakedPoc> nakedPOCs;
    std::map<std::string, std::vector<FootprintBarResult>> footprint; // by timeframe name
    DataQuality quality;
};

struct KeyLevelsOptions {
    std::vector<Timeframe> timeframes; // footprint bars to include (empty: none)
    bool rows = false;
    int64_t nowMs = 0;    // wall clock for ageMs/active; 0 = the snapshot's asOf
    int64_t grouping = 1; // ticks per row for profiles and footprint rows (analysis.md A1)
    bool events = false;  // the footprint bars' A3 events (minute level; exactZoneEvents refines them)
};

// The key levels of the snapshot's current day (today) with its prior day.
KeyLevels buildKeyLevels(const EngineSnapshot &s, const KeyLevelsOptions &o);

// Footprint bars of a day (today when day is null).
std::vector<FootprintBarResult> buildFootprint(const EngineSnapshot &s, const DayView &day, const FootprintQuery &q);
// The same over any bars of q.timeframe; minutes: 1m bars covering them (for A3 events); CVD runs
// from cvdStart.
std::vector<FootprintBarResult> buildFootprintOf(const EngineSnapshot &s, const std::vector<BarPtr> &bars,
                                                 const std::vector<BarPtr> &minutes, int64_t cvdStart,
                                                 const FootprintQuery &q);

// Anchored VWAP from anchorMs (inclusive) to the latest trade, over the 1m bars of the prior day
// and today. Exact when anchorMs is on a minute boundary; otherwise the anchor's whole minute is
// included and *exactAnchor is false. nullopt when no trade is known since the anchor.
std::optional<VwapBands> anchoredVwap(const EngineSnapshot &s, int64_t anchorMs, bool *exactAnchor = nullptr);

// Price of a row / conversions at the edge.
double rowPrice(const EngineSnapshot &s, int64_t row, int64_t grouping = 1);
double qtyValue(int64_t units);

// dataQuality narrowed to [fromMs, toMs) with coverage by trades.
DataQuality qualityFor(const EngineSnapshot &s, int64_t spanStartMs, int64_t spanEndMs, int64_t firstTradeMs,
                       int64_t lastTradeMs, int64_t nowMs);

} // namespace co
