#pragma once
// Days the engines do not hold (older than the prior day, or cut in another zone than DAY_TZ),
// answered from elsewhere: the app rebuilds them from its trade cache with the engine's own code,
// or reads the key levels stored at a day's close (cache/CacheDayHistory). Tools call it on the
// server's thread (and --stdio's); an implementation bounds how long it blocks. The HTTP server
// first asks prepare() and answers once it is ready, so its thread does not wait for a rebuild.
#include "engine/KeyLevels.h"
#include "engine/Query.h"
#include "engine/Snapshot.h"
#include "engine/TradeZoneEvents.h"
#include "model/Trade.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace co {

struct HistoryRequest {
    std::string symbol;
    int64_t day = 0;    // local day number in zoneId
    std::string zoneId; // IANA id, the server's DAY_TZ id when the day's midnights are its own
};

// Either a rebuilt engine snapshot whose today is the requested day (levels are built from it as
// from a live one), or the key levels stored at the day's close (encoded as a live day's).
struct HistoryDay {
    SnapshotPtr snapshot;
    std::optional<KeyLevels> stored;
    std::vector<std::string> warnings; // appended to dataQuality.warnings
    bool complete = false;             // the data has moved past the day: the answer never changes
    std::string tradeDays;             // with only `stored`: the days whose trades are kept ("A to B")
};

class HistoryProvider {
public:
    virtual ~HistoryProvider() = default;
    // NotInMemory / Unsupported name what is available; NoData: not ready yet, ask again.
    virtual QueryResult<HistoryDay> day(const HistoryRequest &r) = 0;
    // Without blocking: true when day(r) answers at once (ready is never called); false when the
    // work has started, and ready() is called once, from another thread, when day(r) would.
    virtual bool prepare(const HistoryRequest &, std::function<void()> /*ready*/) { return true; }
    // The days (YYYY-MM-DD, in the server's DAY_TZ) day() can answer for the symbol, newest first:
    // what completion/complete offers for a date. Cheap enough to call per keystroke.
    virtual std::vector<std::string> storedDates(const std::string & /*symbol*/) { return {}; }
    // The cache's 10 s order-book heatmap rows of [fromMs, toMs), ascending; nullopt without a cache.
    virtual std::optional<std::vector<HeatmapRow>> heatmapRows(const std::string & /*symbol*/, int64_t /*fromMs*/,
                                                               int64_t /*toMs*/)
    {
        return std::nullopt;
    }
    // Every stored liquidation of [fromMs, toMs), ascending; nullopt without a cache.
    virtual std::optional<std::vector<Liquidation>> liquidations(const std::string & /*symbol*/, int64_t /*fromMs*/,
                                                                 int64_t /*toMs*/)
    {
        return std::nullopt;
    }
    // The symbol's stored trades of `source` stamped in [fromMs, toMs), in id order, in chunks (the
    // sink returns false to stop); the open minute too, up to the last write (~250 ms behind live).
    // False without a cache or on a read error. What get_footprint's exact `events` are timed from.
    virtual bool trades(const std::string & /*symbol*/, TradeSource /*source*/, int64_t /*fromMs*/, int64_t /*toMs*/,
                        const TradeSink & /*sink*/)
    {
        return false;
    }
    // Every stored settled funding rate of [fromMs, toMs), ascending; nullopt without a cache.
    virtual std::optional<std::vector<FundingSettlement>> fundingRates(const std::string & /*symbol*/,
                                                                       int64_t /*fromMs*/, int64_t /*toMs*/)
    {
        return std::nullopt;
    }
};

using HistoryProviderPtr = std::shared_ptr<HistoryProvider>;

} // namespace co
