// Progress while a symbol warms up (issues 15 and 19), against the fake Binance: a tools/call with
// a progressToken for a listed symbol not followed yet is answered over Streamable HTTP as an
// event stream of increasing progress (today's backfill) and then the normal result, in both MCP
// eras, and over stdio as the program's loop handles lines (a held answer, the lines after it
// answered meanwhile); without a token the answer is the immediate warming-up isError, and REST
// stays 503.
#include "OnDemandServer.h"
#include "support/LiveHarness.h"
#include "support/ServerSupport.h"
#include "model/Time.h"
#include "pipeline/SymbolFollower.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace co;
using namespace co::test;
using co::testing::get;
using co::testing::Http;
using co::testing::post;
using co::testing::rawRequest;
using co::testing::rpc;

namespace {

// 20 min of history before `start + 20 min` and 20 min to stream; ETHUSDT and SOLUSDT trade every
// 200 ms, so today's backfill takes 6 pages of 1000 (BTCUSDT, followed from the start: every 1 s).
void addSymbols(FakeBinance &fake, int64_t start)
{
    int i = 0;
    for (const char *name : {"BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"}) {
        FakeSymbolData d;
        d.symbol = name;
        const bool dense = i > 0;
        d.trades = syntheticTrades(uint32_t(i + 1), dense ? 12000 : 2400, 1'000'000 * (i + 1), start + i * 7, dense ? 200 : 1000);
        fake.addSymbol(d);
        ++i;
    }
    fake.skipFor(20 * kMsPerMinute);
}

QJsonObject callParams(const QString &symbol, const QJsonValue &token, bool modern)
{
    QJsonObject meta;
    if (!token.isUndefined())
        meta.insert("progressToken", token);
    if (modern) {
        meta.insert("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        meta.insert("io.modelcontextprotocol/clientCapabilities", QJsonObject{});
    }
    QJsonObject p{{"name", "get_market_snapshot"}, {"arguments", QJsonObject{{"symbol", symbol}}}};
    if (!meta.isEmpty())
        p.insert("_meta", meta);
    return p;
}

struct Streamed {
    QList<QJsonObject> progress; // notifications/progress params, in order
    QJsonObject result;          // the answer's "result"
    bool complete = false;
};

// One tools/call POSTed with Accept: text/event-stream; reads the events until the answer.
// Without blocking: the fake Binance answers on this thread meanwhile.
Streamed streamCall(quint16 port, const QByteArray &body, const QByteArray &headers)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    Streamed out;
    if (!s.waitForConnected(5000))
        return out;
    s.write(post(port, "/mcp", body, headers));
    QByteArray in;
    QElapsedTimer t;
    t.start();
    while (!out.complete && t.elapsed() < 40'000) {
        QTest::qWait(20); // the fake Binance lives on this thread: keep its event loop running
        in += s.readAll();
        qsizetype nl;
        while ((nl = in.indexOf('\n')) >= 0) {
            const QByteArray line = in.left(nl).trimmed();
            in.remove(0, nl + 1);
            if (!line.startsWith("data: "))
                continue;
            const QJsonObject m = QJsonDocument::fromJson(line.mid(6)).object();
            if (m["method"].toString() == "notifications/progress")
                out.progress << m["params"].toObject();
            else if (m.contains("result")) {
                out.result = m["result"].toObject();
                out.complete = true;
            }
        }
    }
    return out;
}

} // namespace

class TestLiveOnDemandProgress : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules("co.binance.info=false"); }

    void progressWhileWarmingUp()
    {
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        const int64_t start = now - 20 * kMsPerMinute;
        ScaledClock clock(now, 1.0);
        FakeBinance fake(clock);
        QVERIFY(fake.listen());
        addSymbols(fake, start);
        LiveSession::Options o = fastOptions(fake, {"BTCUSDT"});
        o.backfillToday = true;
        o.dayStart = [start](int64_t) { return start - kMsPerMinute; }; // "today" holds the history
        LiveHarness h(o, clock, fake.data("BTCUSDT"));
        auto follower = SymbolFollower::attach(h.live, h.status, {{"BTCUSDT"}, 4});
        h.registry.setDirectory(follower);
        h.live.start();
        QTRY_COMPARE_WITH_TIMEOUT(follower->listing().size(), size_t(4), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(h.symbolStatus("BTCUSDT").todayComplete, 20'000);
        fake.play(16, 20);
        fake.faults().restDelayMs = 150; // the pages of a backfill come apart

        OnDemandServer server(h.registry, {"BTCUSDT"});
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const quint16 port = server.port();

        // 2025-11-25 era (a session): progress as the backfill advances, then the normal answer.
        const Http init = rawRequest(port, post(port, "/mcp", rpc(1, "initialize", co::testing::initParams())));
        QCOMPARE(init.status, 200);
        const QByteArray session = init.headers.value("mcp-session-id");
        QVERIFY(!session.isEmpty());
        const QByteArray sessionHeader = "Mcp-Session-Id: " + session + "\r\n";
        Streamed r = streamCall(port, rpc(2, "tools/call", callParams("ETHUSDT", "eth", false)), sessionHeader);
        QVERIFY(r.complete);
        QVERIFY(h.symbolStatus("ETHUSDT").todayComplete);
        checkProgress(r, "ETHUSDT", "eth");
        if (QTest::currentTestFailed())
            return;

        // Without a token: the immediate warming-up answer; REST unchanged (503 + Retry-After).
        const Http plain = rawRequest(port, post(port, "/mcp", rpc(3, "tools/call", callParams("SOLUSDT", {}, false)), sessionHeader));
        QCOMPARE(plain.status, 200);
        const QJsonObject res = plain.json()["result"].toObject();
        QCOMPARE(res["isError"].toBool(), true);
        QVERIFY2(res["content"].toArray().at(0).toObject()["text"].toString().contains("warming up"), plain.body.constData());
        const Http rest = rawRequest(port, get(port, "/api/market?symbol=SOLUSDT"));
        QCOMPARE(rest.status, 503);
        QVERIFY(rest.headers.value("retry-after").toInt() >= 1);

        // 2026-07-28 era (stateless), the symbol already warming: the same, from where it is.
        r = streamCall(port, rpc(4, "tools/call", callParams("SOLUSDT", 7, true)),
                       "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: get_market_snapshot\r\n");
        QVERIFY(r.complete);
        QVERIFY(h.symbolStatus("SOLUSDT").todayComplete);
        checkProgress(r, "SOLUSDT", 7);

        // stdio: the answer is held the same way; a ping sent after it is answered first.
        server.sendHeldMarketSnapshot(5, "XRPUSDT", "xrp");
        server.sendHeldMarketSnapshot(6, "BTCUSDT", {}); // followed from the start: at once
        Streamed sr;
        QList<int> answeredIds;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                sr = {};
                answeredIds.clear();
                for (const QJsonObject &m : server.stdioLines()) {
                    if (m["method"].toString() == "notifications/progress" && !sr.complete)
                        sr.progress << m["params"].toObject();
                    if (m.contains("result"))
                        answeredIds << m["id"].toInt();
                    if (m["id"].toInt() == 5 && m.contains("result")) {
                        sr.result = m["result"].toObject();
                        sr.complete = true;
                    }
                }
                return sr.complete;
            }(),
            40'000);
        QCOMPARE(answeredIds, QList<int>({6, 5}));
        QVERIFY(h.symbolStatus("XRPUSDT").todayComplete);
        checkProgress(sr, "XRPUSDT", "xrp");
        h.registry.setDirectory(nullptr);
    }

private:
    static void checkProgress(const Streamed &r, const QString &symbol, const QJsonValue &token)
    {
        QVERIFY2(!r.result["isError"].toBool(), QJsonDocument(r.result).toJson().constData());
        QCOMPARE(r.result["structuredContent"].toObject()["symbol"].toString(), symbol);
        QVERIFY2(r.progress.size() >= 2, qPrintable(QString::number(r.progress.size())));
        double last = -1;
        for (const QJsonObject &p : r.progress) {
            QCOMPARE(p["progressToken"], token);
            QVERIFY(p["progress"].toDouble() > last); // increasing, as the spec requires
            last = p["progress"].toDouble();
            QCOMPARE(p["total"].toDouble(), 100.0);
        }
        QVERIFY2(r.progress.first()["message"].toString().startsWith(symbol + ": backfilling today, "),
                 qPrintable(r.progress.first()["message"].toString()));
        QCOMPARE(last, 100.0); // today complete, just before the answer
        qInfo("%s: %lld progress notifications before the answer", qPrintable(symbol), qint64(r.progress.size()));
    }
};

QTEST_MAIN(TestLiveOnDemandProgress)
#include "test_live_ondemand_progress.moc"
