// get_footprint, get_footprint_statistics, get_session_profile and get_tpo_profile for a stored
// day: a server whose engines hold nothing answers `date` from the trade cache (CacheDayHistory),
// over MCP and REST, and the answers equal the same tools over the live engine that replayed those
// days, field by field. Also: the errors for bad and unstored dates.
#include "app/Application.h"
#include "cache/CacheDayHistory.h"
#include "model/Time.h"
#include "server/HttpServer.h"
#include "server/Tools.h"
#include "storage/TradeWriter.h"
#include "support/ConfigFor.h"
#include "support/ServerSupport.h"
#include "support/SharedData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace co;
using namespace co::testing;

namespace {
std::unique_ptr<Application> replayed(const QStringList &paths, const QStringList &extra)
{
    auto app = std::make_unique<Application>(co::test::configFor(
        QStringList{"--headless", "--offline", "--port", "0", "--symbols", "BTCUSDT", "--replay"} + paths + extra));
    QSignalSpy done(app.get(), &Application::replayDone);
    QString error;
    if (!app->start(&error))
        qFatal("start: %s", qPrintable(error));
    if (!done.wait(60'000) || !done.at(0).at(0).toBool())
        qFatal("replay failed");
    return app;
}

// What differs by design between the live engine and a rebuilt day: where the data came from
// (dataQuality, warnings) and what depends on the wall clock (a session "active", its coverage up
// to now: the replay's now is its last trade, a rebuilt day's is the wall clock).
QJsonObject comparable(QJsonObject o)
{
    o.remove("dataQuality");
    o.remove("warnings");
    if (o["sessions"].isArray()) {
        QJsonArray sessions;
        for (const QJsonValue &v : o["sessions"].toArray()) {
            QJsonObject s = v.toObject();
            s.remove("active");
            s.remove("coverage");
            sessions.append(s);
        }
        o.insert("sessions", sessions);
    }
    return o;
}

// The path of the first difference, e.g. "/bars[0]/bigTradeCount: 3 vs 0".
QString firstDifference(const QJsonValue &a, const QJsonValue &b, const QString &path = {})
{
    if (a.type() != b.type())
        return path + ": types differ";
    if (a.isObject()) {
        const QJsonObject x = a.toObject(), y = b.toObject();
        QStringList keys = x.keys() + y.keys();
        keys.removeDuplicates();
        for (const QString &k : keys)
            if (x.value(k) != y.value(k))
                return firstDifference(x.value(k), y.value(k), path + "/" + k);
    } else if (a.isArray()) {
        const QJsonArray x = a.toArray(), y = b.toArray();
        for (qsizetype i = 0; i < std::min(x.size(), y.size()); ++i)
            if (x[i] != y[i])
                return firstDifference(x[i], y[i], path + QStringLiteral("[%1]").arg(i));
        return path + QStringLiteral(": %1 vs %2 entries").arg(x.size()).arg(y.size());
    }
    return path + ": " + QJsonDocument(QJsonArray{a, b}).toJson(QJsonDocument::Compact);
}

bool same(const QString &what, const QJsonObject &live, const QJsonObject &stored)
{
    if (comparable(live) == comparable(stored))
        return true;
    qWarning("%s: first difference at %s", qPrintable(what), qPrintable(firstDifference(comparable(live), comparable(stored))));
    qWarning("live:   %s", QJsonDocument(live).toJson(QJsonDocument::Compact).left(3000).constData());
    qWarning("stored: %s", QJsonDocument(stored).toJson(QJsonDocument::Compact).left(3000).constData());
    return false;
}

QByteArray queryOf(const QJsonObject &args)
{
    QUrlQuery q;
    for (auto it = args.begin(); it != args.end(); ++it)
        if (it.key() != "symbol")
            q.addQueryItem(it.key(), it->isString() ? it->toString() : it->isBool() ? (it->toBool() ? "true" : "false")
                                                                                 : QString::number(it->toInteger()));
    return q.toString(QUrl::FullyEncoded).toUtf8();
}
} // namespace

class TestHistoryTools : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<Application> live_; // replayed both days, no cache: holds them as today and prior
    std::unique_ptr<Tools> liveTools_;
    EngineRegistry empty_;              // the stored-day server's engines: nothing received
    std::shared_ptr<CacheDayHistory> history_;
    std::unique_ptr<HttpServer> server_;
    quint16 port_ = 0;
    QByteArray session_;

    QJsonObject liveCall(const QString &tool, const QJsonObject &args)
    {
        const auto r = liveTools_->call(tool, args);
        if (const ApiError *e = std::get_if<ApiError>(&r))
            qFatal("live %s: %s", qPrintable(tool), qPrintable(e->message));
        return std::get<ToolOutput>(r).structured;
    }
    QJsonObject mcpCall(const QString &tool, const QJsonObject &args, bool *isError = nullptr)
    {
        const Http h = rawRequest(port_, post(port_, "/mcp", rpc(7, "tools/call", {{"name", tool}, {"arguments", args}}),
                                              "Mcp-Session-Id: " + session_ + "\r\n"),
                                  60'000);
        if (h.status != 200)
            qFatal("MCP %s: HTTP %d", qPrintable(tool), h.status);
        const QJsonObject result = h.json()["result"].toObject();
        if (isError)
            *isError = result["isError"].toBool();
        else if (result["isError"].toBool())
            qFatal("MCP %s: %s", qPrintable(tool), h.body.left(2000).constData());
        return result["structuredContent"].toObject();
    }
    Http rest(const QByteArray &resource, const QJsonObject &args)
    {
        return rawRequest(port_, get(port_, "/api/" + resource + "/BTCUSDT?" + queryOf(args)), 60'000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStringList paths;
        for (const QString f : {"hftbacktest/btcusdt_20240718.gz", "hftbacktest/btcusdt_20240719.gz"}) {
            const QString p = co::test::sharedFile(f);
            if (p.isEmpty())
                QSKIP(qPrintable(QStringLiteral("shared data file %1 not found (set CO_SHARED_DATA_DIR to "
                                                "../shared/data/binance)").arg(f)));
            paths << p;
        }
        const QString db = dir_.filePath("cache.sqlite");
        replayed(paths, {"--cache-db-path", db})->stop(); // stop: every trade written
        live_ = replayed(paths, {});
        const SnapshotPtr s = live_->registry().snapshot("BTCUSDT");
        QVERIFY(s && s->today && s->prior);
        QCOMPARE(QString::fromStdString(isoDate(s->prior->day)), QString("2024-07-18"));

        CacheDayHistory::Options o;
        o.path = db;
        o.engine = s->config;
        o.waitMs = 30'000;
        history_ = std::make_shared<CacheDayHistory>(o);
        // The same cache for the live tools: both time A3 events by the trades read back from it.
        liveTools_ = std::make_unique<Tools>(live_->registry(), QStringList{"BTCUSDT"}, history_);
        ServerOptions so;
        so.port = 0;
        so.threads = 1;
        server_ = std::make_unique<HttpServer>(empty_, QStringList{"BTCUSDT"}, so, [] { return HealthReport{}; },
                                               history_);
        QString error;
        QVERIFY2(server_->start(&error), qPrintable(error));
        port_ = server_->port();
        const Http init = rawRequest(port_, post(port_, "/mcp", rpc(1, "initialize", initParams())));
        QCOMPARE(init.status, 200);
        session_ = init.headers.value("mcp-session-id");
        QVERIFY(!session_.isEmpty());
    }
    void cleanupTestCase()
    {
        server_.reset();
        history_.reset();
        liveTools_.reset();
        if (live_)
            live_->stop();
    }

    // Every timeframe and two row sizes, both days, both footprint tools: MCP = REST = live.
    void footprintOfAStoredDay()
    {
        for (const QString date : {"2024-07-18", "2024-07-19"})
            for (const Timeframe tf : kTimeframes)
                for (const int ticks : {1, 5}) {
                    const QString what = date + " " + QString::fromUtf8(timeframeName(tf)) + " x" + QString::number(ticks);
                    const QJsonObject fp{{"symbol", "BTCUSDT"}, {"date", date}, {"timeframe", QString::fromUtf8(timeframeName(tf))},
                                         {"ticksPerRow", ticks}, {"view", "levels"}, {"compact", false}, {"limit", 200},
                                         // a 15m bar's list of big trades alone passes the 32 KB cap, and what
                                         // is cut depends on the answer's size (dataQuality differs); counts stay
                                         {"includeBigTrades", false}};
                    const QJsonObject live = liveCall("get_footprint", fp);
                    QVERIFY2(!live["bars"].toArray().isEmpty(), qPrintable(what));
                    const QJsonObject mcp = mcpCall("get_footprint", fp);
                    QVERIFY(same("get_footprint MCP " + what, live, mcp));
                    const Http r = rest("footprint", fp);
                    QCOMPARE(r.status, 200);
                    QVERIFY(same("get_footprint REST " + what, live, r.json()));
                    QCOMPARE(mcp["dataQuality"].toObject()["source"].toString(), QString("cache"));

                    QJsonObject st{{"symbol", "BTCUSDT"}, {"date", date}, {"timeframe", QString::fromUtf8(timeframeName(tf))},
                                   {"ticksPerRow", ticks}};
                    const QJsonObject liveSt = liveCall("get_footprint_statistics", st);
                    QVERIFY(same("get_footprint_statistics MCP " + what, liveSt, mcpCall("get_footprint_statistics", st)));
                    const Http rs = rest("footprint-statistics", st);
                    QCOMPARE(rs.status, 200);
                    QVERIFY(same("get_footprint_statistics REST " + what, liveSt, rs.json()));
                }
    }

    void profilesOfAStoredDay()
    {
        for (const QString date : {"2024-07-18", "2024-07-19"})
            for (const int ticks : {1, 5}) {
                const QString what = date + " x" + QString::number(ticks);
                const QJsonObject sp{{"symbol", "BTCUSDT"}, {"date", date}, {"ticksPerRow", ticks}, {"includeProfileLevels", true}};
                const QJsonObject live = liveCall("get_session_profile", sp);
                QCOMPARE(live["date"].toString(), date);
                QVERIFY(same("get_session_profile MCP " + what, live, mcpCall("get_session_profile", sp)));
                const Http r = rest("session-profile", sp);
                QCOMPARE(r.status, 200);
                QVERIFY(same("get_session_profile REST " + what, live, r.json()));

                const QJsonObject tp{{"symbol", "BTCUSDT"}, {"date", date}, {"ticksPerRow", ticks}, {"periodMinutes", 30},
                                     {"includeLevels", true}};
                const QJsonObject liveTpo = liveCall("get_tpo_profile", tp);
                QVERIFY(liveTpo["periods"].toInt() > 0);
                QVERIFY(same("get_tpo_profile MCP " + what, liveTpo, mcpCall("get_tpo_profile", tp)));
                const Http rt = rest("tpo-profile", tp);
                QCOMPARE(rt.status, 200);
                QVERIFY(same("get_tpo_profile REST " + what, liveTpo, rt.json()));
            }
    }

    // A day not stored names the stored days; a date that is no calendar day names the format.
    void datesNotStored()
    {
        bool isError = false;
        const QJsonObject none = mcpCall("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}, {"date", "2024-06-01"}}, &isError);
        QVERIFY(isError);
        const Http r = rest("session-profile", {{"symbol", "BTCUSDT"}, {"date", "2024-06-01"}});
        QCOMPARE(r.status, 404);
        const QString message = r.json()["error"].toObject()["message"].toString();
        QVERIFY2(message.contains("kept: trades for 2024-07-18 to 2024-07-19"), qPrintable(message));
        const Http bad = rest("tpo-profile", {{"symbol", "BTCUSDT"}, {"date", "2024-02-31"}});
        QCOMPARE(bad.status, 400);
        QVERIFY2(bad.json()["error"].toObject()["message"].toString().contains("Invalid date"), bad.body.constData());
        // Without a date the stored-day server has nothing (no trades since start-up).
        QCOMPARE(rest("footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}}).status, 503);
    }

    // The completed day is kept in the cache file: a new provider (a restart) answers it from the
    // record, equal to a fresh rebuild; a late trade of that day drops the record (rebuilt again).
    // Last: it writes into the cache.
    void storedDayKeptAcrossRestarts()
    {
        int64_t day = 0;
        QVERIFY(parseIsoDate("2024-07-18", day));
        const HistoryRequest r{"BTCUSDT", day, "UTC"};
        auto provider = [&](bool persist, int64_t completeMs = 300'000) {
            CacheDayHistory::Options o;
            o.completeMs = completeMs;
            o.path = dir_.filePath("cache.sqlite");
            o.engine = live_->registry().snapshot("BTCUSDT")->config;
            o.waitMs = 30'000;
            o.persist = persist;
            return std::make_shared<CacheDayHistory>(o);
        };
        auto answer = [&](const std::shared_ptr<CacheDayHistory> &h) {
            const Tools tools(empty_, {"BTCUSDT"}, h);
            QJsonObject out;
            for (const char *tool : {"get_footprint", "get_session_profile", "get_tpo_profile", "get_key_levels"}) {
                QJsonObject args{{"symbol", "BTCUSDT"}, {"date", "2024-07-18"}};
                if (QString(tool) == "get_footprint")
                    args.insert("timeframe", "1m");
                const auto a = tools.call(tool, args);
                if (const ApiError *e = std::get_if<ApiError>(&a))
                    qFatal("%s: %s", tool, qPrintable(e->message));
                out.insert(tool, comparable(std::get<ToolOutput>(a).structured));
            }
            return out;
        };
        const auto fresh = provider(false);
        const QJsonObject rebuilt = answer(fresh);
        QCOMPARE(fresh->loaded(), uint64_t(0));
        const auto restarted = provider(true); // the record written by the server's provider above
        QVERIFY(same("kept record", rebuilt, answer(restarted)));
        QCOMPARE(restarted->loaded(), uint64_t(1));

        // A running server's provider: its answer for the completed day is asked of the file
        // again after completeMs.
        const auto running = provider(true, 300);
        QVERIFY(std::holds_alternative<HistoryDay>(running->day(r)));
        const int64_t tradesBefore = std::get<HistoryDay>(running->day(r)).snapshot->today->totals.trades;

        // A late trade on 2024-07-18 (a gap filled): the record is dropped, the next answer rebuilds.
        {
            TradeWriter w(dir_.filePath("cache.sqlite"));
            QString error;
            QVERIFY2(w.start(&error), qPrintable(error));
            const SnapshotPtr s = live_->registry().snapshot("BTCUSDT");
            Trade t;
            t.id = 1;
            t.timeMs = day * kMsPerDay + 12 * kMsPerHour;
            t.price = s->prior->totals.close;
            t.qty = 100'000'000;
            t.source = TradeSource::Trade;
            w.addTrade(w.symbol(s->symbol), t);
            QVERIFY(w.flush(10'000));
            w.stop();
        }
        const auto after = provider(true);
        QVERIFY(std::holds_alternative<HistoryDay>(after->day(r)));
        QCOMPARE(after->loaded(), uint64_t(0));
        QCOMPARE(std::get<HistoryDay>(after->day(r)).snapshot->today->totals.trades, live_->registry().snapshot("BTCUSDT")->prior->totals.trades + 1);
        QTest::qWait(400);
        QCOMPARE(std::get<HistoryDay>(running->day(r)).snapshot->today->totals.trades, tradesBefore + 1);
        const auto again = provider(true);
        QVERIFY(std::holds_alternative<HistoryDay>(again->day(r)));
        QCOMPARE(again->loaded(), uint64_t(1));
    }
};

QTEST_GUILESS_MAIN(TestHistoryTools)
#include "test_history_tools.moc"
