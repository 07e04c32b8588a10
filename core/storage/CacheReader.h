#pragma once
// Read side of the cache on its own connection (one per thread): what restore and queries need.
#include "model/Derivatives.h"
#include "model/HeatmapRow.h"
#include "model/Symbol.h"
#include "model/Trade.h"
#include "storage/Database.h"
#include "storage/Records.h"
#include "storage/SymbolTable.h"

#include <QString>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace co {

class CacheReader {
public:
    CacheReader() = default;
    bool open(const QString &path, QString *error);
    const QString &path() const noexcept { return db_.path(); }

    std::vector<StoredSymbol> symbols() const;
    // The newest stored trade (the source with the latest time).
    std::optional<StoredTrade> lastTrade(const std::string &symbol, QString *error = nullptr);
    // Upper bound of the trades a scan from fromMs returns (id span of the stored days).
    int64_t tradeCountFrom(const std::string &symbol, TradeSource source, int64_t fromMs, QString *error = nullptr);
    // Trades in id order, starting with the first one at or after fromMs, in chunks; the sink
    // returns false to stop. False with *error on a database error.
    bool scanTrades(const std::string &symbol, TradeSource source, int64_t fromMs,
                    const std::function<bool(std::span<const Trade>)> &sink, QString *error, size_t chunk = 4096);

    // The stored UTC days of a symbol's trades, both sources, by source then day.
    std::vector<StoredTradeDay> tradeDays(const std::string &symbol, QString *error = nullptr);
    // Days with a stored summary in the zone, ascending (no levels read).
    std::vector<int64_t> summaryDays(const std::string &symbol, const std::string &zone, QString *error = nullptr);

    std::vector<Liquidation> liquidations(const std::string &symbol, int64_t fromMs, QString *error = nullptr);
    // Liquidations with trade time in [fromMs, toMs), ascending.
    std::vector<Liquidation> liquidationRange(const std::string &symbol, int64_t fromMs, int64_t toMs,
                                              QString *error = nullptr);
    std::optional<MarkPrice> lastMark(const std::string &symbol, QString *error = nullptr);
    std::vector<OpenInterest> openInterest(const std::string &symbol, int64_t fromMs, QString *error = nullptr);
    // Settled funding rates in [fromMs, toMs), ascending.
    std::vector<FundingSettlement> fundingRates(const std::string &symbol, int64_t fromMs, int64_t toMs,
                                                QString *error = nullptr);
    // The 10 s heatmap rows of [fromMs, toMs), ascending (rows that cannot be decoded are left out).
    std::vector<HeatmapRow> heatmapRows(const std::string &symbol, int64_t fromMs, int64_t toMs, QString *error = nullptr);
    std::vector<DepthRecord> depth(const std::string &symbol, int64_t fromMs, int64_t toMs, QString *error = nullptr);
    // Summaries of days >= fromDay in the zone, oldest first (profiles included when asked); a
    // day's levels are nullopt when its record cannot be decoded.
    std::vector<DaySummaryRecord> daySummaries(const std::string &symbol, const std::string &zone, int64_t fromDay,
                                               bool withProfile, QString *error = nullptr);
    // What a restart seeds an engine with: the last `limit` summaries of days before beforeDay
    // (oldest first, no levels or profile) and the sum of all their days' deltas.
    std::optional<DayHistory> dayHistory(const std::string &symbol, const std::string &zone, int64_t beforeDay,
                                         int limit, QString *error = nullptr);
    // The symbol with the grid last stored for it (tickSource Cache); nullopt when none is known.
    std::optional<SymbolInfo> cachedGrid(const std::string &symbol);

private:
    const StoredSymbol *find(const std::string &symbol);

    Database db_;
    std::unique_ptr<SymbolTable> symbols_;
};

} // namespace co
