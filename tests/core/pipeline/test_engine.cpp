// MarketEngine: day rollover by exchange time, duplicates and gaps, snapshots that stay
// immutable while ingestion goes on, local-time days with DST, CVD modes, depth sampling.
#include "pipeline/MarketFeed.h"
#include "engine/EngineRegistry.h"
#include "engine/KeyLevels.h"
#include "engine/QtZoneOffsets.h"
#include "model/Fixed.h"
#include "model/Time.h"

#include "support/Fixtures.h"

#include <QtTest>

#include <thread>

using namespace co;

namespace {
const int64_t kDay = daysFromCivil({2024, 8, 8}) * kMsPerDay;

SymbolInfo btc() { return co::test::btcusdt(); }

Trade trade(int64_t id, int64_t t, double price, double qty, bool buy)
{
    Trade x;
    x.id = id;
    x.timeMs = t;
    x.price = llround(price * 10) * 10'000'000;
    x.qty = llround(qty * 1000) * 100'000;
    x.buyerMaker = !buy;
    return x;
}
} // namespace

class TestEngine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rollsAtUtcMidnight()
    {
        MarketEngine e(btc(), {});
        std::vector<SnapshotPtr> closed;
        e.onDayClosing = [&](const SnapshotPtr &s) { closed.push_back(s); };
        e.onTrade(trade(1, kDay - 1000, 100.0, 1, true));
        e.onTrade(trade(2, kDay - 1, 101.0, 2, false));
        e.onTrade(trade(3, kDay, 102.0, 1, true)); // 00:00:00.000 belongs to the new day
        QCOMPARE(closed.size(), size_t(1));
        QCOMPARE(closed[0]->today->totals.trades, 2);
        const SnapshotPtr s = e.publish();
        QCOMPARE(s->today->day, utcDayOf(kDay));
        QCOMPARE(s->prior->totals.close, 101 * kFixedOne);
        const KeyLevels k = buildKeyLevels(*s, {});
        QCOMPARE(*k.pdHigh, 101.0);
        QCOMPARE(*k.pdLow, 100.0);
        QCOMPARE(*k.pdClose, 101.0);
        QCOMPARE(*k.pdPOC, 101.0); // 2 > 1
        QCOMPARE(k.trades, 1);
        QCOMPARE(k.nakedPOCs.size(), size_t(1)); // 101 not reached by today's 102
        QCOMPARE(k.nakedPOCs[0].price, 101.0);
        QCOMPARE(k.nakedPOCs[0].distance, -1.0);
    }
    // The prior day is the calendar day before today: after a day without trades there is none,
    // while the closed day stays in the history (its POC can still be naked).
    void noPriorDayAfterADayWithoutTrades()
    {
        MarketEngine e(btc(), {});
        e.onTrade(trade(1, kDay - 2 * kMsPerDay + 1000, 100.0, 1, true));
        e.onTrade(trade(2, kDay + 1000, 102.0, 1, true)); // 2024-08-07 had none
        const SnapshotPtr s = e.publish();
        QVERIFY(!s->prior);
        QVERIFY(s->priorSessions.empty());
        QCOMPARE(s->history.size(), size_t(1));
        const KeyLevels k = buildKeyLevels(*s, {});
        QVERIFY(!k.pdPOC && !k.pdHigh && !k.pdVWAP);
        QCOMPARE(k.nakedPOCs.size(), size_t(1));
        QCOMPARE(k.nakedPOCs[0].price, 100.0);
    }
    void duplicatesAndGaps()
    {
        MarketEngine e(btc(), {});
        e.onTrade(trade(10, kDay + 1, 100, 1, true));
        e.onTrade(trade(10, kDay + 2, 100, 1, true)); // duplicate: dropped
        e.onTrade(trade(9, kDay + 3, 100, 1, true));  // older: dropped
        e.onTrade(trade(14, kDay + 4, 100, 1, true)); // gap 11..13
        const SnapshotPtr s = e.publish();
        QCOMPARE(s->today->totals.trades, 2);
        QCOMPARE(s->quality.duplicates, 2);
        QCOMPARE(s->quality.gaps.size(), size_t(1));
        QCOMPARE(s->quality.gaps[0].fromId, 11);
        QCOMPARE(s->quality.gaps[0].toId, 13);
    }
    void aggTradeWinsOverRawTrades()
    {
        MarketEngine e(btc(), {});
        Trade raw = trade(5000, kDay + 1, 100, 1, true);
        raw.source = TradeSource::Trade;
        e.onTrade(raw);
        e.onTrade(trade(7, kDay + 2, 100, 2, true)); // aggTrade: ids per source
        raw.id = 5001;
        e.onTrade(raw); // ignored now
        const SnapshotPtr s = e.publish();
        QCOMPARE(s->today->totals.trades, 2);
        QCOMPARE(*s->quality.tradeSource, TradeSource::AggTrade);
    }
    void snapshotsAreImmutable()
    {
        MarketEngine e(btc(), {});
        e.onTrade(trade(1, kDay + 1000, 100, 1, true));
        const SnapshotPtr s1 = e.publish();
        for (int i = 2; i < 200; ++i)
            e.onTrade(trade(i, kDay + 1000 + i * 1000, 100 + (i % 5) * 0.1, 1, i % 2));
        QCOMPARE(s1->today->totals.trades, 1);
        QCOMPARE(s1->today->barsOf(Timeframe::M1).size(), size_t(1));
        QCOMPARE(s1->today->barsOf(Timeframe::M1)[0]->trades, 1);
        QCOMPARE(s1->today->profile->size(), size_t(1));
        QCOMPARE(e.publish()->today->totals.trades, 199);
    }
    void readersNeverBlockIngestion()
    {
        // A reader thread takes snapshots while the writer ingests: no torn data, totals monotone.
        EngineRegistry reg;
        MarketEngine &e = reg.engine(btc());
        std::atomic<bool> stop{false};
        int64_t seen = 0;
        std::thread reader([&] {
            while (!stop) {
                if (SnapshotPtr s = reg.snapshot("BTCUSDT"); s && s->today) {
                    int64_t barTrades = 0;
                    for (const BarPtr &b : s->today->barsOf(Timeframe::M5))
                        barTrades += b->trades;
                    QCOMPARE(barTrades, s->today->totals.trades); // consistent picture
                    QVERIFY(s->today->totals.trades >= seen);
                    seen = s->today->totals.trades;
                }
            }
        });
        for (int i = 1; i <= 200000; ++i) {
            e.onTrade(trade(i, kDay + i * 100, 100 + (i % 50) * 0.1, 0.001 * (i % 7 + 1), i % 3));
            if (i % 5000 == 0)
                e.publish();
        }
        e.publish();
        stop = true;
        reader.join();
        QCOMPARE(reg.snapshot("BTCUSDT")->today->totals.trades, 200000);
    }
    void localDayWithDst()
    {
        // DAY_TZ=Europe/London: 2024-03-31 is 23 hours long (clocks go forward at 01:00 UTC).
        EngineConfig c;
        c.dayZone = makeZoneOffsets("Europe/London");
        QVERIFY(c.dayZone);
        MarketEngine e(btc(), c);
        const int64_t d = daysFromCivil({2024, 3, 31}) * kMsPerDay;
        e.onTrade(trade(1, d - 1, 100, 1, true));                 // 23:59:59.999 GMT on the 30th
        e.onTrade(trade(2, d + 23 * kMsPerHour - 1, 101, 1, true)); // 23:59:59.999 BST on the 31st
        SnapshotPtr s = e.publish();
        QCOMPARE(isoDate(s->today->day), std::string("2024-03-31"));
        QCOMPARE(s->today->endMs - s->today->startMs, 23 * kMsPerHour);
        QCOMPARE(s->today->totals.trades, 1);
        e.onTrade(trade(3, d + 23 * kMsPerHour, 102, 1, true)); // local midnight of April 1st
        s = e.publish();
        QCOMPARE(isoDate(s->today->day), std::string("2024-04-01"));
        QCOMPARE(s->today->endMs - s->today->startMs, 24 * kMsPerHour);
    }
    void cvdModes()
    {
        EngineConfig c;
        c.cvdContinuous = true;
        MarketEngine cont(btc(), c), daily(btc(), {});
        for (MarketEngine *e : {&cont, &daily}) {
            e->onTrade(trade(1, kDay - 10, 100, 5, true));
            e->onTrade(trade(2, kDay + 10, 100, 2, false));
        }
        QCOMPARE(buildKeyLevels(*daily.publish(), {}).cvd, -2.0);
        QCOMPARE(buildKeyLevels(*cont.publish(), {}).cvd, 3.0);
        FootprintQuery q;
        q.timeframe = Timeframe::M1;
        const SnapshotPtr s = cont.publish();
        QCOMPARE(buildFootprint(*s, *s->today, q)[0].cvd, 3.0);
    }
    // A restart seeds the days before the restored span: an engine seeded with what a first one
    // held after day 1 and 2 and fed day 3 equals that first engine fed day 3 (naked POCs, CVD).
    void seededHistoryEqualsRunningThrough()
    {
        EngineConfig c;
        c.cvdContinuous = true;
        c.cacheDays = 2;
        MarketEngine full(btc(), c);
        full.onTrade(trade(1, kDay - 2 * kMsPerDay, 100.0, 3, true)); // day 1: POC 100, naked
        full.onTrade(trade(2, kDay - kMsPerDay, 105.0, 2, false));    // day 2: POC 105
        full.onTrade(trade(3, kDay - kMsPerDay + 1, 104.0, 1, true));
        const SnapshotPtr beforeDay3 = full.publish();
        full.onTrade(trade(4, kDay, 104.5, 1, true)); // day 3 touches 104.5 only
        const SnapshotPtr a = full.publish();
        QCOMPARE(a->history.size(), size_t(2));

        MarketEngine seeded(btc(), c);
        std::vector<DaySummary> days = beforeDay3->history; // day 1
        const DayTotals &d2 = beforeDay3->today->totals;
        days.push_back({beforeDay3->today->day, beforeDay3->today->startMs, beforeDay3->today->endMs, true,
                        1050, d2.high, d2.low});
        days.insert(days.begin(), DaySummary{utcDayOf(kDay) - 9, 0, 1, true, 1, 1, 1}); // beyond cacheDays: dropped
        QVERIFY(seeded.seedHistory(days, beforeDay3->cvdAll));
        seeded.onTrade(trade(4, kDay, 104.5, 1, true));
        const SnapshotPtr b = seeded.publish();
        QVERIFY(!seeded.seedHistory(days, 0)); // after a trade: refused
        const KeyLevels ka = buildKeyLevels(*a, {}), kb = buildKeyLevels(*b, {});
        QCOMPARE(kb.nakedPOCs.size(), size_t(2));
        QCOMPARE(kb.nakedPOCs.size(), ka.nakedPOCs.size());
        for (size_t i = 0; i < ka.nakedPOCs.size(); ++i) {
            QCOMPARE(kb.nakedPOCs[i].date, ka.nakedPOCs[i].date);
            QCOMPARE(kb.nakedPOCs[i].price, ka.nakedPOCs[i].price);
        }
        QCOMPARE(b->cvdAll, a->cvdAll);
        QCOMPARE(b->today->cvdBefore, a->today->cvdBefore);
        QCOMPARE(kb.cvd, ka.cvd);
        QCOMPARE(b->cvdAll, (3 - 2 + 1 + 1) * 100'000'000);
    }

    void largeTradeShare()
    {
        MarketEngine e(btc(), {}); // LARGE_TRADE_NOTIONAL 100 000 USDT
        e.onTrade(trade(1, kDay + 1, 50000, 2, true));   // 100 000: large
        e.onTrade(trade(2, kDay + 2, 50000, 1.999, true)); // just below
        const SnapshotPtr s = e.publish();
        FootprintQuery q;
        q.timeframe = Timeframe::M1;
        const auto bars = buildFootprint(*s, *s->today, q);
        QCOMPARE(bars[0].largeTradeShare, 2.0 / 3.999);
    }
    void anchoredVwapFromMinute()
    {
        MarketEngine e(btc(), {});
        e.onTrade(trade(1, kDay - 30'000, 90, 1, true));       // prior day: before the anchor
        e.onTrade(trade(2, kDay + 60'000, 100, 1, true));      // 00:01
        e.onTrade(trade(3, kDay + 125'000, 103, 2, false));    // 00:02:05
        const SnapshotPtr s = e.publish();
        bool exact = false;
        auto a = anchoredVwap(*s, kDay + 60'000, &exact);
        QVERIFY(exact);
        QCOMPARE(a->vwap, (100.0 + 2 * 103.0) / 3);
        a = anchoredVwap(*s, kDay - 60'000, &exact); // from the prior day's last minute
        QCOMPARE(a->vwap, (90.0 + 100.0 + 2 * 103.0) / 4);
        a = anchoredVwap(*s, kDay + 125'000, &exact); // inside a minute: the minute is included
        QVERIFY(!exact);
        QCOMPARE(a->vwap, 103.0);
        QVERIFY(!anchoredVwap(*s, kDay + 10 * 60'000));
    }
    void depthThroughFeed()
    {
        EngineRegistry reg;
        MarketFeed feed(reg);
        feed.setSymbolInfo(btc());
        MarketEvent ev;
        ev.symbol.assign("BTCUSDT");
        DepthUpdate u;
        u.firstId = 5;
        u.lastId = 12;
        u.prevLastId = 4;
        u.eventMs = kDay + 500;
        u.bids = {{100 * kFixedOne, 3 * kFixedOne}};
        ev.payload = u;
        feed.apply(ev);
        DepthSnapshot snap;
        snap.lastUpdateId = 10;
        snap.bids = {{100 * kFixedOne, 1 * kFixedOne}, {98 * kFixedOne, 1 * kFixedOne}};
        snap.asks = {{101 * kFixedOne, 2 * kFixedOne}};
        ev.payload = snap;
        feed.apply(ev);
        MarketEngine *e = reg.find("BTCUSDT");
        QVERIFY(e->bookLive());
        QCOMPARE(e->book().bids().at(100 * kFixedOne), 3 * kFixedOne); // the bracketing diff applied
        for (int i = 0; i < 5; ++i) { // 5 more seconds of diffs → per-second samples
            DepthUpdate n;
            n.firstId = 13 + i;
            n.lastId = 13 + i;
            n.prevLastId = 12 + i;
            n.eventMs = kDay + 1500 + i * 1000;
            ev.payload = n;
            feed.apply(ev);
        }
        const SnapshotPtr s = e->publish();
        QVERIFY(s->book->live);
        QCOMPARE(s->depth->seconds().size(), size_t(5));
        const DepthSample *at = s->depth->at(kDay + 3000);
        QVERIFY(at);
        QCOMPARE(at->timeMs, kDay + 3000);
        // 1 %: mid 100.5 → bids ≥ 99.495 (100: 3), asks ≤ 101.505 (101: 2)
        QCOMPARE(at->bidQty[size_t(ladderIndexFor(100))], 3 * kFixedOne);
        QCOMPARE(at->askQty[size_t(ladderIndexFor(100))], 2 * kFixedOne);
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "test_engine.moc"
