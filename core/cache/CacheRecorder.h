#pragma once
// What the engines accept goes to the cache: an EngineObserver on the engine thread that only
// queues (the TradeWriter commits on its own thread). Trades the cache already held at start are
// not written again when the restore re-applies them; mark and depth samples are kept one per
// minute; each day's summary is written when the day closes.
#include "engine/EngineObserver.h"
#include "engine/Snapshot.h"
#include "storage/TradeWriter.h"

#include <array>
#include <map>
#include <set>
#include <string>

namespace co {

class MarketEngine;

class CacheRecorder : public EngineObserver {
public:
    explicit CacheRecorder(TradeWriter &writer) : writer_(writer) {}

    // Before attaching: ids up to `id` of this symbol and source are stored already.
    void skipStoredUpTo(const std::string &symbol, TradeSource source, int64_t id);
    // Engine thread: observe the engine and write its closing days (idempotent).
    void attach(MarketEngine &engine);
    // Engine thread: the engine is about to go (a symbol no longer followed).
    void detach(const MarketEngine &engine) { attached_.erase(&engine); }
    // The summary of the snapshot's current day (clean exit; the day's close writes it otherwise).
    void writeDaySummary(const EngineSnapshot &s);

    void tradeAccepted(const SymbolInfo &symbol, const Trade &t) override;
    void liquidation(const SymbolInfo &symbol, const Liquidation &l) override;
    void mark(const SymbolInfo &symbol, const MarkPrice &m) override;
    void openInterest(const SymbolInfo &symbol, const OpenInterest &oi) override;
    void fundingSettlement(const SymbolInfo &symbol, const FundingSettlement &f) override;
    void heatmapRow(const SymbolInfo &symbol, const HeatmapRow &row) override;
    void depthSample(const SymbolInfo &symbol, const DepthSample &s) override;

private:
    struct PerSymbol {
        uint32_t index = 0;
        int64_t tickSize = -1, stepSize = -1;
        TickSource tickSource = TickSource::Inferred;
        int64_t skip[2] = {0, 0}; // by TradeSource
        int64_t markMinute = INT64_MIN, depthMinute = INT64_MIN;
    };
    PerSymbol &of(const SymbolInfo &symbol);

    TradeWriter &writer_;
    std::map<std::string, PerSymbol, std::less<>> symbols_;
    std::map<std::string, std::array<int64_t, 2>, std::less<>> skips_;
    std::set<const MarketEngine *> attached_;
    const std::string *lastName_ = nullptr;
    PerSymbol *last_ = nullptr;
};

} // namespace co
