// The heatmap's 10 s rows in the cache (migration 0008, storage/HeatmapRecords): the bins' blob
// round trips and refuses bytes it did not write, and get_orderbook_heatmap beyond the hour in
// memory answers from the stored rows through the cache's history provider, weighted by each
// row's sampled time (worked out by hand below).
#include "cache/CacheDayHistory.h"
#include "server/Tools.h"
#include "storage/CacheReader.h"
#include "storage/HeatmapRecords.h"
#include "storage/TradeWriter.h"

#include "support/Fixtures.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace co;

namespace {
constexpr int64_t U = 100'000'000;
constexpr int64_t kT = 1'723'075'200'000; // 2024-08-08 00:00 UTC: the book's last event is kT + 1.5 s

SymbolInfo tickOne()
{
    SymbolInfo s = test::btcusdt();
    s.tickSize = U;
    return s;
}

HeatmapRow row(int64_t t, int64_t sampledMs, std::vector<HeatmapRow::Bin> bids, std::vector<HeatmapRow::Bin> asks)
{
    HeatmapRow r;
    r.timeMs = t;
    r.binSize = U;
    r.sampledMs = sampledMs;
    r.mid = 100 * U;
    r.bestBid = 99 * U;
    r.bestAsk = 101 * U;
    r.bids = std::move(bids);
    r.asks = std::move(asks);
    return r;
}
} // namespace

class TestHeatmapCache : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void binsRoundTrip()
    {
        const HeatmapRow r = row(kT, 10'000, {{99 * U, 4.5f, 5.f}, {97 * U, 0.25f, 1.f}}, {{101 * U, 2.f, 3.f}});
        HeatmapRow back;
        back.binSize = U;
        QVERIFY(decodeHeatmapBins(encodeHeatmapBins(r), back));
        QCOMPARE(back.bids.size(), size_t(2));
        QCOMPARE(back.bids[1].price, 97 * U);
        QCOMPARE(back.bids[1].mean, 0.25f);
        QCOMPARE(back.asks[0].price, 101 * U);
        QCOMPARE(back.asks[0].max, 3.f);
        QVERIFY(!decodeHeatmapBins(QByteArray("not a heatmap row"), back));
        QVERIFY(back.bids.empty());
    }

    // Rows at now − 2 h (10 s sampled: 99 mean 4 max 5, 101 mean 2 max 3), now − 2 h + 10 s (5 s:
    // 99 mean 10 max 12; 98 is [98, 99), wholly below 99 = mid − 1 %: left out) and now − 30 min
    // (10 s: 99 mean 1 max 1). 99: (4·10 + 10·5 + 1·10) / 25 = 4, max 12; 101: 2·10 / 25 = 0.8, max 3;
    // sampled 25 s of 7200 s.
    void toolBeyondTheHour()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        EngineRegistry registry;
        MarketEngine &e = registry.engine(tickOne());
        DepthSnapshot s;
        s.lastUpdateId = 1;
        s.eventMs = kT;
        s.bids = {{99 * U, 5 * U}};
        s.asks = {{101 * U, 4 * U}};
        e.onBookReset(s);
        DepthUpdate u;
        u.eventMs = kT + 500;
        u.firstId = u.lastId = 2;
        u.bids = {{99 * U, 6 * U}};
        e.onBookDiff(u);
        u.eventMs = kT + 1500;
        u.firstId = u.lastId = 3;
        e.onBookDiff(u);
        registry.publishAll();
        const int64_t now = kT + 1500;
        {
            TradeWriter w(path);
            QString error;
            QVERIFY2(w.start(&error), qPrintable(error));
            const uint32_t sym = w.symbol(tickOne());
            w.addHeatmapRow(sym, row(now - 7'200'000, 10'000, {{99 * U, 4.f, 5.f}}, {{101 * U, 2.f, 3.f}}));
            w.addHeatmapRow(sym, row(now - 7'190'000, 5'000, {{99 * U, 10.f, 12.f}, {98 * U, 1.f, 1.f}}, {}));
            w.addHeatmapRow(sym, row(now - 1'800'000, 10'000, {{99 * U, 1.f, 1.f}}, {}));
            w.addHeatmapRow(sym, row(now - 7'300'000, 10'000, {{99 * U, 50.f, 50.f}}, {})); // before the lookback
            QVERIFY(w.flush(10'000));
            w.stop();
        }
        CacheReader reader;
        QString error;
        QVERIFY2(reader.open(path, &error), qPrintable(error));
        QCOMPARE(reader.heatmapRows("BTCUSDT", now - 7'200'000, now, &error).size(), size_t(3));

        CacheDayHistory::Options h;
        h.path = path;
        const Tools tools(registry, {"BTCUSDT"}, std::make_shared<CacheDayHistory>(h));
        const auto answer = tools.call("get_orderbook_heatmap", {{"symbol", "BTCUSDT"}, {"lookbackMinutes", 120}});
        if (const ApiError *e = std::get_if<ApiError>(&answer))
            QFAIL(qPrintable(e->message));
        const QJsonObject r = std::get<ToolOutput>(answer).structured;
        QCOMPARE(r["resolution"].toString(), QString("10s"));
        QCOMPARE(r["bids"].toArray(), (QJsonArray{QJsonArray{99.0, 4.0, 12.0}}));
        QCOMPARE(r["asks"].toArray(), (QJsonArray{QJsonArray{101.0, 0.8, 3.0}}));
        QCOMPARE(r["sampledSeconds"].toDouble(), 25.0);
        QCOMPARE(r["coverage"].toDouble(), 0.0035); // 25 / 7200, 4 decimals
        // Within the hour the engine's own frames answer.
        const auto mem = tools.call("get_orderbook_heatmap", {{"symbol", "BTCUSDT"}, {"lookbackMinutes", 60}});
        QCOMPARE(std::get<ToolOutput>(mem).structured["resolution"].toString(), QString("1s"));
    }
};

QTEST_GUILESS_MAIN(TestHeatmapCache)
#include "test_heatmap_cache.moc"
