#include "cache/CacheRecorder.h"

#include "cache/DaySummaries.h"
#include "storage/DepthBlob.h"
#include "engine/MarketEngine.h"
#include "model/Time.h"

namespace co {

void CacheRecorder::skipStoredUpTo(const std::string &symbol, TradeSource source, int64_t id)
{
    skips_[symbol][size_t(source)] = id;
}

void CacheRecorder::attach(MarketEngine &engine)
{
    if (!attached_.insert(&engine).second)
        return;
    engine.addObserver(this);
    auto previous = std::move(engine.onDayClosing);
    engine.onDayClosing = [this, previous](const SnapshotPtr &s) {
        if (previous)
            previous(s);
        writeDaySummary(*s);
    };
}

void CacheRecorder::writeDaySummary(const EngineSnapshot &s)
{
    if (auto r = summarizeToday(s))
        writer_.addDaySummary(of(s.symbol).index, std::move(*r));
}

CacheRecorder::PerSymbol &CacheRecorder::of(const SymbolInfo &symbol)
{
    if (!last_ || *lastName_ != symbol.name) [[unlikely]] {
        auto it = symbols_.find(symbol.name);
        if (it == symbols_.end()) {
            it = symbols_.emplace(symbol.name, PerSymbol{}).first;
            if (auto s = skips_.find(symbol.name); s != skips_.end()) {
                it->second.skip[0] = s->second[0];
                it->second.skip[1] = s->second[1];
            }
        }
        lastName_ = &it->first;
        last_ = &it->second;
    }
    PerSymbol &p = *last_;
    // A new or changed grid: the writer saves it with the symbol.
    if (p.tickSize != symbol.tickSize || p.stepSize != symbol.stepSize || p.tickSource != symbol.tickSource) [[unlikely]] {
        p.index = writer_.symbol(symbol);
        p.tickSize = symbol.tickSize;
        p.stepSize = symbol.stepSize;
        p.tickSource = symbol.tickSource;
    }
    return p;
}

void CacheRecorder::tradeAccepted(const SymbolInfo &symbol, const Trade &t)
{
    PerSymbol &p = of(symbol);
    if (t.id <= p.skip[size_t(t.source)])
        return;
    writer_.addTrade(p.index, t);
}

void CacheRecorder::liquidation(const SymbolInfo &symbol, const Liquidation &l)
{
    writer_.addLiquidation(of(symbol).index, l);
}

void CacheRecorder::mark(const SymbolInfo &symbol, const MarkPrice &m)
{
    PerSymbol &p = of(symbol);
    const int64_t minute = floorDiv(m.eventMs, kMsPerMinute);
    if (minute == p.markMinute)
        return;
    p.markMinute = minute;
    writer_.addMark(p.index, m);
}

void CacheRecorder::openInterest(const SymbolInfo &symbol, const OpenInterest &oi)
{
    writer_.addOpenInterest(of(symbol).index, oi);
}

void CacheRecorder::fundingSettlement(const SymbolInfo &symbol, const FundingSettlement &f)
{
    writer_.addFunding(of(symbol).index, f);
}

void CacheRecorder::heatmapRow(const SymbolInfo &symbol, const HeatmapRow &row)
{
    writer_.addHeatmapRow(of(symbol).index, row);
}

void CacheRecorder::depthSample(const SymbolInfo &symbol, const DepthSample &s)
{
    PerSymbol &p = of(symbol);
    const int64_t minute = floorDiv(s.timeMs, kMsPerMinute);
    if (minute == p.depthMinute)
        return;
    p.depthMinute = minute;
    writer_.addDepth(p.index, {s.timeMs, encodeDepthBlob(s)});
}

} // namespace co
