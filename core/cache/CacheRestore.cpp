#include "cache/CacheRestore.h"

#include "cache/CachedReplay.h"
#include "cache/DaySummaries.h"
#include "pipeline/MarketFeed.h"
#include "engine/MarketEngine.h"
#include "storage/CacheReader.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <future>

namespace co {

namespace {
constexpr uint64_t kBatchesInFlight = 4;
constexpr size_t kBatch = 4096;
} // namespace

CacheRestore::~CacheRestore()
{
    cancel_ = true;
    if (thread_.joinable())
        thread_.join();
}

void CacheRestore::start(ProgressFn progress, DoneFn done)
{
    thread_ = std::thread([this, progress = std::move(progress), done = std::move(done)] {
        Progress p;
        p.expected = plan_.expected();
        QString error;
        const bool ok = run(p, progress, &error);
        if (!cancel_)
            engines_.flush(); // everything posted is applied and published
        done(ok && !cancel_, cancel_ ? QStringLiteral("cancelled") : error, p);
    });
}

bool CacheRestore::run(Progress &p, const ProgressFn &progress, QString *error)
{
    CacheReader reader;
    if (!reader.open(plan_.path, error))
        return false;
    using Clock = std::chrono::steady_clock;
    auto lastReport = Clock::now();
    // A few batches in flight: each batch is followed by a task that fulfils its promise on the
    // engine thread, and the restore waits for the one kBatchesInFlight back (memory stays flat).
    std::deque<std::future<void>> inFlight;
    auto post = [&](std::vector<MarketEvent> &&batch) {
        engines_.post(std::move(batch));
        auto applied = std::make_shared<std::promise<void>>();
        inFlight.push_back(applied->get_future());
        engines_.post(std::function<void(MarketFeed &)>([applied](MarketFeed &) { applied->set_value(); }));
        while (inFlight.size() > kBatchesInFlight) {
            // Woken by the engine; the timeout only lets a cancel through if the engines stopped first.
            if (inFlight.front().wait_for(std::chrono::milliseconds(200)) == std::future_status::timeout && cancel_)
                return;
            inFlight.pop_front();
        }
    };
    const std::string zone = ZoneClock(plan_.dayZone).id();
    for (const RestorePlan::Symbol &s : plan_.symbols) {
        if (cancel_)
            return true;
        p.symbol = s.name;
        const SymbolName name(s.name);
        if (s.hasTrades || s.fromMs > 0) {
            CachedReplay r;
            r.symbol = s.name;
            r.source = s.source;
            r.fromMs = s.hasTrades ? s.fromMs : INT64_MAX; // no trades: only the days before fromMs
            r.untilMs = s.hasTrades ? INT64_MAX : s.fromMs;
            r.zone = zone;
            r.dayZone = plan_.dayZone;
            r.cacheDays = plan_.cacheDays;
            r.cancel = &cancel_;
            r.batch = kBatch;
            const CachedReplayResult res = replayCached(
                reader, r,
                [&](DayHistory &&h) {
                    if (h.days.empty() && h.cvdBefore == 0)
                        return;
                    p.seededDays += int64_t(h.days.size());
                    // On the engine thread, before the first trade: the rows need the engine's tick size.
                    engines_.post(std::function<void(MarketFeed &)>([symbol = s.name, h = std::move(h)](MarketFeed &feed) {
                        if (MarketEngine *e = feed.engineFor(symbol))
                            seedEngine(*e, h);
                    }));
                },
                [&](std::span<const Trade> trades) {
                    std::vector<MarketEvent> batch(trades.size());
                    for (size_t i = 0; i < trades.size(); ++i) {
                        batch[i].symbol = name;
                        batch[i].payload = trades[i];
                    }
                    post(std::move(batch));
                    p.trades += int64_t(trades.size());
                    if (Clock::now() - lastReport >= std::chrono::milliseconds(100)) {
                        lastReport = Clock::now();
                        progress(p);
                    }
                    return true;
                });
            if (!res.ok) {
                if (error)
                    *error = res.error;
                return false;
            }
            if (res.cancelled)
                return true;
        }
        // Then what the engine keeps besides trades: liquidations (24 h), OI history, settled funding, the last mark.
        std::vector<MarketEvent> rest;
        auto add = [&](auto &&payload) {
            MarketEvent e;
            e.symbol = name;
            e.payload = payload;
            rest.push_back(std::move(e));
        };
        for (const Liquidation &l : reader.liquidations(s.name, s.fromMs, error))
            add(l);
        for (const OpenInterest &oi : reader.openInterest(s.name, s.fromMs, error))
            add(oi);
        for (const FundingSettlement &f : reader.fundingRates(s.name, 0, INT64_MAX, error))
            add(f);
        if (auto m = reader.lastMark(s.name, error))
            add(*m);
        if (!rest.empty())
            post(std::move(rest));
    }
    progress(p);
    return true;
}

} // namespace co
