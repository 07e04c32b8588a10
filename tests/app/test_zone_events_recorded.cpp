// A3 `events` at the trade that completed each zone, on the recorded BTCUSDT 2024-08-08 tape,
// against a naive recount written here: the test reads the recording itself (gzip, JSON), and for
// every 1m/5m/15m bar with 1 and 10 ticks per row recomputes every diagonal imbalance and stacked
// zone of the bar from scratch after every trade (indicators.md §5: R = 3, N = 3, V = 0); a zone
// no zone of its side overlapped before that trade is an event at that trade. Compared with
// `report --events` (the replay's own trades) and get_footprint over MCP and REST on a server whose
// engines hold nothing, answering the day from the trade cache a replay wrote.
#include "app/Application.h"
#include "cache/CacheDayHistory.h"
#include "server/HttpServer.h"
#include "server/Tools.h"
#include "support/ConfigFor.h"
#include "support/ServerSupport.h"
#include "support/RecordedTrades.h"
#include "support/SharedData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace co;
using namespace co::testing;

namespace {

struct Tr {
    qint64 id, t, row, qty; // row in 0.1 ticks, qty in 0.001
    bool buy;
};

// "time side lowTicks highTicks rows tradeId" per event, one bar.
using Events = QStringList;

QString eventKey(qint64 t, const QString &side, qint64 lo, qint64 hi, int rows, qint64 id)
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6").arg(t).arg(side).arg(lo).arg(hi).arg(rows).arg(id);
}

struct Zone {
    qint64 lo, hi;
    bool buy;
};

// Every zone of the bar as it stands: flags row by row, runs of ≥ 3.
std::vector<Zone> zonesOf(const std::map<qint64, std::pair<qint64, qint64>> &rows) // row → (buy, sell)
{
    std::vector<Zone> z;
    if (rows.empty())
        return z;
    const qint64 lo = rows.begin()->first, hi = rows.rbegin()->first;
    auto vol = [&](qint64 r) {
        const auto it = rows.find(r);
        return it == rows.end() ? std::pair<qint64, qint64>{0, 0} : it->second;
    };
    for (const bool buy : {true, false}) {
        qint64 runStart = 0, run = 0;
        for (qint64 p = lo; p <= hi + 1; ++p) {
            bool f = false;
            if (p <= hi) {
                const auto [b, s] = vol(p);
                if (buy)
                    f = p > lo && b > 0 && b >= 3 * vol(p - 1).second;
                else
                    f = p < hi && s > 0 && s >= 3 * vol(p + 1).first;
            }
            if (f) {
                if (run++ == 0)
                    runStart = p;
            } else {
                if (run >= 3)
                    z.push_back({runStart, p - 1, buy});
                run = 0;
            }
        }
    }
    return z;
}

// The naive events of every bar of tfMs with k ticks per row: bar open → events.
std::map<qint64, Events> naiveEvents(const std::vector<Tr> &trades, qint64 tfMs, qint64 k)
{
    std::map<qint64, std::vector<const Tr *>> bars;
    for (const Tr &t : trades)
        bars[t.t - t.t % tfMs].push_back(&t);
    std::map<qint64, Events> out;
    for (const auto &[open, list] : bars) {
        std::map<qint64, std::pair<qint64, qint64>> rows;
        std::vector<Zone> before;
        Events &ev = out[open];
        for (const Tr *t : list) {
            const qint64 r = t->row >= 0 ? t->row / k : -((-t->row + k - 1) / k);
            (t->buy ? rows[r].first : rows[r].second) += t->qty;
            const std::vector<Zone> now = zonesOf(rows);
            for (const Zone &z : now) {
                bool overlapped = false;
                for (const Zone &b : before)
                    overlapped |= b.buy == z.buy && b.lo <= z.hi && z.lo <= b.hi;
                if (!overlapped)
                    ev << eventKey(t->t, z.buy ? "BUY" : "SELL", z.lo * k, z.hi * k, int(z.hi - z.lo + 1), t->id);
            }
            before = now;
        }
    }
    return out;
}

Events eventsOf(const QJsonObject &bar)
{
    Events ev;
    for (const QJsonValue &v : bar["events"].toArray()) {
        const QJsonObject e = v.toObject();
        ev << eventKey(e["time"].toInteger(), e["side"].toString(), std::llround(e["low"].toDouble() * 10),
                       std::llround(e["high"].toDouble() * 10), e["rows"].toInt(), e["tradeId"].toInteger());
    }
    return ev;
}

bool sameEvents(const QString &what, const QJsonArray &bars, const std::map<qint64, Events> &expected, int *count)
{
    if (size_t(bars.size()) != expected.size()) {
        qWarning("%s: %d bars, expected %d", qPrintable(what), int(bars.size()), int(expected.size()));
        return false;
    }
    for (const QJsonValue &b : bars) {
        const qint64 open = b.toObject()["openTime"].toInteger();
        const Events got = eventsOf(b.toObject()), want = expected.count(open) ? expected.at(open) : Events{};
        if (got != want) {
            qWarning("%s bar %lld:\n got  %s\n want %s", qPrintable(what), open, qPrintable(got.join(" | ")),
                     qPrintable(want.join(" | ")));
            return false;
        }
        *count += int(got.size());
    }
    return true;
}

// One bar's answer: its events equal the naive ones, or their head when the answer was cut.
bool sameBar(const QString &what, const QJsonObject &answer, qint64 open, const Events &want, int *count, int *cut)
{
    const QJsonArray bars = answer["bars"].toArray();
    if (bars.size() != 1 || bars[0].toObject()["openTime"].toInteger() != open) {
        qWarning("%s: %d bars", qPrintable(what), int(bars.size()));
        return false;
    }
    const Events got = eventsOf(bars[0].toObject());
    const bool truncated = answer["truncated"].toBool();
    if (truncated ? got.isEmpty() || got != want.mid(0, got.size()) : got != want) {
        qWarning("%s%s:\n got  %s\n want %s", qPrintable(what), truncated ? " (truncated)" : "",
                 qPrintable(got.join(" | ")), qPrintable(want.join(" | ")));
        return false;
    }
    *count += int(got.size());
    *cut += truncated;
    return true;
}

const QList<QPair<QString, qint64>> kFrames{{"1m", 60'000}, {"5m", 300'000}, {"15m", 900'000}};
} // namespace

class TestZoneEventsRecorded : public QObject {
    Q_OBJECT

    QString file_, exchangeInfo_;
    std::vector<Tr> trades_; // the day's trades in id order

private Q_SLOTS:
    void initTestCase()
    {
        file_ = co::test::sharedFile("hftbacktest/btcusdt_20240808.gz");
        exchangeInfo_ = co::test::sharedFile("nautilus_trader/http_futures_market_exchange_info.json");
        if (file_.isEmpty() || exchangeInfo_.isEmpty())
            QSKIP("shared data files hftbacktest/btcusdt_20240808.gz and nautilus_trader/http_futures_market_exchange_"
                  "info.json not found (set CO_SHARED_DATA_DIR to ../shared/data/binance)");
        const qint64 dayStart = QDateTime(QDate(2024, 8, 8), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        int offGrid = 0;
        for (const co::test::RecordedTrade &r : co::test::readRecordedTrades(file_, dayStart, dayStart + 86'400'000, &offGrid))
            trades_.push_back(Tr{r.id, r.timeMs, r.tick, r.qty, !r.sell});
        QCOMPARE(offGrid, 0); // on the 0.1 grid
        QVERIFY(trades_.size() > 10'000);
    }

    // `report --events`: from the trades its own replay applied.
    void report()
    {
        int events = 0;
        for (const qint64 k : {1, 10}) {
            QProcess p;
            p.start(CO_APP_PATH, {"report", "--replay", file_, "--symbol", "BTCUSDT", "--date", "2024-08-08",
                                  "--exchange-info", exchangeInfo_, "--ticks-per-row", QString::number(k), "--events"});
            QVERIFY(p.waitForFinished(180'000));
            QCOMPARE(p.exitCode(), 0);
            const QJsonObject fp = QJsonDocument::fromJson(p.readAllStandardOutput())
                                       .object()["days"].toArray()[0].toObject()["footprint"].toObject();
            for (const auto &[tf, ms] : kFrames)
                QVERIFY(sameEvents("report " + tf + " x" + QString::number(k), fp[tf].toObject()["bars"].toArray(),
                                   naiveEvents(trades_, ms, k), &events));
        }
        QVERIFY(events > 20); // not vacuous
        qInfo("report: %d events, each at its completing trade", events);
    }

    // get_footprint over MCP and REST, the day answered from the trade cache.
    void serverFromTheCache()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath("cache.sqlite");
        {
            Application app(co::test::configFor({"--headless", "--offline", "--port", "0", "--symbols", "BTCUSDT",
                                                 "--replay", file_, "--cache-db-path", db}));
            QSignalSpy done(&app, &Application::replayDone);
            QString error;
            QVERIFY2(app.start(&error), qPrintable(error));
            QVERIFY(done.wait(60'000) && done.at(0).at(0).toBool());
            app.stop(); // every trade written
        }
        CacheDayHistory::Options o;
        o.path = db;
        o.waitMs = 30'000;
        auto history = std::make_shared<CacheDayHistory>(o);
        EngineRegistry empty;
        ServerOptions so;
        so.port = 0;
        so.threads = 1;
        HttpServer server(empty, QStringList{"BTCUSDT"}, so, [] { return HealthReport{}; }, history);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const quint16 port = server.port();
        const Http init = rawRequest(port, post(port, "/mcp", rpc(1, "initialize", initParams())));
        QCOMPARE(init.status, 200);
        const QByteArray session = init.headers.value("mcp-session-id");
        // One bar per call: a bar's events alone can pass the 32 KB answer cap, which then keeps
        // the head of its list (truncated: true); that head must still be exact.
        int events = 0, cut = 0;
        for (const qint64 k : {1, 10})
            for (const auto &[tf, ms] : kFrames)
                for (const auto &[open, want] : naiveEvents(trades_, ms, k)) {
                    const QString what = tf + " x" + QString::number(k) + " bar " + QString::number(open);
                    const QJsonObject args{{"symbol", "BTCUSDT"}, {"date", "2024-08-08"}, {"timeframe", tf},
                                           {"ticksPerRow", qint64(k)}, {"view", "statistics"}, {"includeEvents", true},
                                           {"startTime", open}, {"endTime", open + ms}};
                    const Http m = rawRequest(port, post(port, "/mcp", rpc(2, "tools/call", {{"name", "get_footprint"}, {"arguments", args}}),
                                                         "Mcp-Session-Id: " + session + "\r\n"),
                                              60'000);
                    QCOMPARE(m.status, 200);
                    QVERIFY(sameBar("MCP " + what, m.json()["result"].toObject()["structuredContent"].toObject(), open, want,
                                    &events, &cut));
                    const QByteArray query = "date=2024-08-08&timeframe=" + tf.toUtf8() + "&ticksPerRow=" +
                                             QByteArray::number(k) + "&view=statistics&includeEvents=true&startTime=" +
                                             QByteArray::number(open) + "&endTime=" + QByteArray::number(open + ms);
                    const Http r = rawRequest(port, get(port, "/api/footprint/BTCUSDT?" + query), 60'000);
                    QCOMPARE(r.status, 200);
                    QVERIFY(sameBar("REST " + what, r.json(), open, want, &events, &cut));
                }
        qInfo("server: %d events compared, %d bars cut by the answer cap", events, cut);
        QVERIFY(events > 40);
    }
};

QTEST_GUILESS_MAIN(TestZoneEventsRecorded)
#include "test_zone_events_recorded.moc"
