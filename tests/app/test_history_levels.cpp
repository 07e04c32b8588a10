// get_key_levels for days the engine does not hold: replay recorded days into the running program
// with its cache, then rebuild days from the cache (app/CacheDayHistory) and compare them field by
// field with what a live engine gave for the same day — in DAY_TZ, and in another zone against an
// engine that ran with that zone as DAY_TZ. Then the tool end to end: stored summaries beyond the
// trade cache, the errors naming what is kept, one rebuild per day however many callers.
#include "app/Application.h"
#include "cache/CacheDayHistory.h"
#include "cache/StorageService.h"
#include "engine/BarQueries.h"
#include "engine/DayLevels.h"
#include "engine/KeyLevels.h"
#include "model/Time.h"
#include "server/JsonEncoders.h"
#include "server/Tools.h"
#include "storage/TradeWriter.h"
#include "support/ConfigFor.h"
#include "support/SharedData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace co;

namespace {
using co::test::configFor;

// Key levels as the tool builds them, at a fixed "now" so session flags compare; dataQuality
// differs by design (source "cache", coverage of the span) and is left out.
QJsonObject levelsOf(const EngineSnapshot &s, int64_t nowMs)
{
    KeyLevelsOptions o;
    o.nowMs = nowMs;
    QJsonObject j = toJson(buildKeyLevels(s, o));
    j.remove("dataQuality");
    return j;
}

// The live engine's prior day seen as its today (what get_key_levels answers for it).
QJsonObject priorLevelsOf(const EngineSnapshot &s, int64_t nowMs)
{
    KeyLevelsOptions o;
    o.nowMs = nowMs;
    DayRequest r;
    r.day = s.prior->day;
    QJsonObject j = toJson(std::get<KeyLevels>(buildDayLevels(s, r, o)));
    j.remove("dataQuality");
    return j;
}

bool same(const QJsonObject &live, const QJsonObject &rebuilt)
{
    if (live == rebuilt)
        return true;
    qWarning("live:    %s", QJsonDocument(live).toJson(QJsonDocument::Compact).left(4000).constData());
    qWarning("rebuilt: %s", QJsonDocument(rebuilt).toJson(QJsonDocument::Compact).left(4000).constData());
    return false;
}

// Footprint answers: the bars field by field (dataQuality differs by design: live vs cache).
bool sameBars(const QJsonObject &live, const QJsonObject &rebuilt)
{
    QJsonObject a = live, b = rebuilt;
    a.remove("dataQuality");
    b.remove("dataQuality");
    return same(a, b);
}

HistoryDay historyDay(HistoryProvider &h, const std::string &symbol, const QString &date, const std::string &zone)
{
    int64_t day = 0;
    if (!parseIsoDate(date.toStdString(), day))
        qFatal("bad date");
    const auto r = h.day({symbol, day, zone});
    if (const QueryError *e = std::get_if<QueryError>(&r))
        qFatal("history %s: %s", qPrintable(date), e->message.c_str());
    return std::get<HistoryDay>(r);
}

// Replays files into a fresh engine (no cache) and returns its last snapshot.
SnapshotPtr replayed(const QStringList &paths, const QStringList &extra)
{
    Application app(configFor(QStringList{"--headless", "--offline", "--port", "0", "--symbols", "BTCUSDT", "--replay"} +
                              paths + QStringList{"--exit-when-done"} + extra));
    QSignalSpy done(&app, &Application::replayDone);
    QString error;
    if (!app.start(&error))
        qFatal("start: %s", qPrintable(error));
    if (!done.wait(60'000) || !done.at(0).at(0).toBool())
        qFatal("replay failed");
    SnapshotPtr s = app.registry().snapshot("BTCUSDT");
    app.stop();
    return s;
}
} // namespace

class TestHistoryLevels : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QStringList paths_;
    SnapshotPtr live_; // DAY_TZ=UTC, with the cache

    QString db() const { return dir_.filePath("cache.sqlite"); }
    std::shared_ptr<CacheDayHistory> history(const EngineConfig &engine = {}) const
    {
        CacheDayHistory::Options o;
        o.path = db();
        o.engine = engine;
        o.waitMs = 30'000;
        return std::make_shared<CacheDayHistory>(o);
    }

private Q_SLOTS:
    void initTestCase()
    {
        for (const QString f : {"hftbacktest/btcusdt_20240718.gz", "hftbacktest/btcusdt_20240719.gz"}) {
            const QString p = co::test::sharedFile(f);
            if (p.isEmpty())
                QSKIP(qPrintable(QStringLiteral("shared data file %1 not found (set CO_SHARED_DATA_DIR to "
                                                "../shared/data/binance)").arg(f)));
            paths_ << p;
        }
        live_ = replayed(paths_, {"--cache-db-path", db()});
        QVERIFY(live_ && live_->hasTrade && live_->prior);
        QCOMPARE(QString::fromStdString(isoDate(live_->today->day)), QString("2024-07-19"));
    }

    // Today (the newest day) and the prior day in DAY_TZ, rebuilt from the cache = the live engine.
    void rebuildEqualsLiveInDayTz()
    {
        auto h = history();
        const HistoryDay today = historyDay(*h, "BTCUSDT", "2024-07-19", "UTC");
        QVERIFY(today.snapshot);
        QVERIFY(!today.complete); // nothing stored after it: kept a few seconds only
        QCOMPARE(today.snapshot->today->totals.trades, live_->today->totals.trades);
        QVERIFY(same(levelsOf(*live_, live_->lastTradeMs), levelsOf(*today.snapshot, live_->lastTradeMs)));
        QVERIFY(today.snapshot->prior); // pd… from the stored day before, which the recording starts late in
        QCOMPARE(today.warnings.size(), size_t(1));
        QVERIFY(QString::fromStdString(today.warnings[0]).contains("within the prior day"));

        const HistoryDay prior = historyDay(*h, "BTCUSDT", "2024-07-18", "UTC");
        QVERIFY(prior.snapshot);
        QVERIFY(prior.complete);
        QVERIFY(same(priorLevelsOf(*live_, live_->lastTradeMs), levelsOf(*prior.snapshot, live_->lastTradeMs)));
        QVERIFY(!prior.warnings.empty()); // no stored trades before it: no pd… levels
    }

    // The footprint of the stored days (now read from trade blocks and open rows) equals the live
    // engine's, field by field (every row, every imbalance), for every timeframe and two row sizes.
    void rebuiltFootprintEqualsLive()
    {
        auto h = history();
        const HistoryDay today = historyDay(*h, "BTCUSDT", "2024-07-19", "UTC");
        const HistoryDay prior = historyDay(*h, "BTCUSDT", "2024-07-18", "UTC");
        QVERIFY(today.snapshot && prior.snapshot);
        int64_t midnight = 0;
        QVERIFY(parseIsoDate("2024-07-19", midnight));
        midnight *= 86'400'000;
        for (const Timeframe tf : kTimeframes)
            for (const int64_t grouping : {int64_t(1), int64_t(5)}) {
                FootprintQuery q;
                q.timeframe = tf;
                q.grouping = grouping;
                q.rows = true;
                q.startMs = midnight; // the day's own bars (the live engine also holds the prior day's)
                const auto live = buildFootprintRange(*live_, q, live_->lastTradeMs);
                const auto rebuilt = buildFootprintRange(*today.snapshot, q, live_->lastTradeMs);
                QVERIFY(std::holds_alternative<FootprintRange>(live) && std::holds_alternative<FootprintRange>(rebuilt));
                QVERIFY(!std::get<FootprintRange>(live).bars.empty());
                QVERIFY(sameBars(toJson(std::get<FootprintRange>(live), {}), toJson(std::get<FootprintRange>(rebuilt), {})));
                // The prior day's bars: kept by the live engine, rebuilt as that day's today (the
                // rebuilt snapshot keeps only the asked day's bars: its prior day's are not there).
                q.startMs = INT64_MIN;
                q.endMs = midnight;
                const auto livePrior = buildFootprintRange(*live_, q, live_->lastTradeMs);
                const auto rebuiltPrior = buildFootprintRange(*prior.snapshot, q, live_->lastTradeMs);
                QVERIFY(std::holds_alternative<FootprintRange>(livePrior) &&
                        std::holds_alternative<FootprintRange>(rebuiltPrior));
                QVERIFY(!std::get<FootprintRange>(livePrior).bars.empty());
                QVERIFY(sameBars(toJson(std::get<FootprintRange>(livePrior), {}),
                                 toJson(std::get<FootprintRange>(rebuiltPrior), {})));
            }
    }

    // Another zone: the same day of an engine that ran with DAY_TZ=Asia/Tokyo (or New York, whose
    // day 2024-07-18 holds both files), rebuilt from the UTC cache.
    void rebuildEqualsLiveInOtherZone_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("date");
        QTest::newRow("Tokyo") << "Asia/Tokyo" << "2024-07-19";
        QTest::newRow("New York") << "America/New_York" << "2024-07-18";
    }
    void rebuildEqualsLiveInOtherZone()
    {
        QFETCH(QString, zone);
        QFETCH(QString, date);
        const SnapshotPtr other = replayed(paths_, {"--day-tz", zone});
        QVERIFY(other && other->hasTrade);
        QCOMPARE(QString::fromStdString(isoDate(other->today->day)), date);
        auto h = history();
        const HistoryDay d = historyDay(*h, "BTCUSDT", date, zone.toStdString());
        QVERIFY(d.snapshot);
        QCOMPARE(d.snapshot->today->startMs, other->today->startMs);
        QVERIFY(same(levelsOf(*other, other->lastTradeMs), levelsOf(*d.snapshot, other->lastTradeMs)));
    }

    // The tool end to end over the running program's cache (what MCP, REST and --stdio call).
    void toolAnswersFromTheCache()
    {
        // A day long gone from the trade cache, with only its summary kept.
        {
            TradeWriter w(db());
            QString error;
            QVERIFY2(w.start(&error), qPrintable(error));
            DaySummaryRecord r;
            r.symbol = "BTCUSDT";
            r.day = daysFromCivil({2024, 7, 1});
            r.startMs = r.day * kMsPerDay;
            r.endMs = r.startMs + kMsPerDay;
            r.trades = 10;
            r.high = r.low = r.poc = 6'000'000'000'000;
            r.tickSize = live_->symbol.tickSize;
            StoredLevels levels;
            levels.symbol = "BTCUSDT";
            levels.date = "2024-07-01";
            levels.poc = 60000;
            r.levels = levels;
            w.addDaySummary(w.symbol(live_->symbol), r);
            QVERIFY(w.flush(10'000));
            w.stop();
        }
        Application app(configFor({"--headless", "--offline", "--port", "0", "--symbols", "BTCUSDT", "--cache-db-path", db()}));
        QString error;
        QVERIFY2(app.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(app.storage()->isRestored(), 30'000);
        QVERIFY(app.history());
        const Tools tools(app.registry(), {"BTCUSDT"}, app.history());
        auto call = [&](const QJsonObject &args) { return tools.call("get_key_levels", args); };
        auto ok = [&](const QJsonObject &args) {
            const auto r = call(args);
            if (const ApiError *e = std::get_if<ApiError>(&r))
                qFatal("get_key_levels: %s", qPrintable(e->message));
            return std::get<ToolOutput>(r).structured;
        };
        auto fails = [&](const QJsonObject &args, ApiErrorKind kind) {
            const auto r = call(args);
            const ApiError *e = std::get_if<ApiError>(&r);
            if (!e || e->kind != kind)
                qFatal("get_key_levels %s: expected an error", QJsonDocument(args).toJson(QJsonDocument::Compact).constData());
            return e->message;
        };
        const QJsonObject btc{{"symbol", "BTCUSDT"}};
        auto with = [](QJsonObject o, const QString &k, const QString &v) {
            o.insert(k, v);
            return o;
        };

        // The prior day: rebuilt (the engine holds it only without its own prior day).
        const QJsonObject prior = ok(with(btc, "date", "2024-07-18"));
        QCOMPARE(prior["date"].toString(), QString("2024-07-18"));
        QCOMPARE(prior["dataQuality"].toObject()["source"].toString(), QString("cache"));
        // Another zone, today by default: rebuilt from the cache in that zone.
        const QJsonObject tokyo = ok(with(btc, "sessionTZ", "Asia/Tokyo"));
        QCOMPARE(tokyo["date"].toString(), QString("2024-07-19"));
        QCOMPARE(tokyo["sessionTZ"].toString(), QString("Asia/Tokyo"));
        QCOMPARE(tokyo["trades"].toInteger(), live_->today->totals.trades + live_->prior->totals.trades);
        // Older than the trade cache: the stored summary, said so.
        const QJsonObject old = ok(with(btc, "date", "2024-07-01"));
        QCOMPARE(old["dPOC"].toDouble(), 60000.0);
        QCOMPARE(old["sessionTZ"].toString(), QString("UTC"));
        QVERIFY(old["dataQuality"].toObject()["warnings"].toArray()[0].toString().contains("no longer in the trade cache"));
        // ... but only in DAY_TZ.
        const QString tz = fails(with(with(btc, "date", "2024-07-01"), "sessionTZ", "Asia/Tokyo"), ApiErrorKind::Unsupported);
        QVERIFY2(tz.contains("only the days of DAY_TZ=UTC") && tz.contains("rebuilt in Asia/Tokyo: 2024-07-19 to 2024-07-19"),
                 qPrintable(tz));
        // Nothing stored: the dates that are.
        const QString none = fails(with(btc, "date", "2024-06-01"), ApiErrorKind::NotInMemory);
        QVERIFY2(none.contains("kept: trades for 2024-07-18 to 2024-07-19") &&
                     none.contains("day summaries for 2024-07-01 to 2024-07-19 (DAY_TZ=UTC only)"),
                 qPrintable(none));
        app.stop();
    }

    // A day after a gap: its prior day is the stored day before it, and naked POCs of older days
    // come from the day summaries (as the engine that ran through all of them kept them), and so
    // does the cvd before them with CVD_RESET=none.
    void olderNakedPocsFromSummaries_data()
    {
        QTest::addColumn<QString>("cvdReset");
        QTest::newRow("CVD_RESET=day") << "day";
        QTest::newRow("CVD_RESET=none") << "none";
    }
    void olderNakedPocsFromSummaries()
    {
        QFETCH(QString, cvdReset);
        CO_REQUIRE_SHARED_FILE(aug, "hftbacktest/btcusdt_20240808.gz");
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        const SnapshotPtr live = replayed(paths_ + QStringList{aug}, {"--cache-db-path", path, "--cvd-reset", cvdReset});
        QVERIFY(live && live->history.size() == 2); // 2024-07-18 and 2024-07-19
        CacheDayHistory::Options o;
        o.path = path;
        o.engine = live->config;
        o.waitMs = 30'000;
        CacheDayHistory h(o);
        const HistoryDay d = historyDay(h, "BTCUSDT", "2024-08-08", "UTC");
        QVERIFY(d.snapshot);
        // The calendar day before 2024-08-08 has no trades: no prior day in either, only history.
        QVERIFY(!live->prior && !d.snapshot->prior);
        QCOMPARE(d.snapshot->history.size(), size_t(2));
        const QJsonObject levels = levelsOf(*live, live->lastTradeMs);
        QVERIFY(!levels["nakedPOCs"].toArray().isEmpty());
        QVERIFY(same(levels, levelsOf(*d.snapshot, live->lastTradeMs)));
        QCOMPARE(d.snapshot->cvdAll, live->cvdAll);
    }

    // Many callers, one rebuild; a completed day is answered from the LRU afterwards.
    void oneRebuildPerDay()
    {
        auto h = history();
        int64_t day = 0;
        QVERIFY(parseIsoDate("2024-07-18", day));
        std::vector<std::thread> callers;
        std::atomic<int> answered{0};
        for (int i = 0; i < 4; ++i)
            callers.emplace_back([&] {
                if (std::holds_alternative<HistoryDay>(h->day({"BTCUSDT", day, "UTC"})))
                    ++answered;
            });
        for (auto &t : callers)
            t.join();
        QCOMPARE(answered.load(), 4);
        QCOMPARE(h->computed(), uint64_t(1));
        QVERIFY(std::holds_alternative<HistoryDay>(h->day({"BTCUSDT", day, "UTC"})));
        QCOMPARE(h->computed(), uint64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestHistoryLevels)
#include "test_history_levels.moc"
