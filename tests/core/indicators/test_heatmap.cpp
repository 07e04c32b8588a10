// Order-book heatmap (spec analysis.md A8): binning within ±percent and the time weighting, by hand.
#include "indicators/Heatmap.h"

#include <QtTest>

using namespace co;

namespace {
HeatmapSample bid990(int64_t t, int64_t q990, int64_t q980 = 0)
{
    HeatmapSample s;
    s.timeMs = t;
    s.mid = 1000;
    s.bids.emplace_back(990, q990);
    if (q980)
        s.bids.emplace_back(980, q980);
    return s;
}
} // namespace

class TestHeatmap : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void binsWithinPercent()
    {
        // Mid (995 + 1005) / 2 = 1000; ±5 % = 950…1050; bins of 10.
        OrderBook b;
        DepthSnapshot s;
        s.bids = {{995, 2}, {991, 3}, {985, 5}, {900, 100}};
        s.asks = {{1005, 1}, {1012, 4}, {1019, 6}, {1100, 50}};
        b.applySnapshot(s);
        const HeatmapSample h = sampleBook(b, 7, 10, 500);
        QCOMPARE(h.mid, int64_t(1000));
        QCOMPARE(h.bids.size(), size_t(2)); // 990: 2 + 3, 980: 5; 900 is beyond 5 %
        QCOMPARE(h.bids[0], (std::pair<int64_t, int64_t>{990, 5}));
        QCOMPARE(h.bids[1], (std::pair<int64_t, int64_t>{980, 5}));
        QCOMPARE(h.asks.size(), size_t(2)); // 1000: 1, 1010: 4 + 6
        QCOMPARE(h.asks[1], (std::pair<int64_t, int64_t>{1010, 10}));
        QVERIFY(sampleBook(OrderBook{}, 7, 10, 500).bids.empty());
    }

    void timeWeighting()
    {
        // Samples at 0 s (990: 5), 1 s (990: 1), 2 s (990: 5, 980: 2), 10 s (990: 3); each holds
        // until the next but at most 2 s; range [0, 12 s):
        //   0–1 s 5, 1–2 s 1, 2–4 s 5 and 2, (4–10 s not sampled), 10–12 s 3 → sampled 6 s of 12.
        //   990: (5·1 + 1·1 + 5·2 + 3·2) / 6 = 22/6; 980: 2·2 / 6 = 4/6; max 5 and 2.
        const std::vector<HeatmapSample> s{bid990(0, 5), bid990(1000, 1), bid990(2000, 5, 2), bid990(10'000, 3)};
        const HeatmapSummary h = summarizeHeatmap(s, 0, 12'000, 10);
        QCOMPARE(h.sampledMs, int64_t(6000));
        QCOMPARE(h.coverage, 0.5);
        QCOMPARE(h.samples, size_t(4));
        QCOMPARE(h.bids.size(), size_t(2));
        QCOMPARE(h.bids[0].price, int64_t(990));
        QCOMPARE(h.bids[0].meanQty, 22.0 / 6);
        QCOMPARE(h.bids[0].maxQty, int64_t(5));
        QCOMPARE(h.bids[1].meanQty, 4.0 / 6);
        QCOMPARE(h.bids[1].maxQty, int64_t(2));
        QVERIFY(h.asks.empty());
        // Top 1 only; a range from 1.5 s: 1.5–2 s 1, 2–4 s 5/2, 10–12 s 3 → 990: (0.5 + 10 + 6) / 4.5.
        const HeatmapSummary part = summarizeHeatmap(s, 1500, 12'000, 1);
        QCOMPARE(part.bids.size(), size_t(1));
        QCOMPARE(part.sampledMs, int64_t(4500));
        QCOMPARE(part.bids[0].meanQty, 16.5 / 4.5);
        QCOMPARE(part.bids[0].maxQty, int64_t(5)); // 5 at 0 s is outside, 5 at 2 s inside
    }
};

QTEST_APPLESS_MAIN(TestHeatmap)
#include "test_heatmap.moc"
