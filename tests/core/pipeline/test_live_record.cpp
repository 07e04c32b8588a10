// --record: a live session under forced disconnects and trade ids the stream never sends (REST
// fills them) is recorded; replaying the files (ReplaySource, as --replay and report read them)
// into a fresh engine gives the same key levels and footprint as the live engine. And the
// folder stays under its size bound, oldest files removed first. Open interest (the 60 s poll and
// the 5-minute history) is recorded too and replays to the same values.
#include "support/LiveHarness.h"
#include "pipeline/ReplaySource.h"
#include "binance/SessionRecorder.h"
#include "engine/DerivativesQuery.h"
#include "engine/KeyLevels.h"
#include "model/Fixed.h"
#include "model/Time.h"
#include "server/JsonEncoders.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace co;
using namespace co::test;

namespace {

QJsonObject levelsOf(const EngineSnapshot &s, int64_t nowMs)
{
    KeyLevelsOptions o;
    o.timeframes = {Timeframe::M1, Timeframe::M5};
    o.rows = true;
    o.nowMs = nowMs;
    QJsonObject j = toJson(buildKeyLevels(s, o));
    j.remove("dataQuality"); // says live vs replay; the numbers are the point
    return j;
}

} // namespace

class TestLiveRecord : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules("co.binance.info=false"); }

    void recordingReplaysToTheSameLevels()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const int64_t start = daysFromCivil({2026, 3, 2}) * kMsPerDay + 10 * kMsPerHour;
        FakeSymbolData data;
        data.symbol = "BTCUSDT";
        data.trades = syntheticTrades(23, 12'000, 6'000'000, start, 25);
        syntheticDepth(29, 3'000, start, 100, data);
        ScaledClock clock(start, 1.0);
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        fake.addSymbol(data);
        const int64_t first = data.trades.front().id;
        fake.faults().withheldFrom = first + 3'000; // never streamed: REST has them
        fake.faults().withheldTo = first + 3'400;

        LiveSession::Options o = fastOptions(fake, {"BTCUSDT"});
        o.recordDir = dir.path();
        o.polls.openInterestHistDays = 1; // one page of 5-minute rows
        auto h = std::make_unique<LiveHarness>(o, clock, data);
        h->live.setResumeFrom("BTCUSDT", first - 1, start - 1);
        h->live.start();
        QTRY_COMPARE_WITH_TIMEOUT(h->state(), BinanceStatus::State::Live, 10'000);
        fake.play(40, 4);
        const size_t step = fake.scriptSize() / 6;
        for (size_t next = step; !fake.finished(); next += step) { // five cuts of both connections
            while (!fake.finished() && (fake.position() < next || fake.openConnections() < 2))
                QTest::qWait(1);
            fake.dropConnections();
        }
        QTRY_COMPARE_WITH_TIMEOUT(h->log.lastId(), data.trades.back().id, 30'000);
        QVERIFY(fake.drops() >= 4);
        QTest::qWait(300); // the last diffs and marks
        QTRY_VERIFY_WITH_TIMEOUT( // the open-interest history reached the engine (and the recording)
            [&] {
                h->engines.flush();
                const SnapshotPtr s = h->registry.snapshot("BTCUSDT");
                const auto oi = s ? buildOpenInterest(*s, 5 * kMsPerMinute, 500, data.trades.back().timeMs + 1000)
                                  : decltype(buildOpenInterest(*s, 0, 0, 0)){};
                return std::holds_alternative<OpenInterestResult>(oi) && std::get<OpenInterestResult>(oi).history.size() >= 200;
            }(),
            10'000);
        h->live.stop();    // closes the files
        h->engines.flush();
        const SnapshotPtr live = h->registry.snapshot("BTCUSDT");
        QVERIFY(live && live->today);
        QCOMPARE(live->today->totals.trades, int64_t(data.trades.size()));

        // One file per symbol per UTC hour of the receive time, named so that sorting is replay order.
        QStringList files = QDir(dir.path()).entryList({"*.gz"}, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const QString &f : files)
            QVERIFY2(QRegularExpression("^BTCUSDT-\\d{8}-\\d{2}\\.gz$").match(f).hasMatch(), qPrintable(f));
        std::vector<std::string> paths;
        for (const QString &f : files)
            paths.push_back(QDir(dir.path()).filePath(f).toStdString());

        EngineRegistry registry;
        EngineThread engines(registry);
        SymbolInfo info;
        info.name = data.symbol;
        info.tickSize = data.tickSize;
        info.stepSize = data.stepSize;
        info.tickSource = TickSource::ExchangeInfo;
        engines.post(std::function<void(MarketFeed &)>([info](MarketFeed &feed) { feed.setSymbolInfo(info); }));
        ReplaySource replay(paths);
        int64_t trades = 0;
        std::vector<OpenInterest> ois;
        QVERIFY2(replay.run([&](const MarketEvent &e) {
            trades += std::holds_alternative<Trade>(e.payload);
            if (const auto *oi = std::get_if<OpenInterest>(&e.payload))
                ois.push_back(*oi);
            engines.post(e);
        }),
                 replay.error().c_str());
        QCOMPARE(replay.stats().badLines, uint64_t(0));
        QCOMPARE(replay.stats().decode.malformed + replay.stats().decode.missingField, uint64_t(0));
        QCOMPARE(trades, int64_t(data.trades.size())); // each trade once, withheld ones included
        engines.flush();
        const SnapshotPtr again = registry.snapshot("BTCUSDT");
        QVERIFY(again);
        const int64_t now = data.trades.back().timeMs + 1000;
        const QJsonObject a = levelsOf(*live, now), b = levelsOf(*again, now);
        QVERIFY(a.value("footprint").toObject().value("1m").toObject().value("bars").toArray().size() >= 4);
        QVERIFY2(a == b, qPrintable(QJsonDocument(a).toJson().left(600) + "\n---\n" + QJsonDocument(b).toJson().left(600)));
        QCOMPARE(again->quality.gaps.size(), live->quality.gaps.size());

        // Open interest: the fake answers openInterest 10659.509 (no USDT value) and 5-minute history
        // rows of 80000 + (period number mod 1000) contracts worth 50000 USDT each.
        int64_t polled = 0;
        QVERIFY(parseFixed("10659.509", polled));
        QVERIFY(std::any_of(ois.begin(), ois.end(), [&](const OpenInterest &o) { return o.openInterest == polled && o.valueUsdt == 0; }));
        size_t rows = 0;
        for (const OpenInterest &o : ois) {
            if (o.valueUsdt == 0)
                continue;
            ++rows;
            const int64_t contracts = 80'000 + floorMod(o.timeMs / (5 * kMsPerMinute), int64_t(1000));
            QCOMPARE(o.timeMs % (5 * kMsPerMinute), int64_t(0));
            QCOMPARE(o.openInterest, contracts * kFixedOne);
            QCOMPARE(o.valueUsdt, contracts * 50'000 * kFixedOne);
        }
        QVERIFY(rows >= 100); // 30 days of history pages
        const auto liveOi = buildOpenInterest(*live, 5 * kMsPerMinute, 500, now);
        const auto replayedOi = buildOpenInterest(*again, 5 * kMsPerMinute, 500, now);
        QVERIFY(std::holds_alternative<OpenInterestResult>(liveOi) && std::holds_alternative<OpenInterestResult>(replayedOi));
        const auto &x = std::get<OpenInterestResult>(liveOi), &y = std::get<OpenInterestResult>(replayedOi);
        QCOMPARE(y.timeMs, x.timeMs);
        QCOMPARE(y.openInterest, x.openInterest);
        QCOMPARE(y.history.size(), x.history.size());
        for (size_t i = 0; i < x.history.size(); ++i) {
            QCOMPARE(y.history[i].timeMs, x.history[i].timeMs);
            QCOMPARE(y.history[i].openInterest, x.history[i].openInterest);
        }
        engines.stop();
    }

    // Over the bound, closed files go oldest first; the file being written stays.
    void diskUseStaysBounded()
    {
        const int64_t t0 = daysFromCivil({2026, 3, 2}) * kMsPerDay;
        const std::vector<Trade> trades = syntheticTrades(3, 6 * 500, 1, t0, 7200); // 6 hours
        auto record = [&trades](SessionRecorder &rec) {
            for (size_t i = 0; i < trades.size(); i += 100) {
                std::vector<MarketEvent> batch;
                for (size_t k = i; k < std::min(trades.size(), i + 100); ++k) {
                    MarketEvent e;
                    e.symbol.assign("BTCUSDT");
                    e.localMs = trades[k].timeMs;
                    e.payload = trades[k];
                    batch.push_back(std::move(e));
                }
                rec.write(batch);
            }
            rec.close();
        };
        QTemporaryDir free, dir;
        QVERIFY(free.isValid() && dir.isValid());
        SessionRecorder unbounded({free.path(), 0, 0, 0});
        record(unbounded);
        const QFileInfoList all = QDir(free.path()).entryInfoList({"*.gz"}, QDir::Files, QDir::Name);
        QCOMPARE(all.size(), 6); // one per UTC hour
        const int64_t bound = all[0].size() * 5 / 2; // room for two hours' files
        SessionRecorder rec({dir.path(), bound, 0, 0});
        record(rec);
        const QFileInfoList left = QDir(dir.path()).entryInfoList({"*.gz"}, QDir::Files, QDir::Name);
        int64_t total = 0;
        for (const QFileInfo &f : left)
            total += f.size();
        QVERIFY2(total <= bound, qPrintable(QString("%1 > %2").arg(total).arg(bound)));
        QCOMPARE(left.size(), 2);
        QCOMPARE(left.back().fileName(), SessionRecorder::fileName("BTCUSDT", trades.back().timeMs)); // newest kept
        QCOMPARE(rec.status().bytesOnDisk, total);
        QVERIFY(rec.status().filesRemoved >= 1);
    }
};

QTEST_MAIN(TestLiveRecord)
#include "test_live_record.moc"
