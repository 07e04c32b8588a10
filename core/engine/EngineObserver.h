#pragma once
// Hooks for consumers that must see what an engine accepted (storage, GUI notifications).
// Called on the engine's writer thread: keep them short (queue the work elsewhere).
#include "indicators/DepthDelta.h"
#include "indicators/HeatmapHistory.h"
#include "model/Derivatives.h"
#include "model/Symbol.h"
#include "model/Trade.h"

namespace co {

struct EngineSnapshot;

class EngineObserver {
public:
    virtual ~EngineObserver() = default;
    virtual void tradeAccepted(const SymbolInfo &, const Trade &) {} // after dedupe, in id order
    virtual void liquidation(const SymbolInfo &, const Liquidation &) {}
    virtual void mark(const SymbolInfo &, const MarkPrice &) {}
    virtual void openInterest(const SymbolInfo &, const OpenInterest &) {}
    virtual void fundingSettlement(const SymbolInfo &, const FundingSettlement &) {}
    virtual void depthSample(const SymbolInfo &, const DepthSample &) {}
    virtual void heatmapRow(const SymbolInfo &, const HeatmapRow &) {} // a completed 10 s heatmap row
};

} // namespace co
