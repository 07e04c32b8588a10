// TradeGapFiller's backfill by time: one-hour windows [t, t+1 h) walked forward until one has
// trades, stopping at the first held live trade or the exchange's now; empty windows are no gap,
// failed ones are.
#include "binance/TradeGapFiller.h"

#include <QtTest>

#include <deque>

using namespace co;

namespace {
constexpr int64_t H = 3'600'000;

// A REST side holding trades by time, answering windows [startTime, endTime] like Binance.
struct Harness {
    TradeGapFiller filler;
    std::vector<Trade> rest; // ascending ids and times
    std::deque<TradeGapFiller::PageRequest> requests;
    std::vector<int64_t> out;
    std::vector<Gap> gaps;
    int64_t now = 0;

    explicit Harness(TradeGapFiller::Options o = {}) : filler(o)
    {
        filler.onEmit = [this](std::vector<Trade> &&v) {
            for (const Trade &t : v)
                out.push_back(t.id);
        };
        filler.onRequest = [this](const TradeGapFiller::PageRequest &r) { requests.push_back(r); };
        filler.onUnfilled = [this](const Gap &g) { gaps.push_back(g); };
        filler.exchangeNow = [this] { return now; };
    }
    std::vector<Trade> page(const TradeGapFiller::PageRequest &r) const
    {
        std::vector<Trade> rows;
        for (const Trade &t : rest) {
            const bool in = r.fromId ? t.id >= *r.fromId : t.timeMs >= r.startTimeMs && t.timeMs <= r.endTimeMs;
            if (in && int(rows.size()) < r.limit)
                rows.push_back(t);
        }
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
    void run()
    {
        for (int i = 0; i < 1000 && answer(); ++i) {
        }
    }
};

Trade at(int64_t id, int64_t ms) { return Trade{id, ms, 100, 1, false, TradeSource::AggTrade}; }
} // namespace

class TestGapFillerWalk : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void emptyHoursAreWalkedWithoutAGap()
    {
        Harness h;
        for (int64_t i = 0; i < 50; ++i)
            h.rest.push_back(at(101 + i, 3 * H + 20 * 60'000 + i * 1000));
        h.now = 4 * H;
        h.filler.backfillFrom(0);
        h.run();
        QCOMPARE(h.out.size(), size_t(50));
        QCOMPARE(h.out.front(), int64_t(101));
        QVERIFY(h.gaps.empty());
        QVERIFY(!h.filler.backfilling());
    }

    void windowsAreOneHourAndAdjacent()
    {
        Harness h;
        h.rest.push_back(at(7, 5 * H + 1));
        h.now = 6 * H;
        h.filler.backfillFrom(H / 2);
        std::vector<std::pair<int64_t, int64_t>> w;
        while (!h.requests.empty() && !h.requests.front().fromId) {
            w.emplace_back(h.requests.front().startTimeMs, h.requests.front().endTimeMs);
            h.answer();
        }
        QCOMPARE(w.size(), size_t(5)); // 0:30, 1:30, 2:30, 3:30, 4:30 (holds 5:00:00.001)
        for (size_t i = 0; i < w.size(); ++i) {
            QCOMPARE(w[i].first, H / 2 + int64_t(i) * H);
            QCOMPARE(w[i].second, w[i].first + H - 1);
        }
    }

    // Nothing traded yet: the walk stops at now, asks nothing more, and the first live trade
    // resumes it from the window that reached now.
    void nothingTradedWaitsForTheFirstLiveTrade()
    {
        Harness h;
        h.now = 2 * H + 1000;
        h.filler.backfillFrom(0);
        h.run();
        QVERIFY(h.requests.empty());
        QVERIFY(!h.filler.backfilling());
        QCOMPARE(h.filler.backfillProgress(), 1.0);
        h.rest = {at(1, 2 * H + 5000), at(2, 2 * H + 6000)};
        h.filler.onLive(h.rest[1]);
        QCOMPARE(h.requests.size(), size_t(1));
        QCOMPARE(h.requests.front().startTimeMs, 2 * H);
        h.run();
        QCOMPARE(h.out, (std::vector<int64_t>{1, 2}));
        QVERIFY(h.gaps.empty());
    }

    // A failed window is a gap from its start to the first held trade; earlier empty ones are not.
    void failedWindowIsAGap()
    {
        Harness h;
        h.now = 3 * H;
        h.rest = {at(40, 2 * H + 10), at(41, 2 * H + 20)};
        h.filler.backfillFrom(0);
        h.filler.onLive(h.rest[1]);
        QVERIFY(h.answer()); // [0, 1 h) empty
        const auto r = h.requests.front();
        QCOMPARE(r.startTimeMs, H);
        h.requests.pop_front();
        h.filler.onPageFailed(r, true, "rest_failed");
        QCOMPARE(h.gaps.size(), size_t(1));
        QCOMPARE(h.gaps[0].fromMs, H);
        QCOMPARE(h.gaps[0].toMs, 2 * H + 20);
        QCOMPARE(h.out, (std::vector<int64_t>{41}));
    }

    // The window holding a live trade answers empty: REST lags; asked again, then given up as a gap.
    void restLagInTheLiveWindowIsBounded()
    {
        TradeGapFiller::Options o;
        o.maxLagRetries = 3;
        Harness h(o);
        h.now = H;
        h.filler.backfillFrom(0);
        h.filler.onLive(at(9, H / 2)); // REST never has it
        int asked = 0;
        while (h.answer())
            ++asked;
        QCOMPARE(asked, 4); // the first answer and 3 retries
        QVERIFY(h.requests.empty());
        QCOMPARE(h.out, (std::vector<int64_t>{9}));
        QCOMPARE(h.gaps.size(), size_t(1));
        QCOMPARE(h.gaps[0].reason, std::string("rest_lag"));
    }
};

QTEST_MAIN(TestGapFillerWalk)
#include "test_gapfiller_walk.moc"
