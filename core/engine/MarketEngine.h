#pragma once
// One engine per symbol: applies events in order, rolls the day at local midnight of the day
// zone (UTC by default), and publishes immutable snapshots. Not thread-safe for writers: one
// thread applies events; any thread may call snapshot().
#include "engine/DayBook.h"
#include "engine/EngineConfig.h"
#include "engine/EngineObserver.h"
#include "engine/Snapshot.h"
#include "model/Cow.h"
#include "model/Event.h"

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

namespace co {

class MarketEngine {
public:
    MarketEngine(SymbolInfo symbol, EngineConfig config);

    // Trades, mark, liquidations, OI. Depth goes through OrderBookSync first (onBook…).
    void apply(const MarketEvent &e);
    void onTrade(const Trade &t);
    // The book arrives already validated (binance/OrderBookSync): reset, diffs, invalid.
    void onBookReset(const DepthSnapshot &s);
    void onBookDiff(const DepthUpdate &u);
    void onBookInvalid();
    void onMark(const MarkPrice &m);
    void onLiquidation(const Liquidation &l);
    void onOpenInterest(const OpenInterest &oi);
    void onFundingSettlement(const FundingSettlement &f);

    // Decoder-side exclusions (raw trades with X ≠ MARKET) and gaps the source knows about.
    void noteExcluded(const std::string &orderType, int64_t n = 1);
    void noteGap(const Gap &g);
    void setLive(bool live, const std::string &source);
    void setTickSize(int64_t tick, TickSource source);
    void setTicker24h(std::shared_ptr<const Ticker24hView> t) { ticker24h_ = std::move(t); }
    // New read-time settings (applyReadTimeSettings) from the next snapshot on; live, no replay.
    void setReadTimeSettings(const EngineConfig &c) { applyReadTimeSettings(config_, c); }

    // Before the first trade (a restart): the completed days before the restored span, oldest
    // first, and the cumulative delta before it, as an engine that ran through them would hold.
    // False (nothing changed) once trades were applied.
    bool seedHistory(const std::vector<DaySummary> &days, int64_t cvdBefore);

    // Observers see accepted events on this engine's writer thread (not owned).
    void addObserver(EngineObserver *o) { observers_.push_back(o); }
    void removeObserver(EngineObserver *o) { std::erase(observers_, o); }

    // Called with the snapshot of a day just before it rolls over (report command, storage).
    std::function<void(const SnapshotPtr &)> onDayClosing;

    // Builds and publishes a snapshot; cheap (shares bars and profile copy-on-write).
    SnapshotPtr publish();
    SnapshotPtr snapshot() const;

    const SymbolInfo &symbol() const noexcept { return symbol_; }
    const EngineConfig &config() const noexcept { return config_; }
    const OrderBook &book() const noexcept { return book_; }
    bool bookLive() const noexcept { return bookLive_; }
    uint64_t tradesApplied() const noexcept { return applied_; }

private:
    void roll(int64_t newDay);
    std::vector<SessionView> sessionsFor(const DayBook &day) const;
    std::vector<SessionView> sessionsFor(int64_t startMs, int64_t endMs) const;
    void sampleDepthUntil(int64_t eventMs);

    SymbolInfo symbol_;
    EngineConfig config_;
    ZoneClock dayClock_;
    Scaler scaler_;
    __int128 largeThreshold_ = 0; // LARGE_TRADE_NOTIONAL in 1e-16 units (p·q)

    std::optional<DayBook> today_;
    std::shared_ptr<const DayView> prior_;
    std::vector<SessionView> priorSessions_;
    std::deque<DaySummary> history_;
    SessionLevels sessions_;

    bool hasTrade_ = false;
    int64_t lastId_ = 0, lastPrice_ = 0, lastTradeMs_ = 0, asOfMs_ = 0;
    std::pair<int64_t, int64_t> notedIds_{0, 0}; // the last id hole noted by the source (noteGap)
    std::optional<TradeSource> source_;
    int64_t cvdAll_ = 0;
    uint64_t applied_ = 0;
    DataQuality quality_;

    OrderBook book_;
    bool bookLive_ = false;
    bool bookChanged_ = true;
    std::shared_ptr<const BookView> bookView_;
    Cow<DepthHistory> depth_;
    Cow<HeatmapHistory> heatmap_;
    int64_t nextDepthSampleMs_ = 0;
    Cow<LiquidationStore> liquidations_;
    Cow<Funding> funding_;

    std::vector<EngineObserver *> observers_;
    uint64_t seq_ = 0;
    std::shared_ptr<const Ticker24hView> ticker24h_;
    mutable std::mutex publishMutex_; // guards published_ only (a pointer swap)
    SnapshotPtr published_;
};

} // namespace co
