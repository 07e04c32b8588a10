#pragma once
// The trades a report's engine applied (after its dedupe, in id order), kept only when the report
// prints A3 events: the engine itself keeps minute bars, not trades.
#include "engine/EngineObserver.h"

#include <vector>

namespace co {

struct ReportTrades : EngineObserver {
    std::vector<Trade> trades;
    void tradeAccepted(const SymbolInfo &, const Trade &t) override { trades.push_back(t); }
};

} // namespace co
