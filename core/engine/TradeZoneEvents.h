#pragma once
// Auction-mark `events` (spec analysis.md A3) at the trade that completed each stacked zone. The
// engine keeps minute bars, not trades (its memory stays flat over a day), so the bars' trades are
// read again when an answer asks for events: from the trade cache (HistoryProvider::trades) or a
// report's own replay. A minute whose trades read differ from the engine's minute bar (by count) —
// the newest trades not yet written to the cache (up to ~250 ms live), minutes the cache lacks, or
// no cache at all — keeps, with every later minute of its bar, the minute-level answer
// (ZoneEvents.h: the latest trade of the minute); nothing is guessed.
#include "engine/KeyLevels.h"
#include "model/Trade.h"

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace co {

using TradeSink = std::function<bool(std::span<const Trade>)>;
// Hands the trades stamped in [fromMs, toMs) to the sink in id order, in chunks (the sink returns
// false to stop); false when no trades can be read.
using TradeReader = std::function<bool(int64_t fromMs, int64_t toMs, const TradeSink &sink)>;

struct ExactEvents {
    size_t exactBars = 0;              // bars whose events are all at their completing trade
    int64_t minuteFromMs = INT64_MAX;  // earliest minute answered at minute level (INT64_MAX: none)
    bool read = false;                 // the reader had trades to give
};

// Replaces the events of bars (built from s with q's timeframe and row size; events asked) by the
// trade-level ones where the trades read match the engine's minutes.
ExactEvents exactZoneEvents(std::vector<FootprintBarResult> &bars, const EngineSnapshot &s, const FootprintQuery &q,
                            const TradeReader &read);

// A reader over trades held in memory (id order), e.g. those a report's replay accepted.
TradeReader tradesInMemory(std::span<const Trade> trades);

} // namespace co
