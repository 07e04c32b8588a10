// Settled funding rates in the cache (migration 0005, storage/FundingRecords): a fresh file has the
// table and its schema_version row, rows round trip exactly through TradeWriter and CacheReader, a
// re-sent settlement replaces its row instead of doubling it, ranges are [from, to). Expected
// values are the hand-made inputs.
#include "storage/CacheReader.h"
#include "storage/Database.h"
#include "storage/Sqlite.h"
#include "storage/TradeWriter.h"

#include "support/Fixtures.h"

#include <QTemporaryDir>
#include <QTest>

using namespace co;

namespace {
constexpr int64_t kHour = 3'600'000;
constexpr int64_t kT0 = 19'943LL * 86'400'000; // 2024-08-08 00:00 UTC

FundingSettlement settled(int64_t t, int64_t rate, int64_t mark, int hours)
{
    FundingSettlement f;
    f.fundingTimeMs = t;
    f.fundingRate = rate;
    f.markPrice = mark;
    f.intervalHours = hours;
    return f;
}
} // namespace

class TestFundingStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void freshFileHasTheTable()
    {
        QTemporaryDir dir;
        Database db;
        QString error;
        QVERIFY2(db.open(dir.filePath("c.sqlite"), &error), qPrintable(error));
        Statement v(db.handle(), "SELECT name FROM schema_version WHERE version = 5");
        QVERIFY(v.step());
        QCOMPARE(v.text(0), QString("0005_funding.sql"));
        Statement t(db.handle(), "SELECT count(*) FROM funding_rates");
        QVERIFY2(t.step(), qPrintable(t.error()));
        QCOMPARE(t.int64(0), 0);
    }

    void roundTripAndReplace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("c.sqlite");
        QString error;
        {
            TradeWriter w(path);
            QVERIFY2(w.start(&error), qPrintable(error));
            const uint32_t sym = w.symbol(test::btcusdt());
            w.addFunding(sym, settled(kT0, 10'000, 6'000'012'345'678, 8));            // 0.0001 at 60000.12345678
            w.addFunding(sym, settled(kT0 + 8 * kHour, -3'750'000, 0, 8));            // −0.0375, no mark
            w.addFunding(sym, settled(kT0 + 12 * kHour, 5, 6'100'000'000'000, 4));     // interval now 4 h
            w.addFunding(sym, settled(kT0 + 8 * kHour, -3'000'000, 5'000'000'000'000, 8)); // re-sent: replaces
            QVERIFY(w.flush(10'000));
            w.stop();
        }
        CacheReader r;
        QVERIFY2(r.open(path, &error), qPrintable(error));
        const std::vector<FundingSettlement> all = r.fundingRates("BTCUSDT", 0, INT64_MAX, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(all.size(), size_t(3));
        QCOMPARE(all[0].fundingTimeMs, kT0);
        QCOMPARE(all[0].fundingRate, 10'000);
        QCOMPARE(all[0].markPrice, 6'000'012'345'678);
        QCOMPARE(all[0].intervalHours, 8);
        QCOMPARE(all[1].fundingRate, -3'000'000);
        QCOMPARE(all[1].markPrice, 5'000'000'000'000);
        QCOMPARE(all[2].fundingRate, 5);
        QCOMPARE(all[2].intervalHours, 4);
        // [from, to): the 08:00 row only.
        const auto mid = r.fundingRates("BTCUSDT", kT0 + 1, kT0 + 12 * kHour, &error);
        QCOMPARE(mid.size(), size_t(1));
        QCOMPARE(mid[0].fundingTimeMs, kT0 + 8 * kHour);
        QVERIFY(r.fundingRates("ETHUSDT", 0, INT64_MAX, &error).empty());
    }
};

QTEST_GUILESS_MAIN(TestFundingStore)
#include "test_funding_store.moc"
