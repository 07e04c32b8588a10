// The heatmap's memory (indicators/HeatmapHistory): the bin chosen for ±1 % of the mid, 1 s frames
// turned into 10 s rows with the time weighting worked out by hand, a resync not counted as
// sampled, an hour kept, frames re-binned and cut to a narrower band, and the frames summed
// directly as their samples would be.
#include "indicators/HeatmapHistory.h"

#include <QtTest>

#include <random>

using namespace co;

namespace {
constexpr int64_t U = 100'000'000; // 1.0 in 1e-8 units

OrderBook book(int64_t bidQty, int64_t askQty)
{
    OrderBook b;
    DepthSnapshot s;
    s.lastUpdateId = 1;
    s.bids = {{99 * U, bidQty * U}, {97 * U, 1 * U}};
    s.asks = {{101 * U, askQty * U}, {103 * U, 2 * U}};
    b.applySnapshot(s);
    return b;
}
} // namespace

class TestHeatmapHistory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // ±1 % of 100 = 1: one tick of 1 per bin; of 60 000 = 600 over 250 bins = 2.4 → 3 ticks; a tick
    // of 0.1 at 60 000: 6000 ticks / 250 = 24 ticks.
    void binSize()
    {
        QCOMPARE(HeatmapHistory::binSizeFor(100 * U, U), U);
        QCOMPARE(HeatmapHistory::binSizeFor(60'000 * U, U), 3 * U);
        QCOMPARE(HeatmapHistory::binSizeFor(60'000 * U, U / 10), 24 * (U / 10));
    }

    // Frames at 1 s (99: 5) and 2 s (99: 7), the book lost at 5 s, a frame at 12 s closes the
    // bucket [0, 10 s): sampled 1–2 s and 2–5 s = 4 s; 99: (5·1 + 7·3) / 4 = 6.5, max 7; 101: 4.
    // (97 and 103 are beyond ±1 % of the mid 100.)
    void tenSecondRows()
    {
        HeatmapHistory h;
        QVERIFY(!h.sample(book(5, 4), 1000, U));
        QVERIFY(!h.sample(book(7, 4), 2000, U));
        QVERIFY(!h.invalidate(5000));
        const std::optional<HeatmapRow> row = h.sample(book(7, 4), 12'000, U);
        QVERIFY(row);
        QCOMPARE(row->timeMs, int64_t(0));
        QCOMPARE(row->binSize, U);
        QCOMPARE(row->sampledMs, int64_t(4000));
        QCOMPARE(row->mid, 100 * U);
        QCOMPARE(row->bestBid, 99 * U);
        QCOMPARE(row->bids.size(), size_t(1));
        QCOMPARE(row->bids[0].price, 99 * U);
        QCOMPARE(row->bids[0].mean, 6.5f);
        QCOMPARE(row->bids[0].max, 7.f);
        QCOMPARE(row->asks.size(), size_t(1));
        QCOMPARE(row->asks[0].price, 101 * U);
        QCOMPARE(row->asks[0].mean, 4.f);
        // The next bucket [10 s, 20 s) holds the 12 s frame from 12 s: closed by a frame at 25 s.
        const std::optional<HeatmapRow> next = h.sample(book(7, 4), 25'000, U);
        QVERIFY(next);
        QCOMPARE(next->timeMs, int64_t(10'000));
        QCOMPARE(next->sampledMs, int64_t(8000));
    }

    // Two-tick bins: 99 → [98, 100), 101 → [100, 102); ±0.5 % (99.5…100.5): the bid bin reaches into
    // the band, the ask bin [101, 102) does not. A frame of 2-tick bins cannot be asked at 3.
    void rebinAndBand()
    {
        HeatmapHistory h;
        h.sample(book(5, 4), 1000, U);
        const HeatmapFrame &f = *h.frames().back();
        const auto two = frameSample(f, 2 * U, 100);
        QVERIFY(two);
        QCOMPARE(two->bids.size(), size_t(1));
        QCOMPARE(two->bids[0], (std::pair<int64_t, int64_t>{98 * U, 5 * U}));
        QCOMPARE(two->asks[0], (std::pair<int64_t, int64_t>{100 * U, 4 * U}));
        const auto narrow = frameSample(f, U, 50);
        QCOMPARE(narrow->bids.size(), size_t(1));
        QVERIFY(narrow->asks.empty());
        HeatmapFrame coarse = f;
        coarse.binSize = 2 * U;
        QVERIFY(!frameSample(coarse, 3 * U, 100));
    }

    // One frame a second for 4000 s: the last hour and the frame standing at its start are kept.
    void keepsAnHour()
    {
        HeatmapHistory h;
        const OrderBook b = book(5, 4);
        for (int64_t t = 1; t <= 4000; ++t)
            h.sample(b, t * 1000, U);
        const auto &fr = h.frames();
        QCOMPARE(fr.back()->timeMs, int64_t(4'000'000));
        QVERIFY(fr.front()->timeMs <= 4'000'000 - HeatmapHistory::kKeepMs);
        QVERIFY(fr[1]->timeMs > 4'000'000 - HeatmapHistory::kKeepMs);
        QCOMPARE(fr.size(), size_t(3601));
    }

    // summarizeFrames gives what summarizeHeatmap gives over the frames' samples, on random frames:
    // gaps longer than the hold, unsynced frames, frames on another grid, merged bins, narrow bands.
    void framesSummedAsSamples()
    {
        std::mt19937 rng(7);
        std::deque<HeatmapFramePtr> frames;
        int64_t t = 1'000'000;
        for (int i = 0; i < 400; ++i) {
            auto f = std::make_shared<HeatmapFrame>();
            t += rng() % 7 == 0 ? 65'000 : 1000; // now and then a gap beyond the 60 s hold
            f->timeMs = t;
            f->binSize = rng() % 50 == 0 ? 3 * U : 2 * U; // a few on another grid
            if (rng() % 20 != 0) { // else not synced
                f->mid = (1000 + int64_t(rng() % 21) - 10) * U;
                f->firstBidBin = (f->mid / f->binSize) * f->binSize;
                f->firstAskBin = f->firstBidBin + f->binSize;
                for (int k = 0; k < 12; ++k) {
                    f->bids.push_back(rng() % 4 == 0 ? 0.f : float(rng() % 1000) / 8.f);
                    f->asks.push_back(rng() % 4 == 0 ? 0.f : float(rng() % 1000) / 8.f);
                }
            }
            frames.push_back(f);
        }
        for (const int64_t bin : {2 * U, 4 * U, 10 * U})
            for (const int bp : {100, 3, 1})
                for (const int64_t from : {int64_t(0), t - 200'000}) {
                    std::vector<HeatmapSample> samples;
                    for (const HeatmapFramePtr &f : frames)
                        if (f->timeMs < t - 5000)
                            if (auto smp = frameSample(*f, bin, bp))
                                samples.push_back(*smp);
                    const HeatmapSummary want = summarizeHeatmap(samples, from, t - 5000, 8, HeatmapHistory::kMaxHoldMs);
                    const HeatmapSummary got = summarizeFrames(frames, from, t - 5000, bin, bp, 8);
                    QCOMPARE(got.sampledMs, want.sampledMs);
                    QCOMPARE(got.samples, want.samples);
                    QCOMPARE(got.coverage, want.coverage);
                    for (const auto &[g, w] : {std::pair{&got.bids, &want.bids}, std::pair{&got.asks, &want.asks}}) {
                        QCOMPARE(g->size(), w->size());
                        for (size_t i = 0; i < g->size(); ++i) {
                            QCOMPARE((*g)[i].price, (*w)[i].price);
                            QCOMPARE((*g)[i].meanQty, (*w)[i].meanQty);
                            QCOMPARE((*g)[i].maxQty, (*w)[i].maxQty);
                        }
                    }
                }
    }
};

QTEST_APPLESS_MAIN(TestHeatmapHistory)
#include "test_heatmap_history.moc"
