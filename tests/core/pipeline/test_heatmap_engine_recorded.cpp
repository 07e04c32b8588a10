// The engine's heatmap frames and 10 s rows (spec analysis.md A8) against a naive recomputation:
// hftbacktest/btcusdt_20240718.gz + _20240719.gz (one stream, 8 minutes, one REST snapshot) go
// through MarketFeed (OrderBookSync → MarketEngine) as the app feeds them; beside it this test
// keeps its own book (plain maps), synced by Binance's rules (buffer diffs, drop u < lastUpdateId,
// the first applied has U ≤ lastUpdateId ≤ u, then each pu = the previous u), samples it at the
// end of each second of exchange time (when the first diff of a later second arrives), bins it
// within ±1 % of the mid, and builds each 10 s row as the time-weighted mean and the maximum per
// bin. Every frame and row is compared field by field. Skips without the shared recordings.
#include "engine/EngineObserver.h"
#include "pipeline/MarketFeed.h"
#include "pipeline/ReplaySource.h"
#include "support/SharedData.h"

#include <QtTest>

#include <map>

using namespace co;

namespace {
constexpr int64_t kTick = 10'000'000; // 0.10 USDT in 1e-8 units
constexpr int64_t kRowMs = 10'000, kMaxHoldMs = 60'000;

struct NaiveFrame {
    int64_t timeMs = 0, mid = 0, bestBid = 0, bestAsk = 0, firstBidBin = 0, firstAskBin = 0;
    std::map<int64_t, int64_t> bids, asks; // bin's lowest price → summed qty (1e-8 units)
};

struct Rows : EngineObserver {
    std::vector<HeatmapRow> rows;
    void heatmapRow(const SymbolInfo &, const HeatmapRow &r) override { rows.push_back(r); }
};

int64_t floorTo(int64_t v, int64_t step) { return v / step * step; } // prices are positive
float units(int64_t q) { return float(double(q) / 1e8); }
bool near(double got, double want) { return std::abs(got - want) <= 1e-6 * std::abs(want) + 1e-12; }
} // namespace

class TestHeatmapEngineRecorded : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void framesAndRowsMatchNaiveBook()
    {
        CO_REQUIRE_SHARED_FILE(day1, "hftbacktest/btcusdt_20240718.gz");
        CO_REQUIRE_SHARED_FILE(day2, "hftbacktest/btcusdt_20240719.gz");

        // The engine, fed as the app feeds it.
        EngineRegistry registry;
        MarketFeed feed(registry);
        SymbolInfo info;
        info.name = "BTCUSDT";
        info.tickSize = kTick;
        info.stepSize = 100'000;
        feed.setSymbolInfo(info);
        Rows rows;
        feed.onEngineCreated([&rows](MarketEngine &e) { e.addObserver(&rows); });

        // The naive book and its frames.
        std::map<int64_t, int64_t, std::greater<>> bids;
        std::map<int64_t, int64_t> asks;
        std::vector<DepthUpdate> buffered;
        int64_t lastUpdateId = -1, prevU = 0, next = 0, bin = 0;
        QString broken;
        std::vector<NaiveFrame> frames;
        auto frameAt = [&](int64_t t) {
            NaiveFrame f;
            f.timeMs = t;
            if (bids.empty() || asks.empty() || bids.begin()->first >= asks.begin()->first)
                return f;
            f.bestBid = bids.begin()->first;
            f.bestAsk = asks.begin()->first;
            f.mid = (f.bestBid + f.bestAsk) / 2;
            // The bin: the least tick multiple with ±1 % of the first mid in at most 250 bins.
            if (bin == 0) {
                const int64_t onePercent = f.mid / 100;
                bin = (onePercent + 250 * kTick - 1) / (250 * kTick) * kTick;
            }
            for (const auto &[p, q] : bids)
                if (__int128(p) * 10'000 >= __int128(f.mid) * 9'900)
                    f.bids[floorTo(p, bin)] += q;
            for (const auto &[p, q] : asks)
                if (__int128(p) * 10'000 <= __int128(f.mid) * 10'100)
                    f.asks[floorTo(p, bin)] += q;
            f.firstBidBin = floorTo(f.bestBid, bin);
            f.firstAskBin = floorTo(f.bestAsk, bin);
            return f;
        };
        auto onDiff = [&](const DepthUpdate &u) {
            if (lastUpdateId < 0) {
                buffered.push_back(u);
                return;
            }
            if (prevU == 0) {
                if (u.lastId < lastUpdateId)
                    return; // the snapshot already holds it
                if (!(u.firstId <= lastUpdateId && lastUpdateId <= u.lastId))
                    broken = QStringLiteral("first diff U %1 u %2 does not bracket %3").arg(u.firstId).arg(u.lastId).arg(lastUpdateId);
            } else if (u.prevLastId != prevU) {
                broken = QStringLiteral("pu %1 != previous u %2").arg(u.prevLastId).arg(prevU);
            }
            prevU = u.lastId;
            // The book as it stood at the end of the second, once a later second's diff arrives.
            if (next == 0) {
                next = (u.eventMs / 1000 + 1) * 1000;
            } else if (u.eventMs >= next) {
                frames.push_back(frameAt(next));
                next = (u.eventMs / 1000 + 1) * 1000;
            }
            for (const PriceLevel &l : u.bids)
                l.qty ? void(bids[l.price] = l.qty) : void(bids.erase(l.price));
            for (const PriceLevel &l : u.asks)
                l.qty ? void(asks[l.price] = l.qty) : void(asks.erase(l.price));
        };

        ReplaySource src({day1.toStdString(), day2.toStdString()});
        QVERIFY(src.run([&](const MarketEvent &e) {
            feed.apply(e);
            if (const auto *s = std::get_if<DepthSnapshot>(&e.payload)) {
                for (const PriceLevel &l : s->bids)
                    bids[l.price] = l.qty;
                for (const PriceLevel &l : s->asks)
                    asks[l.price] = l.qty;
                lastUpdateId = s->lastUpdateId;
                for (const DepthUpdate &u : std::exchange(buffered, {}))
                    onDiff(u);
            } else if (const auto *u = std::get_if<DepthUpdate>(&e.payload)) {
                onDiff(*u);
            }
        }));
        QVERIFY2(broken.isEmpty(), qPrintable(broken));
        QVERIFY2(frames.size() > 400, qPrintable(QString::number(frames.size()))); // 8 minutes
        QCOMPARE(bin, 26 * kTick); // 1 % of ~63 950 USDT = 639.5 → 26 ticks of 0.10 keep it within 250 bins

        registry.publishAll();
        const SnapshotPtr snap = registry.snapshot("BTCUSDT");
        QVERIFY(snap && snap->heatmap);
        const auto &got = snap->heatmap->frames();
        QCOMPARE(got.size(), frames.size());
        for (size_t i = 0; i < frames.size(); ++i) {
            const HeatmapFrame &g = *got[i];
            const NaiveFrame &w = frames[i];
            const QByteArray at = QByteArray::number(qint64(w.timeMs));
            QCOMPARE(g.timeMs, w.timeMs);
            QVERIFY2(g.mid == w.mid && g.bestBid == w.bestBid && g.bestAsk == w.bestAsk, at);
            QCOMPARE(g.binSize, bin);
            QVERIFY2(g.firstBidBin == w.firstBidBin && g.firstAskBin == w.firstAskBin, at);
            // Dense from the best bin: index i is firstBidBin − i·bin (bids), firstAskBin + i·bin (asks).
            std::map<int64_t, int64_t> gb, ga;
            for (size_t k = 0; k < g.bids.size(); ++k)
                if (g.bids[k] > 0)
                    gb[g.firstBidBin - int64_t(k) * bin] = 0;
            for (size_t k = 0; k < g.asks.size(); ++k)
                if (g.asks[k] > 0)
                    ga[g.firstAskBin + int64_t(k) * bin] = 0;
            QVERIFY2(gb.size() == w.bids.size() && ga.size() == w.asks.size(), at);
            for (const auto &[p, q] : w.bids)
                QVERIFY2(g.bids.at(size_t((g.firstBidBin - p) / bin)) == units(q), at);
            for (const auto &[p, q] : w.asks)
                QVERIFY2(g.asks.at(size_t((p - g.firstAskBin) / bin)) == units(q), at);
        }

        // Rows: every 10 s bucket before the newest frame's; each frame holds until the next one
        // (at most a minute), clipped to the bucket; mean = Σ qty·held / Σ held, max over the frames held.
        std::vector<HeatmapRow> want;
        const int64_t firstBucket = floorTo(frames.front().timeMs, kRowMs), lastBucket = floorTo(frames.back().timeMs, kRowMs);
        for (int64_t b = firstBucket; b < lastBucket; b += kRowMs) {
            HeatmapRow r;
            r.timeMs = b;
            r.binSize = bin;
            std::map<int64_t, std::pair<double, int64_t>> sb, sa; // bin → (Σ qty·ms, max)
            for (size_t i = 0; i + 1 < frames.size(); ++i) {
                const NaiveFrame &f = frames[i];
                const int64_t from = std::max(f.timeMs, b);
                const int64_t to = std::min({frames[i + 1].timeMs, f.timeMs + kMaxHoldMs, b + kRowMs});
                if (f.timeMs < b + kRowMs && f.mid != 0) {
                    r.mid = f.mid; // the bucket's last synced frame
                    r.bestBid = f.bestBid;
                    r.bestAsk = f.bestAsk;
                }
                if (f.mid == 0 || to <= from)
                    continue;
                r.sampledMs += to - from;
                for (const auto &[p, q] : f.bids)
                    sb[p] = {sb[p].first + double(q) * double(to - from), std::max(sb[p].second, q)};
                for (const auto &[p, q] : f.asks)
                    sa[p] = {sa[p].first + double(q) * double(to - from), std::max(sa[p].second, q)};
            }
            if (r.sampledMs == 0)
                continue;
            for (auto it = sb.rbegin(); it != sb.rend(); ++it) // best (highest) bid first
                r.bids.push_back({it->first, float(it->second.first / double(r.sampledMs) / 1e8), units(it->second.second)});
            for (const auto &[p, v] : sa)
                r.asks.push_back({p, float(v.first / double(r.sampledMs) / 1e8), units(v.second)});
            want.push_back(std::move(r));
        }
        QVERIFY2(want.size() >= 40, qPrintable(QString::number(want.size())));
        QCOMPARE(rows.rows.size(), want.size());
        for (size_t i = 0; i < want.size(); ++i) {
            const HeatmapRow &g = rows.rows[i], &w = want[i];
            const QByteArray at = QByteArray::number(qint64(w.timeMs));
            QCOMPARE(g.timeMs, w.timeMs);
            QVERIFY2(g.binSize == w.binSize && g.sampledMs == w.sampledMs, at);
            QVERIFY2(g.mid == w.mid && g.bestBid == w.bestBid && g.bestAsk == w.bestAsk, at);
            QVERIFY2(g.bids.size() == w.bids.size() && g.asks.size() == w.asks.size(), at);
            // Frames keep quantities as float base units: within float precision of the exact book.
            for (size_t k = 0; k < w.bids.size(); ++k)
                QVERIFY2(g.bids[k].price == w.bids[k].price && near(g.bids[k].mean, w.bids[k].mean) &&
                             near(g.bids[k].max, w.bids[k].max),
                         at + " bid " + QByteArray::number(qint64(w.bids[k].price)));
            for (size_t k = 0; k < w.asks.size(); ++k)
                QVERIFY2(g.asks[k].price == w.asks[k].price && near(g.asks[k].mean, w.asks[k].mean) &&
                             near(g.asks[k].max, w.asks[k].max),
                         at + " ask " + QByteArray::number(qint64(w.asks[k].price)));
        }
    }
};

QTEST_GUILESS_MAIN(TestHeatmapEngineRecorded)
#include "test_heatmap_engine_recorded.moc"
