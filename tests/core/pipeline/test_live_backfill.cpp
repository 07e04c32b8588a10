// Today's backfill against a fake Binance that answers time queries like Binance does (at most
// one hour from startTime, empty hours empty): hours without trades before the first one, a
// 35-minute halt with the app starting inside it, and a symbol listed today (started after its
// first trade and before it). An empty hour is no gap; the backfill never stalls. And a machine
// clock three hours behind the exchange's: "today" is the exchange's day, numbers unchanged.
#include "support/LiveHarness.h"
#include "model/Time.h"

#include <QtTest>

#include <mutex>

using namespace co;
using namespace co::test;

namespace {

const int64_t kDay = daysFromCivil({2026, 3, 2}) * kMsPerDay; // UTC midnight of the test day

// `n` trades from `startMs` every `everyMs`; the ones from index `haltAt` on come `haltMs` later.
FakeSymbolData tradesWithHalt(size_t n, int64_t firstId, int64_t startMs, int64_t everyMs, size_t haltAt, int64_t haltMs)
{
    FakeSymbolData d;
    d.symbol = "BTCUSDT";
    d.trades = syntheticTrades(5, n, firstId, startMs, everyMs);
    for (size_t i = haltAt; i < d.trades.size(); ++i)
        d.trades[i].timeMs += haltMs;
    return d;
}

// Releases (without streaming) every trade before `t`: what traded before start-up.
void releaseBefore(FakeBinance &fake, const FakeSymbolData &d, int64_t t)
{
    if (!d.trades.empty() && t > d.trades.front().timeMs)
        fake.skipFor(t - d.trades.front().timeMs);
}

struct Window {
    int64_t start, end;
};

std::vector<Window> timeWindows(const FakeBinance &fake)
{
    std::vector<Window> w;
    for (const FakeBinance::RestHit &h : fake.restHits())
        if (h.path == "/fapi/v1/aggTrades" && h.query.hasQueryItem("startTime"))
            w.push_back({h.query.queryItemValue("startTime").toLongLong(),
                         h.query.hasQueryItem("endTime") ? h.query.queryItemValue("endTime").toLongLong() : -1});
    return w;
}

int failedAggPages(const FakeBinance &fake)
{
    return int(std::count_if(fake.restHits().begin(), fake.restHits().end(), [](const FakeBinance::RestHit &h) {
        return h.path == "/fapi/v1/aggTrades" && h.status != 200;
    }));
}

// The ids of the engine-accepted trades are exactly [first, last], once each.
bool continuous(const std::vector<Trade> &v, int64_t first, int64_t last)
{
    if (v.size() != size_t(last - first + 1))
        return false;
    for (size_t i = 0; i < v.size(); ++i)
        if (v[i].id != first + int64_t(i))
            return false;
    return true;
}

// Runs the live pipeline from `startupMs` (clock 20× real time) with today's backfill, plays
// the rest of the script and waits until the last trade is in.
struct Run {
    std::unique_ptr<ScaledClock> clock;
    std::unique_ptr<FakeBinance> fake;
    std::unique_ptr<LiveHarness> h;
};

// `startupMs` is exchange time; the machine's clock reads `startupMs - clockBehindMs`.
bool runDay(Run &r, const FakeSymbolData &data, int64_t startupMs, double speed = 20.0, int64_t clockBehindMs = 0,
            int64_t timeSyncEveryMs = 600'000)
{
    r.clock = std::make_unique<ScaledClock>(startupMs - clockBehindMs, speed);
    r.fake = std::make_unique<FakeBinance>(*r.clock);
    r.fake->faults().clockOffsetMs = clockBehindMs;
    if (!r.fake->listen())
        return false;
    r.fake->addSymbol(data);
    releaseBefore(*r.fake, data, startupMs);
    LiveSession::Options o = fastOptions(*r.fake, {"BTCUSDT"});
    o.backfillToday = true;
    o.timeSyncEveryMs = timeSyncEveryMs;
    r.h = std::make_unique<LiveHarness>(o, *r.clock, data);
    r.h->live.start();
    return true;
}

std::mutex logMutex;
QStringList warnings;
QtMessageHandler previousHandler = nullptr;
void captureWarnings(QtMsgType type, const QMessageLogContext &ctx, const QString &msg)
{
    if (type == QtWarningMsg) {
        std::lock_guard lock(logMutex);
        warnings << msg;
    }
    previousHandler(type, ctx, msg);
}

} // namespace

class TestLiveBackfill : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules("co.binance.info=false"); }

    // First trade of the day at 03:20: hours 00-02 are empty windows, 03 has trades; a 35-minute
    // halt at 03:26:40 is crossed by id. Nothing is recorded as a gap.
    void emptyFirstHoursAndAHalt()
    {
        const FakeSymbolData data = tradesWithHalt(6000, 7'000'000, kDay + 3 * kMsPerHour + 20 * kMsPerMinute, 200, 2000,
                                                   35 * kMsPerMinute);
        Run r;
        QVERIFY(runDay(r, data, data.trades[5000].timeMs));
        QTRY_COMPARE_WITH_TIMEOUT(r.h->state(), BinanceStatus::State::Live, 10'000);
        r.fake->play(50, 5);
        QTRY_VERIFY_WITH_TIMEOUT(r.fake->finished(), 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(r.h->log.count(), data.trades.size(), 20'000);
        QVERIFY(continuous(r.h->log.trades(), data.trades.front().id, data.trades.back().id));

        // Windows [t, t+1 h) from midnight, both bounds sent, until the first with trades.
        const std::vector<Window> w = timeWindows(*r.fake);
        QCOMPARE(w.size(), size_t(4));
        for (size_t i = 0; i < w.size(); ++i) {
            QCOMPARE(w[i].start, kDay + int64_t(i) * kMsPerHour);
            QCOMPARE(w[i].end, w[i].start + kMsPerHour - 1);
        }
        QCOMPARE(failedAggPages(*r.fake), 0);
        QTRY_COMPARE_WITH_TIMEOUT(r.h->symbolStatus("BTCUSDT").backfill.active,
                                  false, 5'000);
        const SymbolFeedStatus st = r.h->symbolStatus("BTCUSDT");
        QCOMPARE(st.gapsUnfilled, 0);
        QCOMPARE(st.pendingTrades, 0);
        QCOMPARE(st.backfill.progress, 1.0);
        r.h->engines.flush();
        const SnapshotPtr s = r.h->registry.snapshot("BTCUSDT");
        QVERIFY(s);
        QVERIFY(s->quality.gaps.empty());
    }

    // Trading since the previous day, halted 00:50-01:25; the app starts at 01:10, inside the
    // halt: history up to the halt comes from REST, the first live trade follows it, no gap.
    void startedInsideA35MinuteHalt()
    {
        const int64_t from = kDay - 10 * kMsPerMinute;
        const size_t haltAt = size_t((60 * kMsPerMinute) / 500); // 00:50
        const FakeSymbolData data = tradesWithHalt(haltAt + 600, 9'000'000, from, 500, haltAt, 35 * kMsPerMinute);
        Run r;
        QVERIFY(runDay(r, data, kDay + 70 * kMsPerMinute));
        QTRY_COMPARE_WITH_TIMEOUT(r.h->state(), BinanceStatus::State::Live, 10'000);
        // Today's trades (T ≥ midnight) before the halt, all from REST, while nothing streams.
        const auto firstToday = std::find_if(data.trades.begin(), data.trades.end(),
                                             [](const Trade &t) { return t.timeMs >= kDay; });
        const int64_t firstId = firstToday->id, lastBefore = data.trades[haltAt - 1].id;
        QTRY_COMPARE_WITH_TIMEOUT(r.h->log.lastId(), lastBefore, 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(r.h->symbolStatus("BTCUSDT").backfill.active,
                                  false, 5'000);
        r.fake->play(50, 5);
        QTRY_VERIFY_WITH_TIMEOUT(r.fake->finished(), 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(r.h->log.lastId(), data.trades.back().id, 20'000);
        QVERIFY(continuous(r.h->log.trades(), firstId, data.trades.back().id));
        const std::vector<Window> w = timeWindows(*r.fake);
        QCOMPARE(w.size(), size_t(1));
        QCOMPARE(w[0].start, kDay);
        QCOMPARE(failedAggPages(*r.fake), 0);
        QCOMPARE(r.h->symbolStatus("BTCUSDT").gapsUnfilled, int64_t(0));
        r.h->engines.flush();
        QVERIFY(r.h->registry.snapshot("BTCUSDT")->quality.gaps.empty());
    }

    // Listed today: its first trade (id 1) at 06:00; the app starts at 06:10. Six empty hours.
    void listedTodayStartedAfterItsFirstTrade()
    {
        const FakeSymbolData data = tradesWithHalt(8000, 1, kDay + 6 * kMsPerHour, 100, 8000, 0);
        Run r;
        QVERIFY(runDay(r, data, kDay + 6 * kMsPerHour + 10 * kMsPerMinute));
        QTRY_COMPARE_WITH_TIMEOUT(r.h->state(), BinanceStatus::State::Live, 10'000);
        r.fake->play(50, 5);
        QTRY_VERIFY_WITH_TIMEOUT(r.fake->finished(), 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(r.h->log.count(), data.trades.size(), 20'000);
        QVERIFY(continuous(r.h->log.trades(), 1, data.trades.back().id));
        const std::vector<Window> w = timeWindows(*r.fake);
        QCOMPARE(w.size(), size_t(7));
        QCOMPARE(w.back().start, kDay + 6 * kMsPerHour);
        QCOMPARE(failedAggPages(*r.fake), 0);
        QCOMPARE(r.h->symbolStatus("BTCUSDT").gapsUnfilled, int64_t(0));
    }

    // Listed today, the app starts 3 s before the first trade: the walk reaches now with nothing
    // traded and waits; the first live trade resumes it and ids start at 1 with no gap.
    void listedTodayStartedBeforeItsFirstTrade()
    {
        const int64_t listing = kDay + 6 * kMsPerHour;
        const FakeSymbolData data = tradesWithHalt(3000, 1, listing, 100, 3000, 0);
        Run r;
        QVERIFY(runDay(r, data, listing - 3'000, 1.0));
        QTRY_COMPARE_WITH_TIMEOUT(r.h->state(), BinanceStatus::State::Live, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(timeWindows(*r.fake).size(), size_t(6), 10'000); // 00:00 … 05:00
        QTest::qWait(300);
        QCOMPARE(timeWindows(*r.fake).size(), size_t(6)); // waiting, not polling
        QCOMPARE(r.h->symbolStatus("BTCUSDT").backfill.active, false);
        r.fake->play(20, 5);
        QTRY_VERIFY_WITH_TIMEOUT(r.fake->finished(), 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(r.h->log.count(), data.trades.size(), 20'000);
        QVERIFY(continuous(r.h->log.trades(), 1, data.trades.back().id));
        for (const Window &x : timeWindows(*r.fake)) {
            QCOMPARE(x.end - x.start, kMsPerHour - 1);
            QVERIFY(x.start <= listing);
        }
        QCOMPARE(failedAggPages(*r.fake), 0);
        QCOMPARE(r.h->symbolStatus("BTCUSDT").gapsUnfilled, int64_t(0));
        r.h->engines.flush();
        QVERIFY(r.h->registry.snapshot("BTCUSDT")->quality.gaps.empty());
    }

    // The machine's clock reads 22:29:43 of the previous day while the exchange is at 01:30: the
    // backfill starts at the exchange's midnight, the engine's day is the exchange's day, the
    // offset is measured again (every minute here), and a warning names it.
    void localClockHoursOffUsesTheExchangesDay()
    {
        const int64_t behind = 3 * kMsPerHour + 17'000;
        const FakeSymbolData data = tradesWithHalt(7800, 3'000'000, kDay - 30 * kMsPerMinute, 1000, 7800, 0);
        {
            std::lock_guard lock(logMutex);
            warnings.clear();
        }
        previousHandler = qInstallMessageHandler(captureWarnings);
        Run r;
        QVERIFY(runDay(r, data, kDay + 90 * kMsPerMinute, 20.0, behind, 60'000));
        QTRY_COMPARE_WITH_TIMEOUT(r.h->state(), BinanceStatus::State::Live, 10'000);
        r.fake->play(20, 5);
        QTRY_VERIFY_WITH_TIMEOUT(r.fake->finished(), 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(r.h->log.lastId(), data.trades.back().id, 20'000);
        // Two more measurements (a clock minute is 3 s here).
        auto timeHits = [&r] {
            return std::count_if(r.fake->restHits().begin(), r.fake->restHits().end(),
                                 [](const FakeBinance::RestHit &h) { return h.path == "/fapi/v1/time"; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(timeHits() >= 3, 15'000);
        qInstallMessageHandler(previousHandler);

        // Today's trades are those at or after the exchange's midnight, counted here.
        int64_t want = 0, volume = 0, firstMs = -1;
        for (const Trade &t : data.trades)
            if (t.timeMs >= kDay) {
                if (firstMs < 0)
                    firstMs = t.timeMs;
                ++want;
                volume += t.qty;
            }
        const std::vector<Window> w = timeWindows(*r.fake);
        QVERIFY(!w.empty());
        QCOMPARE(w.front().start, kDay);
        r.h->engines.flush();
        const SnapshotPtr s = r.h->registry.snapshot("BTCUSDT");
        QVERIFY(s && s->today);
        QCOMPARE(s->today->totals.trades, want);
        QCOMPARE(s->today->totals.volume(), volume);
        QCOMPARE(s->today->totals.firstMs, firstMs);
        QVERIFY(s->quality.gaps.empty());
        // The openInterestHist range is the exchange's last 30 days: the fake accepts it.
        for (const FakeBinance::RestHit &h : r.fake->restHits())
            QVERIFY2(h.status == 200, qPrintable(h.path + " answered " + QString::number(h.status)));

        const ExchangeClockStatus clock = r.h->binance().exchangeClock;
        QVERIFY(clock.measured);
        QVERIFY2(std::llabs(clock.offsetMs - behind) < 2'000, qPrintable(QString::number(clock.offsetMs)));
        std::lock_guard lock(logMutex);
        const QStringList hits = warnings.filter("local clock is 3.00 h behind");
        QCOMPARE(hits.size(), 1); // once, not at every measurement
        QVERIFY2(hits[0].contains("offset +108"), qPrintable(hits[0]));
    }
};

QTEST_MAIN(TestLiveBackfill)
#include "test_live_backfill.moc"
