// get_funding_rate's settled history over everything stored (spec analysis.md A9): 1500 settlements
// 8 h apart written to a cache and given to an engine that holds only the newest 1100; through the
// cache's history provider a range reaching before them answers from both, each funding time once
// (the held one where both have it), with the mean computed here from the inputs. Without the cache the range says what it lacks.
#include "support/CacheFixture.h"
#include "support/Fixtures.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace co;

namespace {
constexpr qint64 kT0 = 1'723'075'200'000; // 2024-08-08 00:00 UTC
constexpr qint64 k8h = 8 * 3'600'000LL;
constexpr int kCount = 1500;
constexpr int kStale = 450; // stored with another rate than the engine holds

// Settlement i at kT0 + i·8 h: rate (i mod 7 − 3)·0.00001, mark 60000 + i.
FundingSettlement settlement(int i)
{
    FundingSettlement f;
    f.fundingTimeMs = kT0 + i * k8h;
    f.fundingRate = (i % 7 - 3) * 1000LL; // 1e-8 units
    f.markPrice = (60'000LL + i) * 100'000'000LL;
    f.intervalHours = 8;
    return f;
}
double rate(int i) { return (i % 7 - 3) * 0.00001; }

double mean(int first, int last) // settlements [first, last)
{
    double sum = 0;
    for (int i = first; i < last; ++i)
        sum += rate(i);
    return sum / (last - first);
}

bool warns(const QJsonObject &o, const QString &text)
{
    for (const QJsonValue &w : o["dataQuality"].toObject()["warnings"].toArray())
        if (w.toString().contains(text))
            return true;
    return false;
}
QJsonObject call(const Tools &t, const QJsonObject &args) { return test::callOk(t, "get_funding_rate", args); }
} // namespace

class TestFundingHistory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rangesReachTheCache()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        const SymbolInfo btc = test::btcusdt();
        QVERIFY(test::writeCache(path, btc, [](TradeWriter &w, uint32_t sym) {
            for (int i = 0; i < kCount; ++i) {
                FundingSettlement f = settlement(i);
                if (i == kStale)
                    f.fundingRate += 7; // an older poll's value: the held settlement replaces it
                w.addFunding(sym, f);
            }
        }));
        EngineRegistry registry;
        MarketEngine &e = registry.engine(btc);
        for (int i = 0; i < kCount; ++i)
            e.onFundingSettlement(settlement(i));
        registry.publishAll();
        const int held = int(Funding::kMaxSettlements); // memory: the newest 1100 (400…1499)
        QCOMPARE(int(registry.snapshot("BTCUSDT")->funding->settlements().size()), held);
        const int oldestHeld = kCount - held;

        const std::unique_ptr<Tools> tools = test::toolsWithCache(registry, path);

        // Settlements 0…599: 400 only stored, 200 both stored and held — 600, each once.
        const QJsonObject old = call(*tools, {{"symbol", "BTCUSDT"}, {"startTime", kT0}, {"endTime", kT0 + 600 * k8h},
                                             {"limit", 1000}});
        const QJsonArray rows = old["history"].toArray();
        QCOMPARE(rows.size(), 600);
        for (int i = 0; i < 600; ++i) {
            const QJsonArray row = rows[i].toArray();
            QCOMPARE(row[0].toInteger(), kT0 + i * k8h);
            QVERIFY2(std::abs(row[1].toDouble() - rate(i)) < 1e-12, qPrintable(QString::number(i)));
            QCOMPARE(row[2].toDouble(), 60'000.0 + i);
        }
        QVERIFY(std::abs(old["meanRate"].toDouble() - mean(0, 600)) <= 0.5e-8);
        QCOMPARE(old["dataQuality"].toObject()["coverage"].toDouble(), 1.0);
        QVERIFY(!warns(old, "not held in memory"));

        // limit keeps the newest of the merged range: 1000 of 0…1499 are 500…1499 (held alone).
        const QJsonObject newest = call(*tools, {{"symbol", "BTCUSDT"}, {"startTime", kT0}, {"limit", 1000}});
        QCOMPARE(newest["history"].toArray().size(), 1000);
        QCOMPARE(newest["history"].toArray().first().toArray()[0].toInteger(), kT0 + 500 * k8h);
        QVERIFY(std::abs(newest["meanRate"].toDouble() - mean(500, kCount)) <= 0.5e-8);

        // Only stored: 100…199.
        const QJsonObject stored = call(*tools, {{"symbol", "BTCUSDT"}, {"startTime", kT0 + 100 * k8h},
                                                {"endTime", kT0 + 200 * k8h}, {"limit", 1000}});
        QCOMPARE(stored["history"].toArray().size(), 100);
        QVERIFY(std::abs(stored["meanRate"].toDouble() - mean(100, 200)) <= 0.5e-8);

        // Without the cache only the held ones count, and the answer says so.
        const Tools memoryOnly(registry, {"BTCUSDT"});
        const QJsonObject mem = call(memoryOnly, {{"symbol", "BTCUSDT"}, {"startTime", kT0}, {"endTime", kT0 + 600 * k8h},
                                                  {"limit", 1000}});
        QCOMPARE(mem["history"].toArray().size(), 600 - oldestHeld);
        QVERIFY(warns(mem, "not held in memory"));
    }
};

QTEST_GUILESS_MAIN(TestFundingHistory)
#include "test_funding_history.moc"
