// TradeGapFiller (binance.md §6): in-stream holes, reconnect catch-up, REST lag, duplicates,
// backfill by start time, holes REST cannot fill, and a randomised run whose output must be the
// complete id sequence exactly once.
#include "binance/TradeGapFiller.h"

#include <QtTest>

#include <deque>
#include <set>
#include <random>

using namespace co;

namespace {
Trade mk(int64_t id) { return Trade{id, 1'000 + id, 100 + id, 1, id % 2 == 0, TradeSource::AggTrade}; }

// A REST side that knows ids [1, head] and answers the filler's requests on demand.
struct Harness {
    TradeGapFiller filler;
    std::vector<int64_t> out;
    std::deque<TradeGapFiller::PageRequest> requests;
    std::vector<Gap> unfilled;
    int64_t head = 0; // REST knows ids ≤ head
    std::set<int64_t> missingInRest;

    explicit Harness(TradeGapFiller::Options o = {}) : filler(o)
    {
        filler.onEmit = [this](std::vector<Trade> &&v) {
            for (const Trade &t : v)
                out.push_back(t.id);
        };
        filler.onRequest = [this](const TradeGapFiller::PageRequest &r) { requests.push_back(r); };
        filler.onUnfilled = [this](const Gap &g) { unfilled.push_back(g); };
    }
    std::vector<Trade> page(const TradeGapFiller::PageRequest &r) const
    {
        std::vector<Trade> rows;
        int64_t id = r.fromId ? *r.fromId : std::max<int64_t>(1, r.startTimeMs - 1'000);
        for (; id <= head && int(rows.size()) < r.limit; ++id)
            if (!missingInRest.count(id))
                rows.push_back(mk(id));
        return rows;
    }
    bool answer()
    {
        if (requests.empty())
            return false;
        const auto r = requests.front();
        requests.pop_front();
        filler.onPage(r, page(r));
        return true;
    }
    bool continuousFrom(int64_t first, int64_t last) const
    {
        if (out.size() != size_t(last - first + 1))
            return false;
        for (size_t i = 0; i < out.size(); ++i)
            if (out[i] != first + int64_t(i))
                return false;
        return true;
    }
};
} // namespace

class TestGapFiller : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void inStreamHoleIsFilledBeforeLaterTrades()
    {
        Harness h;
        h.head = 100;
        for (int64_t id : {1, 2, 3})
            h.filler.onLive(mk(id));
        QVERIFY(h.requests.empty());
        h.filler.onLive(mk(7)); // 4..6 missing
        h.filler.onLive(mk(8));
        QCOMPARE(h.out, (std::vector<int64_t>{1, 2, 3})); // 7, 8 held back
        QCOMPARE(h.requests.size(), size_t(1));
        QCOMPARE(*h.requests.front().fromId, 4);
        QVERIFY(!h.requests.front().history);
        h.head = 8;
        QVERIFY(h.answer());
        QVERIFY(h.continuousFrom(1, 8));
        QCOMPARE(h.filler.stats().gapsFilled, 1u);
        QCOMPARE(h.filler.stats().fromRest, 3u);
        QCOMPARE(h.filler.pending(), size_t(0));
        h.filler.onLive(mk(9));
        QVERIFY(h.continuousFrom(1, 9));
    }

    void duplicatesAreDropped()
    {
        Harness h;
        for (int64_t id : {10, 11, 11, 10, 12})
            h.filler.onLive(mk(id));
        QCOMPARE(h.out, (std::vector<int64_t>{10, 11, 12}));
        QCOMPARE(h.filler.stats().duplicates, 2u);
    }

    void reconnectPagesUntilRestHasNothingNewer()
    {
        Harness h;
        h.filler.resumeFrom(1000, 2000);
        QCOMPARE(*h.requests.front().fromId, 1001);
        QVERIFY(h.requests.front().history); // a start-up catch-up: background budget
        h.head = 3500;                            // 2500 trades happened while away
        QVERIFY(h.answer());                      // 1001..2000 (full page)
        QCOMPARE(*h.requests.front().fromId, 2001);
        h.filler.onLive(mk(3501));                // the stream is back meanwhile
        h.filler.onLive(mk(3502));
        QVERIFY(h.answer());                      // 2001..3000
        h.head = 3502;
        QVERIFY(h.answer());                      // 3001..3502: short page, caught up
        QVERIFY(h.requests.empty());
        QVERIFY(h.continuousFrom(1001, 3502));
        QCOMPARE(h.filler.stats().pages, 3u);
        QVERIFY(!h.filler.busy());
        QVERIFY(!h.filler.backfilling());
        h.filler.onReconnect(); // later reconnects fill at gap-fill priority
        QVERIFY(!h.requests.front().history);
    }

    void restBehindTheStreamIsAskedAgainLater()
    {
        Harness h;
        h.filler.onLive(mk(1));
        h.filler.onLive(mk(5));
        h.head = 2; // REST only knows 1..2 yet
        QVERIFY(h.answer());
        QCOMPARE(h.out, (std::vector<int64_t>{1, 2}));
        QCOMPARE(h.requests.size(), size_t(1));
        QCOMPARE(h.requests.front().delayMs, 1000); // retry after 1 s
        QCOMPARE(*h.requests.front().fromId, 3);
        h.head = 5;
        QVERIFY(h.answer());
        QVERIFY(h.continuousFrom(1, 5));
    }

    void backfillFromStartTime()
    {
        Harness h;
        h.head = 2600;
        h.filler.backfillFrom(1'000 + 1); // first trade at or after t: id 1
        QVERIFY(h.filler.backfilling());
        QCOMPARE(h.requests.front().fromId.has_value(), false);
        QVERIFY(h.requests.front().history);
        h.filler.onLive(mk(2601)); // live trades wait behind the backfill
        h.filler.onLive(mk(2602));
        QVERIFY(h.out.empty());
        QVERIFY(h.answer());
        QVERIFY(h.filler.backfillProgress() > 0.3 && h.filler.backfillProgress() < 0.5);
        QVERIFY(h.requests.front().history);
        while (h.answer()) {
        }
        QVERIFY(h.continuousFrom(1, 2602));
        QVERIFY(!h.filler.backfilling());
        QCOMPARE(h.filler.backfillProgress(), 1.0);
    }

    void holesRestCannotFillAreReported()
    {
        Harness h;
        h.head = 10;
        h.missingInRest = {5, 6};
        h.filler.onLive(mk(1));
        h.filler.onLive(mk(10));
        QVERIFY(h.answer());
        QCOMPARE(h.unfilled.size(), size_t(1));
        QCOMPARE(h.unfilled[0].fromId, 5);
        QCOMPARE(h.unfilled[0].toId, 6);
        QCOMPARE(h.out, (std::vector<int64_t>{1, 2, 3, 4, 7, 8, 9, 10}));
        QCOMPARE(h.filler.stats().idsUnfilled, 2u);
    }

    void permanentFailureGivesUpTheHoleOnly()
    {
        Harness h;
        h.filler.onLive(mk(1));
        h.filler.onLive(mk(50));
        const auto r = h.requests.front();
        h.requests.pop_front();
        h.filler.onPageFailed(r, false, "rest_failed"); // transient: asked again later
        QCOMPARE(h.requests.size(), size_t(1));
        QVERIFY(h.requests.front().delayMs > 0);
        const auto r2 = h.requests.front();
        h.requests.pop_front();
        h.filler.onPageFailed(r2, true, "rest_window"); // older than REST keeps
        QCOMPARE(h.unfilled.size(), size_t(1));
        QCOMPARE(h.unfilled[0].reason, std::string("rest_window"));
        QCOMPARE(h.unfilled[0].fromId, 2);
        QCOMPARE(h.unfilled[0].toId, 49);
        QCOMPARE(h.out, (std::vector<int64_t>{1, 50}));
        h.filler.onLive(mk(51));
        QCOMPARE(h.out.back(), 51);
    }

    // Cancel mid-way: held live trades go on, the ids not fetched are one gap, the page asked
    // before the cancel is ignored, and no history page is asked again.
    void cancelledBackfillSkipsTheRestOfTheHistory()
    {
        TradeGapFiller::Options o;
        o.pageLimit = 10;
        Harness h(o);
        h.head = 100;
        h.filler.backfillFrom(1'001);
        QVERIFY(h.answer()); // ids 1..10
        QCOMPARE(h.requests.size(), size_t(1));
        QVERIFY(h.requests.front().history);
        h.head = 103;
        for (int64_t id : {101, 102, 103})
            h.filler.onLive(mk(id));
        QVERIFY(h.filler.backfilling());
        QVERIFY(h.filler.cancelHistory());
        QVERIFY(!h.filler.backfilling());
        QVERIFY(h.filler.historyCancelled());
        QCOMPARE(h.filler.backfillProgress(), 1.0);
        QCOMPARE(h.unfilled.size(), size_t(1));
        QCOMPARE(h.unfilled[0].fromId, 11);
        QCOMPARE(h.unfilled[0].toId, 100);
        QCOMPARE(h.unfilled[0].fromMs, 1'010);
        QCOMPARE(h.unfilled[0].toMs, 1'101);
        QCOMPARE(h.unfilled[0].reason, std::string(TradeGapFiller::kCancelledReason));
        QCOMPARE(h.filler.stats().idsUnfilled, uint64_t(90));
        std::vector<int64_t> want{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 101, 102, 103};
        QCOMPARE(h.out, want);
        // The page asked before the cancel is stale: not sent, and its answer changes nothing.
        QVERIFY(h.filler.stale(h.requests.front()));
        QVERIFY(h.answer());
        QVERIFY(h.requests.empty());
        QCOMPARE(h.out, want);
        QVERIFY(!h.filler.busy());
        h.filler.onLive(mk(104));
        QCOMPARE(h.out.back(), 104);
        QVERIFY(!h.filler.cancelHistory()); // nothing running any more
        // A later reconnect catches up on live trades only (gap-fill budget, after 104).
        h.filler.onReconnect();
        QCOMPARE(h.requests.size(), size_t(1));
        QCOMPARE(*h.requests.front().fromId, 105);
        QVERIFY(!h.requests.front().history);
    }

    void cancelBeforeTheFirstPageRecordsATimeGap()
    {
        Harness h;
        h.head = 51;
        h.filler.backfillFrom(1'001);
        h.filler.onLive(mk(50));
        h.filler.onLive(mk(51));
        QVERIFY(h.out.empty());
        QVERIFY(h.filler.cancelHistory());
        QCOMPARE(h.out, (std::vector<int64_t>{50, 51}));
        QCOMPARE(h.unfilled.size(), size_t(1));
        QCOMPARE(h.unfilled[0].fromMs, 1'001);
        QCOMPARE(h.unfilled[0].toMs, 1'050);
        QCOMPARE(h.unfilled[0].fromId, 0);
        QCOMPARE(h.unfilled[0].reason, std::string(TradeGapFiller::kCancelledReason));
        QVERIFY(h.answer()); // the stale page by time
        QCOMPARE(h.out, (std::vector<int64_t>{50, 51}));
        QVERIFY(h.requests.empty());
    }

    // Cancelled before any live trade: neither a reconnect nor the first live trade asks for the
    // history again; that trade ends the recorded gap.
    void cancelWithNothingHeldEndsAtTheNextLiveTrade()
    {
        TradeGapFiller::Options o;
        o.pageLimit = 10;
        Harness h(o);
        h.head = 100;
        h.filler.backfillFrom(1'001);
        QVERIFY(h.answer());
        QVERIFY(h.filler.cancelHistory());
        QVERIFY(h.unfilled.empty());
        h.filler.onReconnect();
        h.requests.clear(); // the stale page
        h.filler.onReconnect();
        QVERIFY(h.requests.empty());
        h.filler.onLive(mk(60));
        h.filler.onLive(mk(61));
        QVERIFY(h.requests.empty());
        QCOMPARE(h.unfilled.size(), size_t(1));
        QCOMPARE(h.unfilled[0].fromId, 11);
        QCOMPARE(h.unfilled[0].toId, 59);
        QCOMPARE(h.out, (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 60, 61}));
    }

    // A live hole among the held trades is still filled after the cancel, on the gap-fill budget.
    void liveHoleAfterCancelIsStillFilled()
    {
        TradeGapFiller::Options o;
        o.pageLimit = 10;
        Harness h(o);
        h.head = 103;
        h.filler.backfillFrom(1'001);
        QVERIFY(h.answer());
        h.filler.onLive(mk(101));
        h.filler.onLive(mk(103)); // 102 never streamed
        h.requests.clear();
        QVERIFY(h.filler.cancelHistory());
        QCOMPARE(h.requests.size(), size_t(1));
        QCOMPARE(*h.requests.front().fromId, 102);
        QVERIFY(!h.requests.front().history);
        QVERIFY(h.answer());
        QCOMPARE(h.out, (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 101, 102, 103}));
        QCOMPARE(h.unfilled.size(), size_t(1));
    }

    void randomisedStreamIsRebuiltExactly()
    {
        std::mt19937 rng(42);
        for (int round = 0; round < 20; ++round) {
            TradeGapFiller::Options o;
            o.pageLimit = 1 + int(rng() % 50);
            Harness h(o);
            const int64_t total = 5000;
            h.filler.resumeFrom(0, 0);
            int64_t streamed = 0;
            while (streamed < total || !h.requests.empty()) {
                const int action = int(rng() % 10);
                if (action < 6 && streamed < total) {
                    ++streamed;
                    h.head = streamed;
                    const int fate = int(rng() % 100);
                    if (fate < 85)
                        h.filler.onLive(mk(streamed));       // delivered
                    else if (fate < 92)
                        continue;                              // lost in the stream
                    else if (fate < 96) {
                        h.filler.onLive(mk(streamed));
                        h.filler.onLive(mk(streamed));       // doubled
                    } else if (streamed > 3) {
                        h.filler.onLive(mk(streamed));
                        h.filler.onLive(mk(streamed - 3));   // an old one again
                    }
                } else if (action < 9) {
                    h.answer();
                } else {
                    h.filler.onReconnect();
                }
            }
            h.head = total;
            h.filler.onReconnect();
            while (h.answer()) {
            }
            QVERIFY2(h.continuousFrom(1, total), qPrintable(QString("round %1: %2 ids").arg(round).arg(h.out.size())));
            QVERIFY(h.unfilled.empty());
        }
    }
};

QTEST_APPLESS_MAIN(TestGapFiller)
#include "test_gapfiller.moc"
