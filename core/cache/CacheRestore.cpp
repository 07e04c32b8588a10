#include "cache/CacheRestore.h"

#include "cache/DaySummaries.h"
#include "pipeline/MarketFeed.h"
#include "engine/MarketEngine.h"
#include "storage/CacheReader.h"

#include <algorithm>
#include <chrono>

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

void CacheRestore::waitForEngine(uint64_t sent)
{
    while (sent > acked_.load() + kBatchesInFlight && !cancel_)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

bool CacheRestore::seed(CacheReader &reader, const std::string &symbol, int64_t beforeDay, Progress &p, QString *error)
{
    const std::string zone = ZoneClock(plan_.dayZone).id();
    std::optional<DayHistory> h = reader.dayHistory(symbol, zone, beforeDay, std::max(1, plan_.cacheDays), error);
    if (!h)
        return false;
    if (h->days.empty() && h->cvdBefore == 0)
        return true;
    p.seededDays += int64_t(h->days.size());
    // On the engine thread, before the first trade: the rows need the engine's tick size.
    engines_.post(std::function<void(MarketFeed &)>([symbol, h = std::move(*h)](MarketFeed &feed) {
        if (MarketEngine *e = feed.engineFor(symbol))
            seedEngine(*e, h);
    }));
    return true;
}

bool CacheRestore::run(Progress &p, const ProgressFn &progress, QString *error)
{
    CacheReader reader;
    if (!reader.open(plan_.path, error))
        return false;
    using Clock = std::chrono::steady_clock;
    auto lastReport = Clock::now();
    uint64_t sent = 0;
    auto post = [&](std::vector<MarketEvent> &&batch) {
        engines_.post(std::move(batch));
        const uint64_t n = ++sent;
        engines_.post(std::function<void(MarketFeed &)>([this, n](MarketFeed &) { acked_ = n; }));
        waitForEngine(n);
    };
    for (const RestorePlan::Symbol &s : plan_.symbols) {
        if (cancel_)
            return true;
        p.symbol = s.name;
        const SymbolName name(s.name);
        // The days before the first replayed trade's day come from their summaries.
        const ZoneClock clock(plan_.dayZone);
        bool seeded = false, seedFailed = false;
        if (s.hasTrades) {
            const bool ok = reader.scanTrades(
                s.name, s.source, s.fromMs,
                [&](std::span<const Trade> trades) {
                    if (!seeded) {
                        seeded = true;
                        if (!seed(reader, s.name, clock.localDay(trades.front().timeMs), p, error)) {
                            seedFailed = true;
                            return false;
                        }
                    }
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
                    return !cancel_.load();
                },
                error, kBatch);
            if (!ok || seedFailed)
                return false;
        }
        if (!seeded && s.fromMs > 0 && !seed(reader, s.name, clock.localDay(s.fromMs), p, error))
            return false;
        // Then what the engine keeps besides trades: liquidations (24 h), OI history, the last mark.
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
        if (auto m = reader.lastMark(s.name, error))
            add(*m);
        if (!rest.empty())
            post(std::move(rest));
    }
    progress(p);
    return true;
}

} // namespace co
