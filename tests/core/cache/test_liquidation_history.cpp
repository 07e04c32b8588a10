// stream_liquidations' startTime/endTime over everything stored (spec analysis.md A9): 1500 forced
// orders written to a cache and given to an engine that holds only the newest 1000; through the
// cache's history provider a range reaches the older ones, with totals by side summed here from the
// inputs, each order counted once (held and stored). Without the cache the range says what it lacks.
#include "support/CacheFixture.h"
#include "support/Fixtures.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace co;

namespace {
constexpr qint64 kT0 = 1'723'075'200'000; // 2024-08-08 00:00 UTC
constexpr int kCount = 1500;

// Order i: a long liquidated (SELL) when i is even, else a short; qty 0.001·(1 + i mod 5) at
// 60000 + i mod 10.
Liquidation order(int i)
{
    Liquidation l;
    l.eventMs = l.tradeMs = kT0 + int64_t(i) * 1000;
    l.side = i % 2 == 0 ? Side::Sell : Side::Buy;
    l.price = l.avgPrice = (60'000 + i % 10) * 100'000'000LL;
    l.origQty = l.lastFilledQty = l.filledQty = (1 + i % 5) * 100'000LL;
    return l;
}

struct Sums {
    int64_t count = 0;
    double longNotional = 0, shortNotional = 0;
};
Sums sums(int first, int last) // orders [first, last)
{
    Sums s;
    for (int i = first; i < last; ++i) {
        const double n = 0.001 * (1 + i % 5) * (60'000 + i % 10);
        ++s.count;
        (i % 2 == 0 ? s.longNotional : s.shortNotional) += n;
    }
    return s;
}

bool near(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)); }
QJsonObject call(const Tools &t, const QJsonObject &args) { return test::callOk(t, "stream_liquidations", args); }
} // namespace

class TestLiquidationHistory : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rangesReachTheCache()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        const SymbolInfo btc = test::btcusdt();
        QVERIFY(test::writeCache(path, btc, [](TradeWriter &w, uint32_t sym) {
            for (int i = 0; i < kCount; ++i)
                w.addLiquidation(sym, order(i));
        }));
        EngineRegistry registry;
        MarketEngine &e = registry.engine(btc);
        for (int i = 0; i < kCount; ++i)
            e.onLiquidation(order(i));
        registry.publishAll();
        QCOMPARE(registry.snapshot("BTCUSDT")->liquidations->size(), size_t(1000)); // memory: the newest 1000

        const std::unique_ptr<Tools> tools = test::toolsWithCache(registry, path);
        const QJsonObject all = call(*tools, {{"symbol", "BTCUSDT"}, {"startTime", kT0}, {"endTime", qint64(kT0 + kCount * 1000LL)}, {"limit", 10}});
        const QJsonObject range = all["totals"].toObject()["range"].toObject();
        const Sums want = sums(0, kCount);
        QCOMPARE(range["count"].toInteger(), want.count);
        QVERIFY(near(range["longNotional"].toDouble(), want.longNotional));
        QVERIFY(near(range["shortNotional"].toDouble(), want.shortNotional));
        QCOMPARE(all["items"].toArray().size(), 10); // newest first: order 1499
        QCOMPARE(all["items"].toArray()[0].toArray()[0].toInteger(), kT0 + (kCount - 1) * 1000LL);
        for (const QJsonValue &w : all["dataQuality"].toObject()["warnings"].toArray())
            QVERIFY2(!w.toString().contains("only the newest"), qPrintable(w.toString()));

        // The first 300 orders: none is held any more.
        const QJsonObject old = call(*tools, {{"symbol", "BTCUSDT"}, {"startTime", kT0}, {"endTime", qint64(kT0 + 300'000)}});
        const Sums first = sums(0, 300);
        QCOMPARE(old["totals"].toObject()["range"].toObject()["count"].toInteger(), first.count);
        QVERIFY(near(old["totals"].toObject()["range"].toObject()["longNotional"].toDouble(), first.longNotional));
        QCOMPARE(old["items"].toArray().last().toArray()[0].toInteger(), kT0 + 250'000); // limit 50: orders 299…250

        // Without the cache only the held 1000 count, and the answer says so.
        const Tools memoryOnly(registry, {"BTCUSDT"});
        const QJsonObject mem = call(memoryOnly, {{"symbol", "BTCUSDT"}, {"startTime", kT0}});
        QCOMPARE(mem["totals"].toObject()["range"].toObject()["count"].toInteger(), 1000);
        bool warned = false;
        for (const QJsonValue &w : mem["dataQuality"].toObject()["warnings"].toArray())
            warned = warned || w.toString().contains("only the newest");
        QVERIFY(warned);
    }
};

QTEST_GUILESS_MAIN(TestLiquidationHistory)
#include "test_liquidation_history.moc"
