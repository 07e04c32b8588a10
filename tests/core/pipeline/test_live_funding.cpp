// get_funding_rate's query through the fake Binance (the tool's JSON over the same query is
// test_server_funding; the server's ApiError and the REST client's clash in one test): the settled rates polled from fundingRate with the
// interval from fundingInfo (4 h here; a symbol absent from it settles every 8 h), both paced by
// their own counter and charged to the weight budget; a broken fundingInfo answer is named in the
// symbol's status and the next poll corrects the interval. Expected rates are the fake's generator
// written out again here.
#include "support/LiveHarness.h"
#include "model/Time.h"
#include "engine/FundingQuery.h"

#include <QtTest>

using namespace co;
using namespace co::test;

namespace {
// The fake's settlements (FakeBinance.h): rate (floorMod(n, 11) − 3) · 1e-5, n = t / interval.
double rateAt(int64_t t, int hours)
{
    const int64_t n = t / (hours * kMsPerHour);
    return double(((n % 11) + 11) % 11 - 3) * 1e-5;
}

FakeSymbolData symbol(const std::string &name, int hours, int64_t now)
{
    FakeSymbolData d;
    d.symbol = name;
    d.fundingIntervalHours = hours;
    d.trades = syntheticTrades(5, 100, 1'000, now - 100'000, 1000);
    return d;
}

} // namespace

class TestLiveFunding : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules("co.binance.info=false"); }

    void settledRatesThroughTheFake()
    {
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        const Clock &clock = SystemClock::instance();
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        const FakeSymbolData data = symbol("BTCUSDT", 4, now);
        fake.addSymbol(data);
        fake.skip(fake.scriptSize());
        LiveSession::Options o = fastOptions(fake, {"BTCUSDT"});
        LiveHarness h(o, clock, data);
        h.live.start();
        SnapshotPtr snap;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                h.engines.flush();
                snap = h.registry.snapshot("BTCUSDT");
                return snap && snap->funding && !snap->funding->settlements().empty();
            }(),
            15'000);
        const auto result = buildFundingRate(*snap, INT64_MIN, INT64_MAX, 1000, now);
        QVERIFY(std::holds_alternative<FundingRateResult>(result));
        const FundingRateResult &r = std::get<FundingRateResult>(result);
        QCOMPARE(r.intervalHours, 4);
        // 30 days at 4 h: the settlements from the first grid time after now − 30 d to the last
        // one before now (the poll ran within a few seconds of `now`).
        const int64_t step = 4 * kMsPerHour;
        const int64_t last = floorDiv(now, step) * step;
        const int64_t first = floorDiv(now - 30 * kMsPerDay + step - 1, step) * step;
        const std::vector<FundingSettlement> &hist = r.history;
        QCOMPARE(hist.size(), size_t((last - first) / step + 1));
        double sum = 0;
        for (size_t i = 0; i < hist.size(); ++i) {
            const int64_t t = first + int64_t(i) * step;
            QCOMPARE(hist[i].fundingTimeMs, t);
            QVERIFY2(std::abs(double(hist[i].fundingRate) / 1e8 - rateAt(t, 4)) < 1e-12, qPrintable(QString::number(i)));
            QCOMPARE(hist[i].markPrice, (50'000 + floorMod(t / step, 100)) * 100'000'000LL);
            QCOMPARE(hist[i].intervalHours, 4);
            sum += rateAt(t, 4);
        }
        QVERIFY(r.meanRate && std::abs(*r.meanRate - sum / double(hist.size())) < 1e-12);
        QCOMPARE(r.quality.coverage, 1.0);

        // Both endpoints went through the limiter: each charged (the fake counts weight 1), and the
        // funding counter spaced them at least a second apart.
        std::vector<int64_t> times;
        for (const FakeBinance::RestHit &hit : fake.restHits())
            if (hit.path == "/fapi/v1/fundingInfo" || hit.path == "/fapi/v1/fundingRate") {
                QCOMPARE(hit.weight, 1);
                QCOMPARE(hit.status, 200);
                times.push_back(hit.clockMs);
            }
        QVERIFY(times.size() >= 2);
        for (size_t i = 1; i < times.size(); ++i)
            QVERIFY2(times[i] - times[i - 1] >= 950, qPrintable(QString::number(times[i] - times[i - 1])));
    }

    // fundingInfo answers broken JSON first: the error is in the symbol's status, the rates are
    // stored with the 8 h default, and the next poll's list (4 h) replaces it.
    void brokenFundingInfoIsNamedAndCorrected()
    {
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        const Clock &clock = SystemClock::instance();
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        const FakeSymbolData data = symbol("BTCUSDT", 4, now);
        fake.addSymbol(data);
        fake.skip(fake.scriptSize());
        fake.faults().malformedFunding = 1;
        LiveSession::Options o = fastOptions(fake, {"BTCUSDT"});
        o.polls.fundingEveryMs = 2500;
        LiveHarness h(o, clock, data);
        h.live.start();
        QTRY_VERIFY_WITH_TIMEOUT(QString::fromStdString(h.symbolStatus("BTCUSDT").lastPollError.value_or("")).contains("fundingInfo"), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                h.engines.flush();
                const SnapshotPtr s = h.registry.snapshot("BTCUSDT");
                return s && s->funding && !s->funding->settlements().empty() && s->funding->intervalHours() == 4;
            }(),
            15'000);
        const SnapshotPtr s = h.registry.snapshot("BTCUSDT");
        QCOMPARE(s->funding->settlements().back().intervalHours, 4);
    }
};

QTEST_MAIN(TestLiveFunding)
#include "test_live_funding.moc"
