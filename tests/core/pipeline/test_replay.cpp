// ReplaySource: recorder files (hftbacktest ns / cryptofeed float-second prefixes, gzip or plain) and
// Binance archive aggTrades CSV (.csv / .zip). Expected numbers come from shared/data/binance/INDEX.md
// or from the literal rows written here.
#include "ReplayCollect.h"
#include "pipeline/ReplaySource.h"
#include "pipeline/TickInference.h"
#include "model/Time.h"
#include "support/SharedData.h"

#include <quazip/quagzipfile.h>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <tuple>

using namespace co;

using namespace co::replaytest;

class TestReplay : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hftbacktestOneFile()
    {
        CO_REQUIRE_SHARED_FILE(path, "hftbacktest/btcusdt_20240718.gz");
        ReplaySource replay({str(path)});
        Collector c;
        QVERIFY2(replay.run(c.sink()), replay.error().c_str());

        QCOMPARE(c.trades.size(), size_t(974));
        QVERIFY(idsConsecutive(c.trades, 5182005737, 5182006710));
        int64_t qty = 0;
        for (const TradeSeen &t : c.trades) {
            QCOMPARE(t.trade.source, TradeSource::Trade);
            QVERIFY(t.trade.price >= 6394390000000 && t.trade.price <= 6396000000000); // 63943.9–63960.0
            qty += t.trade.qty;
        }
        QCOMPARE(qty, int64_t(9591300000)); // 95.913
        QCOMPARE(c.depthUpdates, size_t(3326));
        QCOMPARE(c.others, size_t(0));
        QCOMPARE(c.snapshots.size(), size_t(1));
        const SnapshotSeen &s = c.snapshots.front();
        QCOMPARE(s.symbol, QString("BTCUSDT"));
        QCOMPARE(s.lastUpdateId, int64_t(4984028384061));
        QCOMPARE(s.eventMs, int64_t(1721347022759));
        QCOMPARE(s.localMs, int64_t(1721347021281)); // line 14: 1721347021281597601 ns
        QCOMPARE(s.bids, size_t(1000));
        QCOMPARE(s.asks, size_t(1000));
        QCOMPARE(QStringList(c.symbols.begin(), c.symbols.end()), QStringList{"BTCUSDT"});
        QCOMPARE(utcDayOf(c.minLocalMs), utcDay(2024, 7, 18));
        QCOMPARE(utcDayOf(c.maxLocalMs), utcDay(2024, 7, 18));
        QCOMPARE(c.minLocalMs, int64_t(1721347020984)); // first line 1721347020984480942 ns

        const ReplayStats &st = replay.stats();
        QCOMPARE(st.lines, uint64_t(11414));
        QCOMPARE(st.events, uint64_t(974 + 3326 + 1));
        QCOMPARE(st.badLines, uint64_t(0));
        QCOMPARE(st.csvRows, uint64_t(0));
        QCOMPARE(st.decode.frames, uint64_t(11414));
        QCOMPARE(st.decode.decoded, uint64_t(974 + 3326 + 1));
        QCOMPARE(st.decode.ignored, uint64_t(7113)); // bookTicker
        QCOMPARE(st.decode.malformed, uint64_t(0));
    }

    void hftbacktestAcrossFiles()
    {
        CO_REQUIRE_SHARED_FILE(p18, "hftbacktest/btcusdt_20240718.gz");
        CO_REQUIRE_SHARED_FILE(p19, "hftbacktest/btcusdt_20240719.gz");
        ReplaySource replay({str(p18), str(p19)});
        Collector c;
        QVERIFY2(replay.run(c.sink()), replay.error().c_str());

        QVERIFY(idsConsecutive(c.trades, 5182005737, 5182016437));
        QCOMPARE(c.depthUpdates, size_t(3326 + 5696));
        QCOMPARE(c.snapshots.size(), size_t(1));
        // First trade of 0719 as in INDEX.md: local 1721347201292005428 ns, t 5182006711.
        const TradeSeen &first19 = c.trades[974];
        QCOMPARE(first19.trade.id, int64_t(5182006711));
        QCOMPARE(first19.localMs, int64_t(1721347201292));
        QCOMPARE(first19.trade.timeMs, int64_t(1721347202812));
        QCOMPARE(first19.trade.price, int64_t(6396000000000));
        QCOMPARE(first19.trade.qty, int64_t(31000000));
        QCOMPARE(first19.trade.buyerMaker, false);
        int64_t buy = 0, sell = 0;
        for (size_t i = 974; i < c.trades.size(); ++i)
            (c.trades[i].trade.takerBuy() ? buy : sell) += c.trades[i].trade.qty;
        QCOMPARE(buy, int64_t(39021100000));  // taker buy 390.211
        QCOMPARE(sell, int64_t(63633500000)); // taker sell 636.335
        QCOMPARE(replay.stats().lines, uint64_t(11414 + 60570));
        QCOMPARE(utcDayOf(c.maxLocalMs), utcDay(2024, 7, 19));
    }

    void cryptofeedWebsocket()
    {
        CO_REQUIRE_SHARED_FILE(path, "cryptofeed/BINANCE_FUTURES.ws.1.0");
        ReplaySource replay({str(path)});
        Collector c;
        QVERIFY2(replay.run(c.sink()), replay.error().c_str());

        QCOMPARE(c.trades.size(), size_t(91));
        std::map<QString, std::vector<int64_t>> ids;
        for (const TradeSeen &t : c.trades) {
            QCOMPARE(t.trade.source, TradeSource::AggTrade);
            ids[t.symbol].push_back(t.trade.id);
        }
        QCOMPARE(ids.size(), size_t(4));
        QCOMPARE(ids["SUSHIUSDT"].size(), size_t(40));
        QCOMPARE(ids["CTKUSDT"].size(), size_t(38));
        QCOMPARE(ids["AKROUSDT"].size(), size_t(8));
        QCOMPARE(ids["KEEPUSDT"].size(), size_t(5));
        for (const auto &[symbol, v] : ids)
            for (size_t i = 1; i < v.size(); ++i)
                QCOMPARE(v[i], v[i - 1] + 1); // aggTrade ids contiguous per symbol
        QCOMPARE(c.depthUpdates, size_t(764));
        QVERIFY(c.snapshots.empty());

        // INDEX.md example: "1626992742.289739: {…ctkusdt@aggTrade…"a":16599292,…"p":"1.01100","q":"10",…
        // "T":1626992741421,"m":false}}"
        const auto it = std::find_if(c.trades.begin(), c.trades.end(),
                                     [](const TradeSeen &t) { return t.trade.id == 16599292; });
        QVERIFY(it != c.trades.end());
        QCOMPARE(it->symbol, QString("CTKUSDT"));
        QCOMPARE(it->localMs, int64_t(1626992742289));
        QCOMPARE(it->trade.timeMs, int64_t(1626992741421));
        QCOMPARE(it->trade.price, int64_t(101100000));
        QCOMPARE(it->trade.qty, int64_t(1000000000));
        QCOMPARE(it->trade.buyerMaker, false);

        // Local times within 2021-07-22 22:25:41.062 → 22:26:11.202 (float seconds → ms).
        QVERIFY(c.minLocalMs >= 1626992741062 && c.maxLocalMs <= 1626992771202);
        // The first line "wss://… <-> <ts>" is not a frame and not an error.
        QCOMPARE(replay.stats().lines, uint64_t(1536));
        QCOMPARE(replay.stats().badLines, uint64_t(0));
        QCOMPARE(replay.stats().decode.frames, uint64_t(1535));
        QCOMPARE(replay.stats().decode.malformed, uint64_t(0));
    }

    void cryptofeedRestSnapshots()
    {
        CO_REQUIRE_SHARED_FILE(path, "cryptofeed/BINANCE_FUTURES.http.0.0");
        ReplaySource replay({str(path)});
        Collector c;
        QVERIFY2(replay.run(c.sink()), replay.error().c_str());

        QCOMPARE(c.snapshots.size(), size_t(4));
        const char *symbols[] = {"SUSHIUSDT", "AKROUSDT", "KEEPUSDT", "CTKUSDT"};
        const size_t bids[] = {1000, 609, 400, 485};
        const size_t asks[] = {1000, 763, 612, 744};
        for (size_t i = 0; i < 4; ++i) {
            QCOMPARE(c.snapshots[i].symbol, QString(symbols[i]));
            QCOMPARE(c.snapshots[i].bids, bids[i]);
            QCOMPARE(c.snapshots[i].asks, asks[i]);
        }
        QCOMPARE(c.snapshots[0].lastUpdateId, int64_t(600859605926));
        QCOMPARE(c.snapshots[0].eventMs, int64_t(1626992741264));
        QCOMPARE(c.snapshots[0].localMs, int64_t(1626992741301)); // "-> 1626992741.301402:"
        QCOMPARE(replay.stats().lines, uint64_t(5));              // 4 snapshots + a blank line
        QCOMPARE(replay.stats().events, uint64_t(4));
        QCOMPARE(replay.stats().badLines, uint64_t(0));
    }

    // REST snapshots name no symbol: url's symbol=, else the file's last symbol, else Options::symbol.
    void snapshotSymbolFallback()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString a = dir.filePath("a.txt"), b = dir.filePath("b.txt");
        QVERIFY(writeFile(a, "1721347021281597601 " + kSnapshotFrame + "\n"
                                 "\n"
                                 "1721347201292005428 " + kTradeFrame + "\r\n"
                                 "1721347201300000000 " + kSnapshotFrame + "\n"
                                 "https://fapi.binance.com/fapi/v1/depth?limit=1000&symbol=xrpusdt -> 1721347021.5: "
                                 + kSnapshotFrame + "\n"
                                 + kSnapshotFrame + "\n"));
        QVERIFY(writeFile(b, kSnapshotFrame));
        ReplaySource replay({str(a), str(b)}, {.symbol = "ETHUSDT"});
        Collector c;
        QVERIFY2(replay.run(c.sink()), replay.error().c_str());

        QCOMPARE(c.trades.size(), size_t(1));
        QCOMPARE(c.trades[0].localMs, int64_t(1721347201292));
        QCOMPARE(c.snapshots.size(), size_t(5));
        QCOMPARE(c.snapshots[0].symbol, QString("ETHUSDT")); // nothing seen yet in a.txt
        QCOMPARE(c.snapshots[0].localMs, int64_t(1721347021281));
        QCOMPARE(c.snapshots[1].symbol, QString("BTCUSDT")); // after the BTCUSDT trade
        QCOMPARE(c.snapshots[2].symbol, QString("XRPUSDT")); // from the url
        QCOMPARE(c.snapshots[2].localMs, int64_t(1721347021500));
        QCOMPARE(c.snapshots[3].symbol, QString("XRPUSDT")); // last symbol seen in a.txt
        QCOMPARE(c.snapshots[3].localMs, int64_t(0));            // no prefix
        QCOMPARE(c.snapshots[4].symbol, QString("ETHUSDT")); // b.txt starts afresh
        QCOMPARE(replay.stats().lines, uint64_t(7));
        QCOMPARE(replay.stats().badLines, uint64_t(0));
    }

    void csvFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString withHeader = dir.filePath("BTCUSDT-aggTrades-2025-04-01.csv");
        const QString noHeader = dir.filePath("ethusdt-aggTrades-2025-04-01.csv");
        const QString zipped = dir.filePath("SOLUSDT-aggTrades-2025-04.zip");
        QVERIFY(writeFile(withHeader, kCsvWithHeader));
        QVERIFY(writeFile(noHeader, "10,1820.55,0.5,20,21,1743465600001500,True\r\n"
                                    "11,1820.56,abc,22,22,1743465600002000,False\r\n"
                                    "12,1820.57,3.000,23,25,1743465600003999,FALSE\r\n"
                                    "\r\n"));
        QVERIFY(writeZip(zipped, "SOLUSDT-aggTrades-2025-04.csv", kCsvWithHeader));

        QCOMPARE(ReplaySource::detect(str(withHeader)), ReplaySource::Format::AggTradesCsv);
        QCOMPARE(ReplaySource::detect(str(zipped)), ReplaySource::Format::AggTradesCsv);

        ReplaySource replay({str(withHeader), str(noHeader), str(zipped)});
        Collector c;
        QVERIFY2(replay.run(c.sink()), replay.error().c_str());
        QCOMPARE(c.trades.size(), size_t(8));
        checkHeaderCsvTrades(c.trades, 0, "BTCUSDT");
        // No header, CRLF, µs times, True/FALSE; row 11 is bad and skipped.
        QCOMPARE(c.trades[3].symbol, QString("ETHUSDT"));
        QCOMPARE(c.trades[3].trade.id, int64_t(10));
        QCOMPARE(c.trades[3].trade.price, int64_t(182055000000));
        QCOMPARE(c.trades[3].trade.qty, int64_t(50000000));
        QCOMPARE(c.trades[3].trade.timeMs, int64_t(1743465600001));
        QCOMPARE(c.trades[3].trade.buyerMaker, true);
        QCOMPARE(c.trades[4].trade.id, int64_t(12));
        QCOMPARE(c.trades[4].trade.price, int64_t(182057000000));
        QCOMPARE(c.trades[4].trade.qty, int64_t(300000000));
        QCOMPARE(c.trades[4].trade.timeMs, int64_t(1743465600003));
        QCOMPARE(c.trades[4].trade.buyerMaker, false);
        checkHeaderCsvTrades(c.trades, 5, "SOLUSDT");

        const ReplayStats &st = replay.stats();
        QCOMPARE(st.csvRows, uint64_t(3 + 3 + 3));
        QCOMPARE(st.badLines, uint64_t(1));
        QCOMPARE(st.events, uint64_t(8));
        QCOMPARE(st.lines, uint64_t(4 + 4 + 4));
    }

    void csvSymbolFromOptions()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("trades.csv");
        QVERIFY(writeFile(path, kCsvWithHeader));

        ReplaySource unnamed({str(path)});
        Collector none;
        QVERIFY(!unnamed.run(none.sink()));
        QVERIFY2(unnamed.error().find(str(path)) != std::string::npos, unnamed.error().c_str());
        QVERIFY(none.trades.empty());

        ReplaySource named({str(path)}, {.symbol = "BTCUSDT"});
        Collector c;
        QVERIFY2(named.run(c.sink()), named.error().c_str());
        checkHeaderCsvTrades(c.trades, 0, "BTCUSDT");
    }

    // report's one-pass replay: the tick of the first 4096 trades is used at once; a finer price
    // later in the files makes a second pass with the whole files' gcd (what inferTickSizes gives).
    void tickInferredWhileReplaying()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QByteArray coarse, fine;
        for (int i = 0; i < 5000; ++i)
            coarse += QByteArray::number(100 + i) + "," + QByteArray::number(60000 + i % 7) + "." +
                      QByteArray::number(i % 10) + ",0.010,1,1," + QByteArray::number(1743465600000LL + i) + ",true\n";
        fine = coarse + "5100,60001.21,0.010,1,1,1743465605001,false\n"; // a 0.01 step at the end
        const QString a = dir.filePath("BTCUSDT-aggTrades-2025-04-01.csv"), b = dir.filePath("BTCUSDT-aggTrades-2025-04-02.csv");
        QVERIFY(writeFile(a, coarse));
        QVERIFY(writeFile(b, fine));
        for (const auto &[path, tick, passes] : {std::tuple{a, int64_t(10'000'000), 1}, std::tuple{b, int64_t(1'000'000), 2}}) {
            std::vector<int64_t> starts;
            size_t events = 0;
            const InferredReplay r = replayInferringTick({str(path)}, "BTCUSDT", [&](int64_t t) {
                starts.push_back(t);
                events = 0;
                return ReplaySource::Sink([&](const MarketEvent &) { ++events; });
            });
            QVERIFY2(r.ok, r.error.c_str());
            QCOMPARE(r.tick, tick);
            QCOMPARE(r.passes, passes);
            QCOMPARE(starts.back(), tick); // the last pass always runs with the whole files' tick
            QCOMPARE(events, size_t(path == a ? 5000 : 5001));
            std::map<std::string, int64_t> ticks;
            QVERIFY(inferTickSizes({str(path)}, "BTCUSDT", ticks, nullptr));
            QCOMPARE(ticks["BTCUSDT"], tick);
        }
        const InferredReplay none = replayInferringTick({str(a)}, "ETHUSDT", [](int64_t) { return ReplaySource::Sink([](const MarketEvent &) {}); });
        QVERIFY(!none.ok);
        QVERIFY2(none.error.find("no trades for ETHUSDT") != std::string::npos, none.error.c_str());
    }

    void missingFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString good = dir.filePath("BTCUSDT-aggTrades-2025-04-01.csv");
        const QString missing = dir.filePath("BTCUSDT-aggTrades-2025-04-02.csv");
        const QString missingRecording = dir.filePath("btcusdt_20240720.gz");
        QVERIFY(writeFile(good, kCsvWithHeader));
        QCOMPARE(ReplaySource::detect(str(missing)), ReplaySource::Format::Unknown);
        QCOMPARE(ReplaySource::detect(str(missingRecording)), ReplaySource::Format::Unknown);
        QCOMPARE(ReplaySource::detect(str(dir.path())), ReplaySource::Format::Unknown);

        ReplaySource replay({str(good), str(missing), str(good)});
        Collector c;
        QVERIFY(!replay.run(c.sink()));
        QVERIFY2(replay.error().find(str(missing)) != std::string::npos, replay.error().c_str());
        QCOMPARE(c.trades.size(), size_t(3)); // the first file stays delivered, the third is not read

        ReplaySource recording({str(missingRecording)});
        QVERIFY(!recording.run(c.sink()));
        QVERIFY2(recording.error().find(str(missingRecording)) != std::string::npos, recording.error().c_str());
    }

    void damagedRecording()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("damaged.gz");
        QVERIFY(writeGzip(path, "1721347201292005428 " + kTradeFrame + "\n"
                                "this line is not a frame\n"
                                "1721347201292005429 {oops\n"
                                "1721347020984480942 " + kDepthFrame + "\n"
                                "1721347201292005430 " + kTradeFrame.left(60))); // cut, no newline
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.read(2), QByteArray("\x1f\x8b")); // really gzip, whatever the reader assumes
        f.close();
        QCOMPARE(ReplaySource::detect(str(path)), ReplaySource::Format::Recording);

        ReplaySource replay({str(path)});
        Collector c;
        QVERIFY2(replay.run(c.sink()), replay.error().c_str());
        QCOMPARE(c.trades.size(), size_t(1));
        QCOMPARE(c.depthUpdates, size_t(1));
        const ReplayStats &st = replay.stats();
        QCOMPARE(st.lines, uint64_t(5));
        QCOMPARE(st.events, uint64_t(2));
        QCOMPARE(st.badLines, uint64_t(1));         // no JSON at all
        QCOMPARE(st.decode.frames, uint64_t(4));
        QCOMPARE(st.decode.malformed, uint64_t(2)); // "{oops" and the cut frame
    }

    // A gzip stream cut short (recorder killed): what was readable is delivered, then an error.
    void truncatedGzip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QByteArray text;
        for (int i = 0; i < 5000; ++i)
            text += QByteArray::number(1721347201292005428LL + i * 1000000LL) + ' '
                    + QByteArray(kTradeFrame).replace("5182006711", QByteArray::number(5182006711LL + i)) + '\n';
        const QString full = dir.filePath("full.gz"), cut = dir.filePath("cut.gz");
        QVERIFY(writeGzip(full, text));
        QFile in(full);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        QVERIFY(writeFile(cut, bytes.left(bytes.size() / 2)));

        ReplaySource replay({str(cut)});
        Collector c;
        QVERIFY(!replay.run(c.sink()));
        QVERIFY2(replay.error().find(str(cut)) != std::string::npos, replay.error().c_str());
        QVERIFY(c.trades.size() > 100 && c.trades.size() < 5000);
        QVERIFY(idsConsecutive(c.trades, 5182006711, 5182006711 + int64_t(c.trades.size()) - 1));
        QVERIFY(replay.stats().decode.malformed <= 1); // at most the cut line
    }

    void pacingAndCancel()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("BTCUSDT-aggTrades-2025-04-01.csv");
        QVERIFY(writeFile(path, "1,100,1,1,1,1743465600000,true\n"
                                "2,100,1,2,2,1743465600150,true\n"
                                "3,100,1,3,3,1743465600300,true\n"));

        // 300 ms of exchange time at 2× → about 150 ms of wall time.
        ReplaySource::Options twice;
        twice.speed = 2.0;
        ReplaySource paced({str(path)}, twice);
        Collector c;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(paced.run(c.sink()));
        QCOMPARE(c.trades.size(), size_t(3));
        QVERIFY2(timer.elapsed() >= 140, qPrintable(QString::number(timer.elapsed())));

        std::atomic<bool> cancel{false};
        ReplaySource::Options cancelOptions;
        cancelOptions.cancel = &cancel;
        ReplaySource cancellable({str(path), str(path)}, cancelOptions);
        size_t events = 0;
        QVERIFY(cancellable.run([&](const MarketEvent &) {
            ++events;
            cancel = true;
        }));
        QCOMPARE(events, size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestReplay)
#include "test_replay.moc"
