// bench_zone_events: the A3 `events` of one busy 1h bar (default 100k trades, a random walk over a
// few hundred ticks) three ways in one run: ZoneTracker trade by trade (get_footprint and
// `report --events`), the minute-level replay (60 steps: the answer before trades were read back),
// and the full recount (findImbalances after every trade) on the first --recount trades, which
// also checks the tracker's events against it. Times are medians; ratios are to the minute level.
// Run: build/bin/bench_zone_events [--trades 100000] [--recount 5000] [--rounds 5] [--k 1]
#include "indicators/ZoneEvents.h"
#include "indicators/ZoneTracker.h"
#include "model/Time.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

using namespace co;

namespace {
template <typename F>
double medianMs(int rounds, F &&f)
{
    std::vector<double> ms;
    for (int i = 0; i <= rounds; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        if (i > 0) // the first warms caches
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

bool overlaps(const StackedZone &a, const StackedZone &b)
{
    return a.side == b.side && a.lowRow <= b.highRow && b.lowRow <= a.highRow;
}
} // namespace

int main(int argc, char **argv)
{
    int trades = 100'000, recount = 5000, rounds = 5;
    int64_t k = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--trades"))
            trades = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--recount"))
            recount = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--rounds"))
            rounds = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--k"))
            k = std::atoll(argv[i + 1]);
    }
    recount = std::min(recount, trades);
    std::mt19937 rng(17);
    std::vector<TickTrade> tape(static_cast<size_t>(trades));
    int64_t row = 600'000, lo = row, hi = row;
    for (int i = 0; i < trades; ++i) {
        row += int64_t(rng() % 5) - 2;
        lo = std::min(lo, row);
        hi = std::max(hi, row);
        TickTrade &t = tape[size_t(i)];
        t.id = i + 1;
        t.timeMs = int64_t(i) * 3'600'000 / trades;
        t.row = t.price = row;
        t.qty = 1 + int64_t(rng() % 50) * (rng() % 8 == 0 ? 20 : 1);
        t.takerBuy = rng() % 2;
    }
    std::vector<BarPtr> minutes(60);
    for (int m = 0; m < 60; ++m) {
        auto b = std::make_shared<FootprintBar>();
        b->openTime = int64_t(m) * kMsPerMinute;
        minutes[size_t(m)] = b;
    }
    for (const TickTrade &t : tape)
        std::const_pointer_cast<FootprintBar>(minutes[size_t(t.timeMs / kMsPerMinute)])->add(t);
    const ImbalanceConfig cfg;

    size_t tradeEvents = 0, minuteEvents = 0;
    const double tracker = medianMs(rounds, [&] {
        ZoneTracker z(k, cfg);
        for (const TickTrade &t : tape)
            z.addTrade(t.id, t.timeMs, t.row, t.qty, t.takerBuy);
        tradeEvents = z.events().size();
    });
    const double minute = medianMs(rounds, [&] { minuteEvents = zoneFormation(minutes, k, cfg).size(); });

    // The full recount of the first `recount` trades, and the check.
    std::vector<ZoneFormed> expected;
    const double full = medianMs(1, [&] {
        expected.clear();
        Ladder rows;
        std::vector<StackedZone> before;
        for (int i = 0; i < recount; ++i) {
            const TickTrade &t = tape[size_t(i)];
            rows.add(floorDiv(t.row, k), t.qty, t.takerBuy);
            std::vector<StackedZone> now = findImbalances(rows, cfg).stacked;
            for (const StackedZone &z : now)
                if (std::none_of(before.begin(), before.end(), [&](const StackedZone &b) { return overlaps(z, b); }))
                    expected.push_back({t.timeMs, t.id, z});
            before = std::move(now);
        }
    });
    ZoneTracker check(k, cfg);
    for (int i = 0; i < recount; ++i)
        check.addTrade(tape[size_t(i)].id, tape[size_t(i)].timeMs, tape[size_t(i)].row, tape[size_t(i)].qty,
                       tape[size_t(i)].takerBuy);
    bool same = check.events().size() == expected.size();
    for (size_t i = 0; same && i < expected.size(); ++i)
        same = check.events()[i].tradeId == expected[i].tradeId && check.events()[i].zone.lowRow == expected[i].zone.lowRow &&
               check.events()[i].zone.highRow == expected[i].zone.highRow && check.events()[i].zone.side == expected[i].zone.side;

    // What one recount costs once the bar has all its rows (what a recount per trade pays late in the bar).
    Ladder all;
    for (const TickTrade &t : tape)
        all.add(floorDiv(t.row, k), t.qty, t.takerBuy);
    const double lateRecount = medianMs(rounds, [&] {
        for (int i = 0; i < 100; ++i)
            tradeEvents += findImbalances(all, cfg).stacked.size() > size_t(1) << 40; // kept, never true
    }) / 100;
    const double perTrade = tracker * 1e6 / trades, fullPerTrade = full * 1e6 / std::max(1, recount);
    std::printf("bar: %d trades, k %lld, %lld rows\n", trades, static_cast<long long>(k),
                static_cast<long long>((hi - lo) / k + 1));
    std::printf("minute level (60 steps): %8.3f ms, %zu events   (baseline)\n", minute, minuteEvents);
    std::printf("trade by trade:          %8.3f ms, %zu events   %.1f x baseline, %.0f ns per trade\n", tracker,
                tradeEvents, tracker / minute, perTrade);
    std::printf("full recount per trade:  %.0f ns per trade over the first %d trades = %.1f x the tracker's\n",
                fullPerTrade, recount, fullPerTrade / perTrade);
    std::printf("full recount of the whole bar's ladder: %.0f ns = %.1f x the tracker's per trade\n", lateRecount * 1e6,
                lateRecount * 1e6 / perTrade);
    std::printf("tracker = full recount on the first %d trades: %s\n", recount, same ? "yes" : "NO");
    return same ? 0 : 1;
}
