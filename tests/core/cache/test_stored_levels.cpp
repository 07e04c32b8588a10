// core/cache: a day summary's key levels go into storage's record and come back as the same
// KeyLevels, so get_key_levels answers a stored day byte for byte as it did when the summary
// held the API's JSON — for a day written now and for one written by the previous schema and
// migrated. The "before" answer is built the way the server built it: the stored JSON parsed,
// the history's warnings appended to dataQuality.warnings, sessionTZ added.
#include "cache/CacheDayHistory.h"
#include "cache/DaySummaries.h"
#include "engine/MarketEngine.h"
#include "model/Time.h"
#include "server/JsonEncoders.h"
#include "server/Tools.h"
#include "storage/Database.h"
#include "storage/Sqlite.h"
#include "storage/TradeWriter.h"

#include "support/Fixtures.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace co;

namespace {
QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

// Every field of the answer set (values a 15-digit rendering would change), or only the required.
KeyLevels handMade(bool full)
{
    KeyLevels k;
    k.symbol = "BTCUSDT";
    k.date = "2024-07-18";
    k.tickSize = 0.1;
    k.trades = 4567;
    k.volume = 353.5;
    k.buyVolume = 0.1 + 0.2;
    k.sellVolume = 183.25;
    k.delta = -12.345678901234567;
    k.cvd = 1e-300;
    if (!full)
        return k;
    k.open = 67000;
    k.high = 67300;
    k.low = 66900.5;
    k.close = 67125.1;
    k.dVWAP = 67123.45678901234;
    k.bands = VwapBands{67123.45678901234, 12.345678901234567};
    k.dPOC = 67100.2;
    k.dVAH = 67200.3;
    k.dVAL = 67000.1;
    k.pdVWAP = 66777.77777777778;
    k.pdPOC = 66800;
    k.pdVAH = 67000;
    k.pdVAL = 66500;
    k.pdHigh = 67500;
    k.pdLow = 66000;
    k.pdClose = 66999.9;
    k.sessions = {{"tokyo", "00:00", "09:00", 0, {}, {}, {}, {}, {}, {}, {}, {}, {}, false},
                  {"london", "07:00", "16:30", 3, 67050, 66950, 66990, 67010, 2.75, 1.5, 1.25, 0.25, 67001.33333333333, true}};
    k.nakedPOCs = {{"2024-07-17", 67100, -25.1, -0.037}};
    DataQuality &q = k.quality;
    q.live = true;
    q.source = "cache";
    q.ageMs = 12345;
    q.fromMs = 1'721'260'800'000;
    q.toMs = 1'721'347'200'000;
    q.coverage = 0.9876543210987654;
    q.tradeSource = TradeSource::AggTrade;
    q.tickSize = 10'000'000;
    q.tickSource = TickSource::Cache;
    q.gaps = {{1'721'260'900'000, 1'721'260'901'000, 11, 12, "id_gap"}, {5, 6, 0, 0, "ws_reconnect"}};
    q.gapsOmitted = 7;
    q.excluded = {{"ADL", 3}, {"INSURANCE_FUND", 4}};
    q.duplicates = 2;
    q.offGridTrades = 1;
    q.warnings = {"w1"};
    return k;
}

Trade trade(int64_t id, int64_t t, int64_t priceTicks, int64_t qtySteps, bool buyerMaker)
{
    Trade x;
    x.id = id;
    x.timeMs = t;
    x.price = priceTicks * 10'000'000; // tick 0.1
    x.qty = qtySteps * 100'000;       // step 0.001
    x.buyerMaker = buyerMaker;
    return x;
}

// Three days of an engine (2024-08-06 … 08): pd… levels, naked POCs and sessions for the last.
SnapshotPtr engineDay()
{
    MarketEngine e(co::test::btcusdt(), EngineConfig{});
    const int64_t day0 = daysFromCivil({2024, 8, 6}) * kMsPerDay;
    int64_t id = 1;
    for (int d = 0; d < 3; ++d)
        for (int i = 0; i < 40; ++i)
            e.onTrade(trade(id++, day0 + d * kMsPerDay + i * 37 * kMsPerMinute, 600'000 + d * 70 + (i * 7) % 23,
                            1 + (i * 13) % 29, i % 3 == 0));
    return e.publish();
}

// The row of day_summaries a schema-2 program wrote (levels_json = the answer's JSON).
QByteArray legacyRow(int64_t day, const QByteArray &json)
{
    return "INSERT INTO day_summaries VALUES (1, 'UTC', " + QByteArray::number(qint64(day)) + ", " +
           QByteArray::number(qint64(day * kMsPerDay)) + ", " + QByteArray::number(qint64((day + 1) * kMsPerDay)) +
           ", 40, 1, 1, 1, 10000000, '" + json + "', 0, 0);";
}

bool schema2File(const QString &path, const QByteArray &rows, QString *error)
{
    QByteArray script;
    for (const char *m : {":/migrations/0001_initial.sql", ":/migrations/0002_day_delta.sql"}) {
        QFile f(m);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        script += f.readAll() + "\n";
    }
    script += "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL);"
              "INSERT INTO schema_version VALUES (1, '0001_initial.sql', 0), (2, '0002_day_delta.sql', 0);"
              "INSERT INTO symbols(id, name, price_unit, qty_unit) VALUES (1, 'BTCUSDT', 10000000, 100000);" +
              rows;
    sqlite3 *raw = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &raw) != SQLITE_OK)
        return false;
    const bool ok = execScript(raw, script, error);
    sqlite3_close(raw);
    return ok;
}

// get_key_levels for a stored day, and what the server answered when it served the stored JSON.
struct Answers {
    QByteArray now, before;
};

Answers answers(const QString &path, int64_t day, const QByteArray &storedJson)
{
    EngineRegistry registry;
    CacheDayHistory::Options o;
    o.path = path;
    o.engine = registry.config();
    o.waitMs = 30'000;
    auto history = std::make_shared<CacheDayHistory>(o);
    const Tools tools(registry, {"BTCUSDT"}, history);
    const QString date = QString::fromStdString(isoDate(day));
    const auto r = tools.call("get_key_levels", QJsonObject{{"symbol", "BTCUSDT"}, {"date", date}});
    if (const ApiError *e = std::get_if<ApiError>(&r))
        qFatal("get_key_levels %s: %s", qPrintable(date), qPrintable(e->message));
    const auto h = history->day({"BTCUSDT", day, "UTC"});
    QJsonObject before = QJsonDocument::fromJson(storedJson).object();
    QJsonObject q = before["dataQuality"].toObject();
    QJsonArray w = q["warnings"].toArray();
    for (const std::string &s : std::get<HistoryDay>(h).warnings)
        w.append(QString::fromStdString(s));
    q.insert("warnings", w);
    before.insert("dataQuality", q);
    before.insert("sessionTZ", "UTC");
    return {compact(std::get<ToolOutput>(r).structured), compact(before)};
}
} // namespace

class TestStoredLevels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // KeyLevels → record → bytes → record → KeyLevels encodes to the same answer.
    void recordKeepsTheAnswer_data()
    {
        QTest::addColumn<bool>("full");
        QTest::newRow("every optional") << true;
        QTest::newRow("no optional") << false;
    }
    void recordKeepsTheAnswer()
    {
        QFETCH(bool, full);
        const KeyLevels k = handMade(full);
        const auto back = decodeStoredLevels(encodeStoredLevels(storedLevelsOf(k)));
        QVERIFY(back);
        QCOMPARE(compact(toJson(keyLevelsOf(*back))), compact(toJson(k)));
    }

    // An engine's day: the summary's record gives what the summary's JSON held.
    void summaryOfAnEngineDay()
    {
        const SnapshotPtr s = engineDay();
        const auto r = summarizeToday(*s);
        QVERIFY(r && r->levels);
        const KeyLevels k = buildKeyLevels(*s, {});
        QVERIFY(k.pdPOC && k.bands && !k.nakedPOCs.empty() && !k.sessions.empty());
        const auto back = decodeStoredLevels(encodeStoredLevels(*r->levels));
        QVERIFY(back);
        QCOMPARE(compact(toJson(keyLevelsOf(*back))), compact(toJson(k)));
    }

    // The tool over the cache: a day summarized now, and days a schema-2 program stored as JSON
    // and the migration converted, answer byte for byte as the stored JSON was served.
    void storedDaysAnswerAsBefore()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        const SnapshotPtr s = engineDay();
        const QByteArray engineJson = compact(toJson(buildKeyLevels(*s, {}))); // what schema 2 stored
        const QByteArray fullJson = compact(toJson(handMade(true)));
        const QByteArray bareJson = compact(toJson(handMade(false)));
        const int64_t july18 = daysFromCivil({2024, 7, 18});
        QString error;
        QVERIFY2(schema2File(path,
                             legacyRow(s->today->day, engineJson) + legacyRow(july18, fullJson) +
                                 legacyRow(july18 - 1, bareJson),
                             &error),
                 qPrintable(error));
        {
            TradeWriter w(path); // opens read-write: migrates
            QVERIFY2(w.start(&error), qPrintable(error));
            auto fresh = summarizeToday(*s);
            QVERIFY(fresh);
            fresh->day = s->today->day - 10; // the same levels, summarized by this program
            w.addDaySummary(w.symbol(s->symbol), *fresh);
            QVERIFY(w.flush(10'000));
            w.stop();
        }
        for (const auto &[day, json] : {std::pair{s->today->day, engineJson}, std::pair{july18, fullJson},
                                        std::pair{july18 - 1, bareJson}, std::pair{s->today->day - 10, engineJson}}) {
            const Answers a = answers(path, day, json);
            QVERIFY(a.now.contains("no longer in the trade cache"));
            QCOMPARE(a.now, a.before);
        }
    }
};

QTEST_GUILESS_MAIN(TestStoredLevels)
#include "test_stored_levels.moc"
