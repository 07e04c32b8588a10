// RestClient against a fake Binance (binance.md §3): full demand stays under the weight limit
// (the fake counts weight per minute itself), priorities and ≤ 2 in flight, Retry-After is
// obeyed, a 418 halts all REST until the ban ends, the used-weight header holds requests, slow
// answers time out with a bounded number of retries.
#include "binance/RestClient.h"
#include "model/Time.h"
#include "support/FakeBinance.h"

#include <QtTest>

using namespace co;
using namespace co::test;

namespace {
FakeSymbolData symbol()
{
    FakeSymbolData d;
    d.symbol = "BTCUSDT";
    d.trades = syntheticTrades(5, 5000, 1, daysFromCivil({2026, 3, 2}) * kMsPerDay, 10);
    syntheticDepth(5, 10, d.trades.front().timeMs, 100, d);
    return d;
}

QUrlQuery q(std::initializer_list<std::pair<QString, QString>> items)
{
    QUrlQuery u;
    for (const auto &[k, v] : items)
        u.addQueryItem(k, v);
    return u;
}
} // namespace

class TestLiveRest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules("co.binance.warning=false"); }

    void fullDemandStaysUnderTheLimit()
    {
        // 120× time: a minute of weight passes in half a second.
        ScaledClock clock(daysFromCivil({2026, 3, 2}) * kMsPerDay + 7'000, 120.0);
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        fake.addSymbol(symbol());
        fake.skip(fake.scriptSize());
        fake.faults().restDelayMs = 1; // requests overlap, so the in-flight cap shows
        // A quarter of the real limit, so that the cap binds within what localhost can carry.
        fake.faults().weightLimit = 600;
        RestClient::Options o;
        o.limits.limitPerMinute = 600;
        RestClient rest(QUrl(fake.restUrl()), clock, o);
        int done = 0, ok = 0;
        auto cb = [&](const RestReply &r) {
            ++done;
            ok += r.ok;
        };
        // All queued at once: history first in time, gap fills next, snapshots last.
        for (int i = 0; i < 50; ++i)
            rest.get("/fapi/v1/aggTrades", q({{"symbol", "BTCUSDT"}, {"fromId", QString::number(3000 + i)}, {"limit", "1000"}}),
                     RestPriority::History, cb);
        for (int i = 0; i < 100; ++i)
            rest.get("/fapi/v1/aggTrades", q({{"symbol", "BTCUSDT"}, {"fromId", QString::number(1 + i)}, {"limit", "1000"}}),
                     RestPriority::GapFill, cb);
        for (int i = 0; i < 60; ++i) // identical snapshot requests share one answer while queued
            rest.get("/fapi/v1/depth", q({{"symbol", "BTCUSDT"}, {"limit", i % 2 ? "1000" : "500"}}), RestPriority::Snapshot, cb);
        QTRY_COMPARE_WITH_TIMEOUT(done, 210, 60'000);
        QCOMPARE(ok, 210);
        QVERIFY(rest.stats().coalesced >= 58);
        // 80 % of the limit at most, and the cap did bind (the demand was 6 minutes' worth).
        QVERIFY2(fake.maxWeightInAMinute() <= 480, qPrintable(QString::number(fake.maxWeightInAMinute())));
        QVERIFY2(fake.maxWeightInAMinute() >= 400, qPrintable(QString::number(fake.maxWeightInAMinute())));
        QVERIFY(fake.maxConcurrentRequests() <= 2);
        std::map<int64_t, int> history;
        int lastSnapshot = -1, lastGapFill = -1;
        for (int i = 0; i < int(fake.restHits().size()); ++i) {
            const FakeBinance::RestHit &h = fake.restHits()[size_t(i)];
            QVERIFY(h.status == 200); // never a 429
            const bool hist = h.path == "/fapi/v1/aggTrades" && h.query.queryItemValue("fromId").toInt() >= 3000;
            if (h.path == "/fapi/v1/depth")
                lastSnapshot = i;
            else if (!hist)
                lastGapFill = i;
            if (hist)
                history[floorDiv(h.clockMs, kMsPerMinute)] += h.weight;
        }
        // Only the two history requests sent before anything else was queued overtook.
        int gapFillsBeforeSnapshot = 0, historyBeforeGapFill = 0;
        for (int i = 0; i < int(fake.restHits().size()); ++i) {
            const FakeBinance::RestHit &h = fake.restHits()[size_t(i)];
            const bool hist = h.path == "/fapi/v1/aggTrades" && h.query.queryItemValue("fromId").toInt() >= 3000;
            gapFillsBeforeSnapshot += i < lastSnapshot && h.path == "/fapi/v1/aggTrades" && !hist;
            historyBeforeGapFill += i < lastGapFill && hist;
        }
        QCOMPARE(gapFillsBeforeSnapshot, 0);
        QCOMPARE(historyBeforeGapFill, 2);
        for (const auto &[m, w] : history)
            QVERIFY2(w <= 300, qPrintable(QString::number(w))); // history: half the limit
        qInfo("%d requests, %llu weight, busiest minute %d", int(fake.restHits().size()),
              qulonglong(rest.stats().weightCharged), fake.maxWeightInAMinute());
    }

    void retryAfterIsObeyed()
    {
        FakeBinance fake;
        QVERIFY(fake.listen());
        fake.faults().rest429 = 1;
        fake.faults().retryAfterSec = 1;
        RestClient rest(QUrl(fake.restUrl()), SystemClock::instance());
        int done = 0;
        rest.get("/fapi/v1/time", {}, RestPriority::Poll, [&](const RestReply &r) { done += r.ok; });
        QTRY_COMPARE(fake.restHits().size(), size_t(1));
        QCOMPARE(fake.restHits()[0].status, 429);
        rest.get("/fapi/v1/exchangeInfo", {}, RestPriority::Poll, [&](const RestReply &r) { done += r.ok; });
        QTest::qWait(800);
        QCOMPARE(fake.restHits().size(), size_t(1)); // nothing during the pause
        QTRY_COMPARE_WITH_TIMEOUT(done, 2, 5000);
        QVERIFY(fake.restHits()[1].clockMs - fake.restHits()[0].clockMs >= 1000);
        QCOMPARE(rest.limiter().count429(), 1u);
    }

    void banHaltsAllRest()
    {
        FakeBinance fake;
        QVERIFY(fake.listen());
        fake.faults().rest418 = 1;
        fake.faults().banMs = 1500; // "banned until now + 1.5 s", no Retry-After
        RestClient rest(QUrl(fake.restUrl()), SystemClock::instance());
        int done = 0;
        rest.get("/fapi/v1/time", {}, RestPriority::Poll, [&](const RestReply &r) { done += r.ok; });
        QTRY_COMPARE(fake.restHits().size(), size_t(1));
        QCOMPARE(fake.restHits()[0].status, 418);
        QCOMPARE(rest.status().state, RestStatus::State::Banned);
        for (const char *p : {"/fapi/v1/exchangeInfo", "/fapi/v1/openInterest", "/fapi/v1/premiumIndex"})
            rest.get(p, q({{"symbol", "BTCUSDT"}}), RestPriority::Snapshot, [&](const RestReply &) { ++done; });
        QTest::qWait(1200);
        QCOMPARE(fake.requestsReceived(), 1); // not one request while banned
        QTRY_COMPARE_WITH_TIMEOUT(done, 4, 5000);
        for (size_t i = 1; i < fake.restHits().size(); ++i)
            QVERIFY(fake.restHits()[i].clockMs >= fake.restHits()[0].clockMs + 1500);
        QCOMPARE(rest.status().state, RestStatus::State::Ok);
    }

    void usedWeightHeaderHoldsUntilTheNextMinute()
    {
        ScaledClock clock(daysFromCivil({2026, 3, 2}) * kMsPerDay + 5'000, 60.0);
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        fake.faults().externalWeight = 1950; // other programs on the IP used most of the minute
        RestClient rest(QUrl(fake.restUrl()), clock);
        int done = 0;
        for (int i = 0; i < 3; ++i)
            rest.get("/fapi/v1/time", q({{"n", QString::number(i)}}), RestPriority::Poll, [&](const RestReply &) { ++done; });
        QTRY_COMPARE_WITH_TIMEOUT(done, 3, 10'000);
        const auto &h = fake.restHits();
        QCOMPARE(h.size(), size_t(3));
        // The first two went together (two in flight); after the header said 1951, the next waited.
        QVERIFY(floorDiv(h[2].clockMs, kMsPerMinute) > floorDiv(h[0].clockMs, kMsPerMinute));
    }

    void slowAnswersTimeOutWithBoundedRetries()
    {
        FakeBinance fake;
        QVERIFY(fake.listen());
        fake.faults().restDelayMs = 600;
        RestClient::Options o;
        o.timeoutMs = 100;
        o.maxAttempts = 3;
        o.retryInitialMs = 20;
        RestClient rest(QUrl(fake.restUrl()), SystemClock::instance(), o);
        RestReply got;
        bool done = false;
        rest.get("/fapi/v1/time", {}, RestPriority::Poll, [&](const RestReply &r) {
            got = r;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
        QVERIFY(!got.ok);
        QCOMPARE(got.httpStatus, 0);
        QVERIFY(!got.error.isEmpty());
        QTest::qWait(300);
        QCOMPARE(fake.requestsReceived(), 3); // three attempts, then it gave up: no storm
        QCOMPARE(rest.stats().failed, 1u);
    }
};

QTEST_MAIN(TestLiveRest)
#include "test_live_rest.moc"
