// The heatmap's sampling and time weighting (spec analysis.md A8) on a recorded book: the REST
// snapshot + diffs of hftbacktest/btcusdt_20240808.gz, sampled every second of exchange time by
// sampleBook/summarizeHeatmap and recomputed naively here (a plain map per side, bins by division,
// the mean as the plain average of the 1 s samples). Skips without the shared recordings.
#include "indicators/Heatmap.h"
#include "pipeline/ReplaySource.h"
#include "support/SharedData.h"

#include <QtTest>

#include <map>

using namespace co;

class TestHeatmapRecorded : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void matchesNaiveRecomputation()
    {
        CO_REQUIRE_SHARED_FILE(path, "hftbacktest/btcusdt_20240808.gz");
        const int64_t bin = 10 * 1'000'000; // 0.10 USDT (tick) × 10 = 1 USDT, in 1e-8 units
        const int percentBp = 50;           // ±0.5 %
        OrderBook book;
        std::map<int64_t, int64_t> bids, asks; // the naive book
        std::vector<DepthUpdate> early;        // diffs before the snapshot (it comes later in the file)
        bool synced = false;
        int64_t nextSample = 0;
        std::vector<HeatmapSample> samples;
        std::vector<std::map<int64_t, int64_t>> naiveBids, naiveAsks; // per sample: bin → qty
        auto apply = [&](const DepthUpdate &u) {
            book.apply(u);
            for (const PriceLevel &l : u.bids)
                l.qty ? void(bids[l.price] = l.qty) : void(bids.erase(l.price));
            for (const PriceLevel &l : u.asks)
                l.qty ? void(asks[l.price] = l.qty) : void(asks.erase(l.price));
        };
        auto sample = [&](int64_t t) {
            samples.push_back(sampleBook(book, t, bin, percentBp));
            const int64_t bb = bids.rbegin()->first, ba = asks.begin()->first, mid = (bb + ba) / 2;
            // Within ±0.5 %: p / mid ≥ 0.995 for bids, ≤ 1.005 for asks, in exact integers.
            std::map<int64_t, int64_t> nb, na;
            for (const auto &[p, q] : bids)
                if (__int128(p) * 1000 >= __int128(mid) * 995)
                    nb[p - p % bin] += q;
            for (const auto &[p, q] : asks)
                if (__int128(p) * 1000 <= __int128(mid) * 1005)
                    na[p - p % bin] += q;
            naiveBids.push_back(nb);
            naiveAsks.push_back(na);
        };
        ReplaySource src({path.toStdString()});
        QVERIFY(src.run([&](const MarketEvent &e) {
            if (const auto *s = std::get_if<DepthSnapshot>(&e.payload)) {
                book.applySnapshot(*s);
                for (const PriceLevel &l : s->bids)
                    bids[l.price] = l.qty;
                for (const PriceLevel &l : s->asks)
                    asks[l.price] = l.qty;
                for (const DepthUpdate &u : early)
                    if (u.lastId >= s->lastUpdateId) // binance.md §5: drop what the snapshot holds
                        apply(u);
                early.clear();
                synced = true;
            } else if (const auto *u = std::get_if<DepthUpdate>(&e.payload)) {
                if (!synced) {
                    early.push_back(*u);
                    return;
                }
                while (nextSample && u->eventMs >= nextSample) { // the book as it was at each whole second
                    sample(nextSample);
                    nextSample += 1000;
                }
                if (!nextSample)
                    nextSample = (u->eventMs / 1000 + 1) * 1000;
                apply(*u);
            }
        }));
        QVERIFY2(samples.size() > 60, qPrintable(QString::number(samples.size())));
        // Every sample's bins equal the naive ones.
        for (size_t i = 0; i < samples.size(); ++i) {
            QCOMPARE(samples[i].bids.size(), naiveBids[i].size());
            QCOMPARE(samples[i].asks.size(), naiveAsks[i].size());
            for (const auto &[p, q] : samples[i].bids)
                QCOMPARE(q, naiveBids[i].at(p));
            for (const auto &[p, q] : samples[i].asks)
                QCOMPARE(q, naiveAsks[i].at(p));
        }
        // 1 s apart, each holds 1 s: the time-weighted mean is the plain average of the samples.
        const int64_t from = samples.front().timeMs, to = samples.back().timeMs + 1000;
        const HeatmapSummary h = summarizeHeatmap(samples, from, to, 5);
        QCOMPARE(h.coverage, 1.0);
        QCOMPARE(h.bids.size(), size_t(5));
        std::map<int64_t, std::pair<double, int64_t>> naive; // bid bin → (sum, max)
        for (const auto &m : naiveBids)
            for (const auto &[p, q] : m) {
                naive[p].first += double(q);
                naive[p].second = std::max(naive[p].second, q);
            }
        std::vector<std::pair<double, int64_t>> order; // (mean, bin) largest first
        for (const auto &[p, v] : naive)
            order.push_back({v.first / double(samples.size()), p});
        std::sort(order.begin(), order.end(), [](const auto &a, const auto &b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second; // ties: the lower bin first
        });
        for (size_t k = 0; k < 5; ++k) {
            QCOMPARE(h.bids[k].price, order[k].second);
            QVERIFY(std::abs(h.bids[k].meanQty - order[k].first) <= 1e-9 * order[k].first);
            QCOMPARE(h.bids[k].maxQty, naive[order[k].second].second);
        }
    }
};

QTEST_GUILESS_MAIN(TestHeatmapRecorded)
#include "test_heatmap_recorded.moc"
