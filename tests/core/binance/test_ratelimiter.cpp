// RateLimiter (binance.md §3) on a manual clock: an hour of saturated demand never exceeds the
// per-minute limit, history stays within its budget, 429/418 pauses, the weight table.
#include "binance/RateLimiter.h"
#include "model/Time.h"

#include <QtTest>

#include <map>

using namespace co;

namespace {
const int64_t kStart = daysFromCivil({2026, 5, 1}) * kMsPerDay + 17'345; // not on a minute boundary

struct Request {
    int weight;
    RateClass cls;
    bool history;
};
} // namespace

class TestRateLimiter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void saturatedHourStaysUnderTheLimit()
    {
        ManualClock clock(kStart);
        RateLimiter lim(clock);
        // Endless demand of every kind, in priority order: snapshots, gap fills, polls, history.
        const Request mix[] = {{20, RateClass::Weight, false}, {20, RateClass::Weight, false}, {1, RateClass::Weight, false},
                               {20, RateClass::Weight, true}, {0, RateClass::FuturesData, true}};
        std::map<int64_t, int> perMinute, historyPerMinute;
        std::map<int64_t, int> futuresPerSecond;
        const int64_t end = kStart + kMsPerHour;
        int64_t sent = 0;
        while (clock.nowMs() < end) {
            // Like RestClient: the first kind (in priority order) that may go now goes.
            int64_t soonest = INT64_MAX;
            const Request *go = nullptr;
            for (const Request &r : mix) {
                const int64_t wait = lim.waitMs(r.weight, r.cls, r.history);
                if (wait == 0) {
                    go = &r;
                    break;
                }
                soonest = std::min(soonest, wait);
            }
            if (!go) {
                clock.advance(soonest);
                continue;
            }
            lim.take(go->weight, go->cls);
            const int64_t minute = floorDiv(clock.nowMs(), kMsPerMinute);
            perMinute[minute] += go->weight;
            if (go->history)
                historyPerMinute[minute] += go->weight;
            if (go->cls == RateClass::FuturesData)
                ++futuresPerSecond[floorDiv(clock.nowMs(), 1000)];
            ++sent;
            clock.advance(1); // requests take at least a millisecond
        }
        QVERIFY(sent > 1000);
        int busiest = 0, quietest = INT_MAX;
        for (const auto &[m, w] : perMinute) {
            busiest = std::max(busiest, w);
            if (m > floorDiv(kStart, kMsPerMinute) && m < floorDiv(end, kMsPerMinute))
                quietest = std::min(quietest, w);
        }
        QVERIFY2(busiest <= 2400, qPrintable(QString("busiest minute %1").arg(busiest)));
        QVERIFY(busiest <= 1920); // the client keeps 20 % for other programs on the IP
        QVERIFY2(quietest >= 1800, qPrintable(QString("quietest full minute %1: budget unused").arg(quietest)));
        for (const auto &[m, w] : perMinute)
            QVERIFY(historyPerMinute[m] <= w);
        for (const auto &[s, n] : futuresPerSecond)
            QVERIFY(n <= 3);
    }

    void historyAloneUsesHalfTheLimit()
    {
        ManualClock clock(kStart);
        RateLimiter lim(clock);
        std::map<int64_t, int> perMinute;
        while (clock.nowMs() < kStart + 10 * kMsPerMinute) {
            const int64_t wait = lim.waitMs(20, RateClass::Weight, true);
            if (wait > 0) {
                clock.advance(wait);
                continue;
            }
            lim.take(20, RateClass::Weight);
            perMinute[floorDiv(clock.nowMs(), kMsPerMinute)] += 20;
        }
        for (const auto &[m, w] : perMinute)
            QVERIFY2(w <= 1200, qPrintable(QString::number(w)));
        // A snapshot still finds room while history has used its half.
        QCOMPARE(lim.waitMs(20, RateClass::Weight, false) <= 1000, true);
    }

    void headerNearTheLimitHoldsUntilNextMinute()
    {
        ManualClock clock(daysFromCivil({2026, 5, 1}) * kMsPerDay + 10'000); // 10 s into a minute
        RateLimiter lim(clock);
        QCOMPARE(lim.waitMs(20, RateClass::Weight, false), 0);
        lim.take(20, RateClass::Weight);
        lim.onUsedWeightHeader(clock.nowMs(), 2000); // other programs on the IP used most of it
        const int64_t wait = lim.waitMs(1, RateClass::Weight, false);
        QVERIFY(wait >= 50'000 && wait <= 51'000); // next minute + ≤ 1 s jitter
        clock.advance(wait);
        QCOMPARE(lim.waitMs(1, RateClass::Weight, false), 0);
        QCOMPARE(lim.usedThisMinute(), 0);
    }

    void retryAfterAndDoubling()
    {
        ManualClock clock(kStart);
        RateLimiter lim(clock);
        lim.on429(7'000);
        int64_t w = lim.waitMs(1, RateClass::Weight, false);
        QVERIFY(w >= 7'000 && w <= 8'000);
        clock.advance(w);
        lim.on429(7'000); // a further consecutive 429 doubles the pause
        w = lim.waitMs(1, RateClass::Weight, false);
        QVERIFY(w >= 14'000 && w <= 15'000);
        clock.advance(w);
        for (int i = 0; i < 10; ++i)
            lim.on429(7'000);
        w = lim.waitMs(1, RateClass::Weight, false);
        QVERIFY(w <= 5 * kMsPerMinute + 1000); // capped at 5 min
        QVERIFY(!lim.banned());
        // Without Retry-After: the next UTC minute.
        ManualClock c2(daysFromCivil({2026, 5, 1}) * kMsPerDay + 45'000);
        RateLimiter l2(c2);
        l2.on429(std::nullopt);
        w = l2.waitMs(1, RateClass::Weight, false);
        QVERIFY(w >= 15'000 && w <= 16'000);
    }

    void banStopsEverything()
    {
        ManualClock clock(kStart);
        RateLimiter lim(clock);
        const std::string body = "{\"code\":-1003,\"msg\":\"Way too many requests; IP(1.2.3.4) banned until " +
                                  std::to_string(kStart + 90'000) + ". Please use the websocket.\"}";
        QCOMPARE(parseBannedUntil(body).value(), kStart + 90'000);
        lim.onBan(std::nullopt, parseBannedUntil(body));
        QVERIFY(lim.banned());
        QCOMPARE(lim.waitMs(0, RateClass::FuturesData, true), 90'000);
        QCOMPARE(lim.waitMs(20, RateClass::Weight, false), 90'000);
        clock.advance(90'000);
        QVERIFY(!lim.banned());
        // No Retry-After, no time in the message: 2 minutes, doubling on repeat.
        ManualClock c3(kStart);
        RateLimiter l3(c3);
        l3.onBan(std::nullopt, std::nullopt);
        QCOMPARE(l3.waitMs(1, RateClass::Weight, false), 2 * kMsPerMinute);
        c3.advance(2 * kMsPerMinute);
        l3.onBan(std::nullopt, std::nullopt);
        QCOMPARE(l3.waitMs(1, RateClass::Weight, false), 4 * kMsPerMinute);
        // Retry-After wins over the message.
        ManualClock c2(kStart);
        RateLimiter l2(c2);
        l2.onBan(3'000, parseBannedUntil(body));
        QCOMPARE(l2.waitMs(1, RateClass::Weight, false), 3'000);
    }

    void weightTable()
    {
        // binance.md §2
        QCOMPARE(restWeight("/fapi/v1/depth", 1000, true), 20);
        QCOMPARE(restWeight("/fapi/v1/depth", 500, true), 10);
        QCOMPARE(restWeight("/fapi/v1/depth", 100, true), 5);
        QCOMPARE(restWeight("/fapi/v1/depth", 20, true), 2);
        QCOMPARE(restWeight("/fapi/v1/depth", 0, true), 10); // default limit 500
        QCOMPARE(restWeight("/fapi/v1/aggTrades", 1000, true), 20);
        QCOMPARE(restWeight("/fapi/v1/exchangeInfo", 0, false), 1);
        QCOMPARE(restWeight("/fapi/v1/premiumIndex", 0, true), 1);
        QCOMPARE(restWeight("/fapi/v1/premiumIndex", 0, false), 10);
        QCOMPARE(restWeight("/fapi/v1/ticker/24hr", 0, false), 40);
        QCOMPARE(restWeight("/fapi/v1/openInterest", 0, true), 1);
        QCOMPARE(restWeight("/futures/data/openInterestHist", 500, true), 0);
        QVERIFY(restRateClass("/futures/data/openInterestHist") == RateClass::FuturesData);
        QVERIFY(!parseBannedUntil("{\"code\":-1003,\"msg\":\"Too many requests.\"}"));
    }
};

QTEST_APPLESS_MAIN(TestRateLimiter)
#include "test_ratelimiter.moc"
