// Exact local order book against a fake Binance (binance.md §5): injected gaps in the diff
// chain each trigger a resync, and after 10 k+ updates the engine's book equals a reference
// built here from the same frames; the same on a recorded session.
#include "support/LiveHarness.h"
#include "model/Time.h"
#include "support/SharedData.h"

#include <QtTest>

#include <map>

using namespace co;
using namespace co::test;

namespace {
// Plain maps: the starting book, then every diff in order (absolute quantities, 0 deletes).
struct Reference {
    std::map<int64_t, int64_t> bids, asks;
    explicit Reference(const FakeSymbolData &d)
    {
        for (const PriceLevel &l : d.initialBook.bids)
            bids[l.price] = l.qty;
        for (const PriceLevel &l : d.initialBook.asks)
            asks[l.price] = l.qty;
        for (const DepthUpdate &u : d.diffs) {
            for (const PriceLevel &l : u.bids)
                l.qty ? void(bids[l.price] = l.qty) : void(bids.erase(l.price));
            for (const PriceLevel &l : u.asks)
                l.qty ? void(asks[l.price] = l.qty) : void(asks.erase(l.price));
        }
    }
    // The whole book, or its best `top` levels a side: a REST snapshot carries 1000 levels, so
    // deeper levels are only known to a client that never resynced (binance.md §5).
    bool equals(const OrderBook &b, size_t top = SIZE_MAX) const
    {
        if (top == SIZE_MAX && (b.bids().size() != bids.size() || b.asks().size() != asks.size()))
            return false;
        const size_t nb = std::min(top, bids.size()), na = std::min(top, asks.size());
        if (b.bids().size() < nb || b.asks().size() < na)
            return false;
        return std::equal(bids.rbegin(), std::next(bids.rbegin(), long(nb)), b.bids().begin()) &&
               std::equal(asks.begin(), std::next(asks.begin(), long(na)), b.asks().begin());
    }
};

std::shared_ptr<const BookView> bookOf(LiveHarness &h, const std::string &symbol)
{
    h.engines.flush();
    const SnapshotPtr s = h.registry.snapshot(symbol);
    return s ? s->book : nullptr;
}

void run(FakeSymbolData data, const std::set<size_t> &gaps, int perTick, size_t top = SIZE_MAX)
{
    ScaledClock clock(data.diffs.front().eventMs, 50.0); // snapshots ≥ 2 s apart: 40 ms here
    FakeBinance fake(clock);
    QVERIFY(fake.listen());
    fake.addSymbol(data);
    fake.faults().droppedDiffs = gaps;
    fake.faults().snapshotLead = 3; // REST is a little ahead of the stream, as in real life
    LiveHarness h(fastOptions(fake, {QString::fromStdString(data.symbol)}), clock, data);
    h.live.start();
    QTRY_COMPARE_WITH_TIMEOUT(h.state(), BinanceStatus::State::Live, 10'000);
    fake.play(perTick, 2);
    QTRY_VERIFY_WITH_TIMEOUT(fake.finished(), 60'000);
    const int64_t lastU = data.diffs.back().lastId;
    QTRY_VERIFY_WITH_TIMEOUT(bookOf(h, data.symbol) && bookOf(h, data.symbol)->live &&
                                 bookOf(h, data.symbol)->lastUpdateId == lastU,
                             20'000);
    const auto view = bookOf(h, data.symbol);
    const Reference ref(data);
    QVERIFY2(ref.equals(view->book, top), qPrintable(QString("book %1/%2 levels, reference %3/%4")
                                                    .arg(view->book.bids().size())
                                                    .arg(view->book.asks().size())
                                                    .arg(ref.bids.size())
                                                    .arg(ref.asks.size())));
    const OrderBookSync::Stats st = h.syncStats(data.symbol);
    int depthRequests = 0;
    for (const FakeBinance::RestHit &hit : fake.restHits())
        depthRequests += hit.path == "/fapi/v1/depth";
    qInfo("%zu diffs, %zu injected gaps: %llu resyncs, %d depth snapshots, %llu diffs applied", data.diffs.size(),
          gaps.size(), qulonglong(st.resyncs), depthRequests, qulonglong(st.applied));
    QVERIFY(st.resyncs >= gaps.size());     // every break was noticed…
    QVERIFY(depthRequests >= int(gaps.size()) + 1); // …and answered by a fresh snapshot
    QVERIFY(depthRequests <= 2 * int(gaps.size()) + 3);
    QVERIFY(view->book.bestBid() < view->book.bestAsk());
}
} // namespace

class TestLiveDepth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules("co.binance.info=false"); }

    void gapsResyncAndTheBookIsExact()
    {
        FakeSymbolData d;
        d.symbol = "BTCUSDT";
        const int64_t start = daysFromCivil({2026, 3, 2}) * kMsPerDay;
        syntheticDepth(3, 12'000, start, 100, d);
        std::set<size_t> gaps;
        for (size_t i = 900; i < 11'500; i += 1000)
            gaps.insert(i);
        run(d, gaps, 60);
    }

    void recordedSessionWithGaps()
    {
        CO_REQUIRE_SHARED_FILE(a, "hftbacktest/btcusdt_20240718.gz");
        CO_REQUIRE_SHARED_FILE(b, "hftbacktest/btcusdt_20240719.gz");
        QString err;
        auto data = fakeDataFromRecording({a, b}, &err);
        QVERIFY2(data, qPrintable(err));
        data->trades.clear(); // the book only
        QVERIFY(data->diffs.size() > 9000);
        run(*data, {1500, 4000, 7000}, 60, 500);
    }
};

QTEST_MAIN(TestLiveDepth)
#include "test_live_depth.moc"
