// Lossless trades against a fake Binance (binance.md §6): 50 forced disconnects during a
// recorded session, today's backfill on the history budget (and cancelled mid-way), and the time
// and REST requests a reconnect after a one-minute outage takes at realistic rates.
#include "support/LiveHarness.h"
#include "model/Time.h"
#include "server/JsonEncoders.h"
#include "support/SharedData.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QtTest>

#include <zlib.h>

using namespace co;
using namespace co::test;

namespace {

// Decimal string → 1e-8 units, written here independently of model/Fixed.
int64_t units(const QString &s)
{
    const qsizetype dot = s.indexOf('.');
    const QString whole = dot < 0 ? s : s.left(dot);
    QString frac = dot < 0 ? QString() : s.mid(dot + 1);
    frac = (frac + "00000000").left(8);
    return whole.toLongLong() * 100'000'000 + frac.toLongLong();
}

struct Totals {
    int64_t count = 0, qty = 0, buy = 0, sell = 0, firstId = 0, lastId = 0;
};

// The recorded raw trades of a recorder file, read with zlib and QJsonDocument only.
Totals recordedTotals(const QString &path)
{
    Totals t;
    gzFile f = gzopen(path.toLocal8Bit().constData(), "rb");
    if (!f)
        return t;
    std::vector<char> buf(1 << 20);
    while (gzgets(f, buf.data(), int(buf.size()))) {
        const QByteArray line(buf.data());
        const qsizetype sp = line.indexOf(' ');
        const QJsonObject o = QJsonDocument::fromJson(line.mid(sp + 1)).object();
        if (!o.value("stream").toString().endsWith("@trade"))
            continue;
        const QJsonObject d = o.value("data").toObject();
        const int64_t q = units(d.value("q").toString());
        const int64_t id = d.value("t").toInteger();
        if (t.count == 0)
            t.firstId = id;
        t.lastId = id;
        ++t.count;
        t.qty += q;
        (d.value("m").toBool() ? t.sell : t.buy) += q; // m: the buyer is the maker, the taker sold
    }
    gzclose(f);
    return t;
}

FakeSymbolData syntheticSymbol(size_t trades, int64_t everyMs, size_t diffs, int64_t diffEveryMs, int64_t startMs)
{
    FakeSymbolData d;
    d.symbol = "BTCUSDT";
    d.trades = syntheticTrades(7, trades, 5'000'000'000, startMs, everyMs);
    syntheticDepth(11, diffs, startMs, diffEveryMs, d);
    return d;
}

bool continuous(const std::vector<Trade> &v, int64_t first, int64_t last)
{
    if (v.size() != size_t(last - first + 1))
        return false;
    for (size_t i = 0; i < v.size(); ++i)
        if (v[i].id != first + int64_t(i))
            return false;
    return true;
}
} // namespace

class TestLiveTrades : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules("co.binance.info=false"); }
    void fiftyDisconnectsLoseNothing()
    {
        CO_REQUIRE_SHARED_FILE(path, "hftbacktest/btcusdt_20240808.gz");
        const Totals want = recordedTotals(path);
        // INDEX.md: 21,313 trades, 2429.366 BTC (taker buy 1251.576 / sell 1177.790).
        QCOMPARE(want.count, 21313);
        QCOMPARE(want.qty, 242'936'600'000);
        QCOMPARE(want.buy, 125'157'600'000);
        QCOMPARE(want.sell, 117'779'000'000);

        QString err;
        auto data = fakeDataFromRecording({path}, &err);
        QVERIFY2(data, qPrintable(err));
        // Limiter time runs 30× faster so 50 reconnects' snapshots and pages fit the weight budget.
        ScaledClock clock(data->trades.front().timeMs - 1000, 30.0);
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        fake.addSymbol(*data);

        LiveSession::Options o = fastOptions(fake, {"BTCUSDT"});
        o.stream.backoffInitialMs = 10;
        o.stream.backoffMaxMs = 50;
        LiveHarness h(o, clock, *data);
        h.live.setResumeFrom("BTCUSDT", want.firstId - 1, data->trades.front().timeMs - 1);
        h.live.start();
        QTRY_COMPARE_WITH_TIMEOUT(h.state(), BinanceStatus::State::Live, 10'000);
        // 55 evenly spaced cuts of both connections while the market plays on.
        fake.play(40, 4);
        const size_t step = fake.scriptSize() / 56;
        for (size_t next = step; !fake.finished(); next += step) {
            while (!fake.finished() && (fake.position() < next || fake.openConnections() < 2))
                QTest::qWait(1);
            fake.dropConnections();
        }
        QTRY_COMPARE_WITH_TIMEOUT(int64_t(h.log.count()), want.count, 60'000);
        h.engines.flush();
        QVERIFY2(fake.drops() >= 50, qPrintable(QString("only %1 disconnects").arg(fake.drops())));

        const std::vector<Trade> got = h.log.trades();
        QVERIFY(continuous(got, want.firstId, want.lastId));
        Totals t;
        for (const Trade &x : got) {
            t.qty += x.qty;
            (x.buyerMaker ? t.sell : t.buy) += x.qty;
        }
        QCOMPARE(t.qty, want.qty);
        QCOMPARE(t.buy, want.buy);
        QCOMPARE(t.sell, want.sell);

        // The engine saw a continuous, duplicate-free sequence: no gap or duplicate recorded.
        const SnapshotPtr s = h.registry.snapshot("BTCUSDT");
        QVERIFY(s);
        QCOMPARE(s->quality.duplicates, 0);
        QVERIFY(s->quality.gaps.empty());
        int64_t engineTrades = s->today ? s->today->totals.trades : 0;
        if (s->prior)
            engineTrades += s->prior->totals.trades; // the file crosses midnight UTC
        QCOMPARE(engineTrades, want.count);
        const SymbolFeedStatus st = h.symbolStatus("BTCUSDT");
        QVERIFY(st.gapsFilled >= 25);
        QCOMPARE(st.gapsUnfilled, 0u);
        qInfo("%d disconnects, %d gaps filled, %lld trades from REST, %d REST requests", fake.drops(),
              int(st.gapsFilled), qint64(st.tradesFromRest), int(fake.restHits().size()));
    }

    void backfillsTodayOnTheHistoryBudget()
    {
        const int64_t start = daysFromCivil({2026, 3, 2}) * kMsPerDay + 9 * kMsPerHour;
        const FakeSymbolData data = syntheticSymbol(20'000, 10, 0, 100, start);
        ScaledClock clock(start + 150'000, 20.0);
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        fake.addSymbol(data);
        fake.skip(15'000); // traded before start-up

        LiveSession::Options o = fastOptions(fake, {"BTCUSDT"});
        o.backfillToday = true;
        o.dayStart = [start](int64_t) { return start - kMsPerMinute; };
        LiveHarness h(o, clock, data);
        h.live.start();
        QTRY_COMPARE_WITH_TIMEOUT(h.state(), BinanceStatus::State::Live, 10'000);
        fake.play(100, 2);
        QTRY_VERIFY_WITH_TIMEOUT(fake.finished(), 60'000);
        QTRY_COMPARE_WITH_TIMEOUT(h.log.count(), data.trades.size(), 60'000);
        QVERIFY(continuous(h.log.trades(), data.trades.front().id, data.trades.back().id));
        QTRY_COMPARE_WITH_TIMEOUT(h.symbolStatus("BTCUSDT").backfill.active, false, 5'000);
        QCOMPARE(h.symbolStatus("BTCUSDT").backfill.progress, 1.0);

        // One request by start time, then fromId pages; history pages stay within half the limit.
        int byTime = 0, pages = 0;
        std::map<int64_t, int> historyWeight;
        for (const FakeBinance::RestHit &hit : fake.restHits()) {
            if (hit.path != "/fapi/v1/aggTrades")
                continue;
            ++pages;
            if (hit.query.hasQueryItem("startTime")) {
                ++byTime;
                QCOMPARE(hit.query.queryItemValue("startTime").toLongLong(), start - kMsPerMinute);
            }
            historyWeight[floorDiv(hit.clockMs, kMsPerMinute)] += hit.weight;
        }
        QCOMPARE(byTime, 1);
        QVERIFY(pages >= 15);
        for (const auto &[minute, w] : historyWeight)
            QVERIFY2(w <= 1200, qPrintable(QString("%1 weight of aggTrades in one minute").arg(w)));
    }

    // The user cancels the backfill while its next page waits for the history budget: that page
    // is never sent, no other history page follows, live trades go on with continuous ids, and the
    // data quality holds the skipped ids as one gap with the cancel as its reason.
    void cancelledBackfillStopsHistoryAndKeepsLiveTrades()
    {
        const int64_t start = daysFromCivil({2026, 3, 2}) * kMsPerDay + 9 * kMsPerHour;
        const FakeSymbolData data = syntheticSymbol(20'000, 10, 0, 100, start);
        ScaledClock clock(start + 150'000, 10.0); // a new clock minute (history budget) every 6 s
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        fake.addSymbol(data);
        fake.skip(15'000); // traded before start-up

        LiveSession::Options o = fastOptions(fake, {"BTCUSDT"});
        o.backfillToday = true;
        o.dayStart = [start](int64_t) { return start - kMsPerMinute; };
        o.filler.pageLimit = 100;
        o.rest.limits.historyFraction = 0.1; // ≈ 10 pages a minute: the backfill outlasts the test
        LiveHarness h(o, clock, data);
        h.live.start();
        QTRY_COMPARE_WITH_TIMEOUT(h.state(), BinanceStatus::State::Live, 10'000);
        fake.play(10, 10); // the rest of the day, as fast as the clock runs
        auto aggPages = [&fake] {
            return std::count_if(fake.restHits().begin(), fake.restHits().end(),
                                 [](const FakeBinance::RestHit &x) { return x.path == "/fapi/v1/aggTrades"; });
        };
        // Some history handed on, live trades held behind it, the next page queued for budget.
        QTRY_VERIFY_WITH_TIMEOUT(h.symbolStatus("BTCUSDT").tradesFromRest >= 500 &&
                                     h.symbolStatus("BTCUSDT").pendingTrades > 0 && h.binance().rest.queued > 0,
                                 20'000);
        QVERIFY(h.symbolStatus("BTCUSDT").backfill.active);
        h.live.cancelBackfill();
        h.live.inspect([](LiveSession &) {}); // the cancel ran on the network thread
        const auto pagesAtCancel = aggPages();
        QTRY_VERIFY_WITH_TIMEOUT(fake.finished(), 60'000);
        QTRY_COMPARE_WITH_TIMEOUT(h.log.lastId(), data.trades.back().id, 20'000);
        QTest::qWait(7'000); // past the next budget minute: a forgotten page would go now
        QVERIFY2(aggPages() <= pagesAtCancel + 1, // one may have been on its way
                 qPrintable(QString("%1 aggTrades pages after the cancel").arg(aggPages() - pagesAtCancel)));

        const SymbolFeedStatus st = h.symbolStatus("BTCUSDT");
        QVERIFY(!st.backfill.active);
        QVERIFY(st.backfill.cancelled);
        QCOMPARE(st.pendingTrades, 0u);

        // History up to K, then every trade from L on: the ids in between are the only hole.
        h.engines.flush();
        const std::vector<Trade> got = h.log.trades();
        const int64_t first = data.trades.front().id, last = data.trades.back().id;
        const int64_t k = first + int64_t(st.tradesFromRest) - 1;
        QVERIFY(got.size() > 2);
        size_t split = 0;
        while (split + 1 < got.size() && got[split + 1].id == got[split].id + 1)
            ++split;
        QCOMPARE(got[split].id, k);
        const int64_t l = got[split + 1].id;
        QVERIFY(l > k + 1);
        QVERIFY(l <= first + 15'000 + 1000); // within the first second of live trades
        QVERIFY(continuous({got.begin(), got.begin() + std::ptrdiff_t(split) + 1}, first, k));
        QVERIFY(continuous({got.begin() + std::ptrdiff_t(split) + 1, got.end()}, l, last));
        QCOMPARE(int64_t(st.idsUnfilled), l - k - 1);

        const SnapshotPtr s = h.registry.snapshot("BTCUSDT");
        QVERIFY(s);
        QCOMPARE(s->quality.gaps.size(), size_t(1)); // no second "id_gap" for the same hole
        const Gap &g = s->quality.gaps.front();
        QCOMPARE(g.fromId, k + 1);
        QCOMPARE(g.toId, l - 1);
        QCOMPARE(g.reason, std::string("backfill_cancelled"));
        QCOMPARE(g.fromMs, got[split].timeMs);
        QCOMPARE(g.toMs, got[split + 1].timeMs);
        // As the MCP/REST dataQuality shows it.
        const QJsonObject dq = toJson(s->quality);
        const QJsonObject gj = dq.value("gaps").toArray().at(0).toObject();
        QCOMPARE(gj.value("reason").toString(), QString("backfill_cancelled"));
        QCOMPARE(gj.value("fromId").toInteger(), k + 1);
        QCOMPARE(gj.value("toId").toInteger(), l - 1);
        qInfo("cancelled after %lld history trades; %lld ids skipped; %lld aggTrades pages", qint64(k - first + 1),
              qint64(l - k - 1), qint64(aggPages()));
    }

    void reconnectAfterAOneMinuteOutage()
    {
        // BTCUSDT-like rates: 30 aggTrades/s (binance.md §8), 10 depth diffs/s, marks every second.
        const int64_t start = daysFromCivil({2026, 3, 2}) * kMsPerDay + 10 * kMsPerHour;
        const FakeSymbolData data = syntheticSymbol(30 * 600, 33, 10 * 600, 100, start);
        ScaledClock clock(start, 1.0);
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        fake.addSymbol(data);
        LiveSession::Options o = fastOptions(fake, {"BTCUSDT"});
        o.stream = StreamClient::Options{}; // production backoff: 0.5 s doubling, full jitter,
        o.stream.healthyResetMs = 1000;    // reset after a healthy spell (60 s in production)
        LiveHarness h(o, clock, data);
        h.live.setResumeFrom("BTCUSDT", data.trades.front().id - 1, start);
        h.live.start();
        QTRY_COMPARE_WITH_TIMEOUT(h.state(), BinanceStatus::State::Live, 10'000);
        fake.skipFor(20'000);
        fake.play(4, 100); // real time: ~40 events per second
        QTRY_VERIFY_WITH_TIMEOUT(h.log.lastId() == fake.lastTradeIdReleased("BTCUSDT") && h.log.lastId() > 0, 10'000);

        std::vector<qint64> times, connectAt;
        std::vector<int> requests, aggPages;
        for (int round = 0; round < 5; ++round) {
            QTest::qWait(1500); // a healthy connection before the outage
            const size_t before = fake.restHits().size();
            QElapsedTimer t;
            t.start();
            const int accepted = fake.connectionsAccepted();
            fake.dropConnections();
            fake.skipFor(60'000); // one minute of market while the client is away
            const int64_t missedUpTo = fake.lastTradeIdReleased("BTCUSDT");
            qint64 connected = -1;
            while (h.log.lastId() <= missedUpTo && t.elapsed() < 20'000) {
                QTest::qWait(1);
                if (connected < 0 && fake.connectionsAccepted() > accepted)
                    connected = t.elapsed();
            }
            connectAt.push_back(connected);
            QVERIFY(h.log.lastId() > missedUpTo); // the first live trade after the hole is in
            times.push_back(t.elapsed());
            int n = 0, pages = 0;
            for (size_t i = before; i < fake.restHits().size(); ++i) {
                ++n;
                pages += fake.restHits()[i].path == "/fapi/v1/aggTrades";
            }
            requests.push_back(n);
            aggPages.push_back(pages);
        }
        fake.pause();
        const std::vector<Trade> got = h.log.trades();
        QVERIFY(continuous(got, data.trades.front().id, got.back().id));
        std::vector<qint64> sorted = times;
        std::sort(sorted.begin(), sorted.end());
        QString list;
        for (size_t i = 0; i < times.size(); ++i)
            list += QString("%1 ms (reconnected at %2 ms)/%3 req/%4 pages  ")
                        .arg(times[i])
                        .arg(connectAt[i])
                        .arg(requests[i])
                        .arg(aggPages[i]);
        qInfo("reconnect + gap fill after a 1-minute outage (1800 trades): median %lld ms, max %lld ms; per round: %s",
              qint64(sorted[sorted.size() / 2]), qint64(sorted.back()), qPrintable(list));
        for (int pages : aggPages)
            QVERIFY(pages >= 2 && pages <= 4); // 1800 missing trades = 2 pages of 1000 (+ a catch-up)
    }
};

QTEST_MAIN(TestLiveTrades)
#include "test_live_trades.moc"
