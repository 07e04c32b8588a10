// OrderBookSync (binance.md §5) on hand-made sequences and on a recorded file against a book
// rebuilt independently in the test.
#include "binance/OrderBookSync.h"
#include "pipeline/ReplaySource.h"
#include "model/OrderBook.h"
#include "support/SharedData.h"

#include <QtTest>

#include <map>

using namespace co;

namespace {
DepthUpdate diff(int64_t U, int64_t u, int64_t pu, std::vector<PriceLevel> bids = {}, std::vector<PriceLevel> asks = {})
{
    DepthUpdate d;
    d.firstId = U;
    d.lastId = u;
    d.prevLastId = pu;
    d.bids = std::move(bids);
    d.asks = std::move(asks);
    return d;
}

struct Harness {
    OrderBookSync sync;
    OrderBook book;
    int snapshotsNeeded = 0;
    Harness()
    {
        sync.onReset = [this](const DepthSnapshot &s) { book.applySnapshot(s); };
        sync.onApply = [this](const DepthUpdate &u) { book.apply(u); };
        sync.onInvalid = [this] { book.clear(); };
        sync.onSnapshotNeeded = [this] { ++snapshotsNeeded; };
    }
};
} // namespace

class TestOrderBook : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bufferThenAlign()
    {
        Harness h;
        h.sync.onDiff(diff(90, 95, 80, {{100, 1}}));           // u < lastUpdateId: dropped
        h.sync.onDiff(diff(96, 102, 95, {{101, 2}}));          // brackets 100: first applied
        h.sync.onDiff(diff(103, 105, 102, {{101, 0}, {99, 3}})); // chained
        QCOMPARE(h.sync.state(), OrderBookSync::State::Buffering);
        DepthSnapshot s;
        s.lastUpdateId = 100;
        s.bids = {{100, 5}};
        s.asks = {{110, 1}};
        h.sync.onSnapshot(s);
        QVERIFY(h.sync.live());
        QCOMPARE(h.sync.lastUpdateId(), 105);
        QCOMPARE(h.book.bids().size(), size_t(2)); // 100 (5) and 99 (3); 101 removed
        QCOMPARE(h.book.bids().at(100), 5);
        QCOMPARE(h.sync.stats().dropped, 1u);
    }
    void brokenChainResyncs()
    {
        Harness h;
        DepthSnapshot s;
        s.lastUpdateId = 10;
        h.sync.onDiff(diff(9, 12, 5));
        h.sync.onSnapshot(s);
        QVERIFY(h.sync.live());
        h.sync.onDiff(diff(13, 14, 12));
        h.sync.onDiff(diff(16, 18, 15)); // pu 15 ≠ 14
        QCOMPARE(h.sync.state(), OrderBookSync::State::Buffering);
        QCOMPARE(h.snapshotsNeeded, 1);
        QVERIFY(h.book.empty()); // invalidated: nothing published before Live again
        QCOMPARE(h.sync.stats().resyncs, 1u);
    }
    void gapAtAlignmentAsksAgain()
    {
        Harness h;
        h.sync.onDiff(diff(20, 25, 19)); // U 20 > lastUpdateId 10: updates missing
        DepthSnapshot s;
        s.lastUpdateId = 10;
        h.sync.onSnapshot(s);
        QVERIFY(!h.sync.live());
        QCOMPARE(h.snapshotsNeeded, 1);
    }
    void recordedFileMatchesReference()
    {
        CO_REQUIRE_SHARED_FILE(path, "hftbacktest/btcusdt_20240718.gz");
        std::vector<DepthUpdate> diffs;
        std::optional<DepthSnapshot> snap;
        size_t diffsBeforeSnapshot = 0;
        ReplaySource src({path.toStdString()});
        QVERIFY(src.run([&](const MarketEvent &e) {
            if (const auto *u = std::get_if<DepthUpdate>(&e.payload)) {
                diffs.push_back(*u);
                if (!snap)
                    ++diffsBeforeSnapshot;
            } else if (const auto *s = std::get_if<DepthSnapshot>(&e.payload)) {
                snap = *s;
            }
        }));
        QVERIFY(snap);
        QCOMPARE(diffsBeforeSnapshot, size_t(6)); // INDEX.md: the snapshot is on line 14, after diffs

        // Through OrderBookSync, in arrival order (snapshot after the first diffs).
        Harness h;
        size_t i = 0;
        for (; i < diffsBeforeSnapshot; ++i)
            h.sync.onDiff(diffs[i]);
        h.sync.onSnapshot(*snap);
        for (; i < diffs.size(); ++i)
            h.sync.onDiff(diffs[i]);
        QVERIFY(h.sync.live());
        QCOMPARE(h.sync.stats().resyncs, 0u);

        // Reference: plain maps, snapshot then every diff with u ≥ lastUpdateId.
        std::map<int64_t, int64_t> bids, asks;
        for (const PriceLevel &l : snap->bids)
            bids[l.price] = l.qty;
        for (const PriceLevel &l : snap->asks)
            asks[l.price] = l.qty;
        for (const DepthUpdate &u : diffs) {
            if (u.lastId < snap->lastUpdateId)
                continue;
            for (const PriceLevel &l : u.bids)
                l.qty ? void(bids[l.price] = l.qty) : void(bids.erase(l.price));
            for (const PriceLevel &l : u.asks)
                l.qty ? void(asks[l.price] = l.qty) : void(asks.erase(l.price));
        }
        QCOMPARE(h.book.bids().size(), bids.size());
        QCOMPARE(h.book.asks().size(), asks.size());
        QVERIFY(std::equal(bids.begin(), bids.end(), h.book.bids().rbegin()));
        QVERIFY(std::equal(asks.begin(), asks.end(), h.book.asks().begin()));
        QVERIFY(h.book.bestBid() < h.book.bestAsk()); // never crossed (INDEX.md)

        // Deleting one diff breaks the chain: a resync is asked for.
        Harness g;
        g.sync.onSnapshot(*snap);
        for (size_t k = 0; k < diffs.size(); ++k)
            if (k != diffsBeforeSnapshot + 100)
                g.sync.onDiff(diffs[k]);
        QVERIFY(!g.sync.live());
        QVERIFY(g.snapshotsNeeded >= 1); // the break, then buffer overflow while no snapshot comes
        QCOMPARE(g.sync.stats().applied, uint64_t(100 + 1)); // up to the missing diff
    }
};

QTEST_APPLESS_MAIN(TestOrderBook)
#include "test_orderbook.moc"
