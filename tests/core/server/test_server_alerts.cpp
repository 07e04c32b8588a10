// Alerts end to end (issue 19): a rule set through the MCP tools, a replayed engine crossing the
// level, and the notification arriving on the 2025 GET /mcp stream of a subscribed session, on
// the 2026-07-28 subscriptions/listen stream, and on the REST SSE stream, with the right payload;
// rules and fired alerts kept in SQLite across restarts.
#include "ServerFixture.h"

#include "alerts/AlertBook.h"
#include "alerts/AlertStore.h"

#include <QTemporaryDir>

namespace {
// A raw-socket stream: the request, then everything the server writes, searched as it comes.
struct StreamReader {
    QTcpSocket s;
    QByteArray in;
    void open(quint16 port, const QByteArray &method, const QByteArray &path, const Headers &headers, const QByteArray &body = {})
    {
        s.connectToHost(QHostAddress::LocalHost, port);
        if (!s.waitForConnected(3000))
            qFatal("cannot connect");
        QByteArray req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for (const auto &[k, v] : headers)
            req += k + ": " + v + "\r\n";
        if (method == "POST")
            req += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        s.write(req + "\r\n" + body);
    }
    // The data line of the first event containing needle (empty after the timeout).
    QJsonObject waitFor(const QByteArray &needle, int ms = 5000)
    {
        QElapsedTimer t;
        t.start();
        while (!in.contains(needle) && t.elapsed() < ms)
            if (s.waitForReadyRead(100))
                in += s.readAll();
        const qsizetype at = in.indexOf(needle);
        if (at < 0)
            return {};
        const qsizetype start = in.lastIndexOf("data: ", at) + 6, end = in.indexOf('\n', at);
        return QJsonDocument::fromJson(in.mid(start, end - start)).object();
    }
};

QJsonObject modernMeta()
{
    return QJsonObject{{"io.modelcontextprotocol/protocolVersion", "2026-07-28"},
                       {"io.modelcontextprotocol/clientCapabilities", QJsonObject{}}};
}
} // namespace

class TestServerAlerts : public ServerTest {
    Q_OBJECT

    std::shared_ptr<AlertBook> book_;
    int64_t nextId_ = 1000;
    int64_t t_ = kNow + 1000;

    void tradeAt(double price)
    {
        registry_.find("BTCUSDT")->onTrade(trade(nextId_++, t_ += 1000, price, 1, true));
        registry_.publishAll();
    }
    QJsonObject setAlert(const QJsonObject &args) { return ok("set_alert", args)["alert"].toObject(); }

private Q_SLOTS:
    void initTestCase()
    {
        fillBtc(registry_.engine(symbol("BTCUSDT", 1)));
        registry_.publishAll();
        book_ = std::make_shared<AlertBook>(registry_);
        registry_.find("BTCUSDT")->addObserver(book_.get());
        ServerOptions o;
        o.port = 0;
        o.version = "9.9.9";
        o.threads = 2;
        o.alerts = book_;
        server_ = std::make_unique<HttpServer>(registry_, QStringList{"BTCUSDT"}, o, HealthProvider{});
        QString error;
        QVERIFY2(server_->start(&error), qPrintable(error));
        port_ = server_->port();
        const Http init = request(port_, "POST", "/mcp", kJson, rpcBody(1, "initialize", initParams()));
        session_ = init.headers.value("mcp-session-id");
        QVERIFY(!session_.isEmpty());
        QVERIFY(init.json()["result"].toObject()["capabilities"].toObject()["resources"].toObject()["subscribe"].toBool());
    }
    void cleanupTestCase()
    {
        stopServer();
        registry_.find("BTCUSDT")->removeObserver(book_.get());
    }

    void toolsAndArguments()
    {
        const QJsonArray tools = rpc("tools/list")["result"].toObject()["tools"].toArray();
        QCOMPARE(tools.size(), 18); // 15 tools + the 3 alert tools
        const QJsonObject set = tools[15].toObject(); // after the 15 market tools
        QCOMPARE(set["name"].toString(), QString("set_alert"));
        QCOMPARE(set["annotations"].toObject()["readOnlyHint"].toBool(), false);
        QCOMPARE(set["annotations"].toObject()["destructiveHint"].toBool(), false);
        QVERIFY(toolError("set_alert", {{"symbol", "BTCUSDT"}, {"kind", "nope"}}).contains("price_cross, stacked_imbalance, liquidations"));
        QVERIFY(toolError("set_alert", {{"symbol", "BTCUSDT"}, {"kind", "price_cross"}, {"level", "x"}}).contains("pdVAH"));
        QVERIFY(toolError("set_alert", {{"symbol", "DOGEUSDT"}, {"kind", "price_cross"}, {"price", 1}}).contains("BTCUSDT"));
        QVERIFY(toolError("set_alert", {{"symbol", "BTCUSDT"}, {"kind", "stacked_imbalance"}, {"rows", 3}, {"timeframe", "2m"}})
                    .contains("1m, 5m"));
        const QJsonObject a = setAlert({{"symbol", "BTCUSDT"}, {"kind", "price_cross"}, {"price", 500}});
        QCOMPARE(ok("delete_alert", {{"id", a["id"]}})["deleted"], a["id"]);
        QVERIFY(toolError("delete_alert", {{"id", a["id"]}}).contains("no such alert"));
    }

    // 2025-11-25: resources/subscribe, then the session's GET stream carries resources/updated.
    void sessionStreamGetsTheCrossing()
    {
        const QJsonObject rule = setAlert({{"symbol", "BTCUSDT"}, {"kind", "price_cross"}, {"level", "pdVAH"}, {"note", "pdVAH"}});
        QCOMPARE(rpc("resources/subscribe", {{"uri", "orderflow://alerts"}})["result"].toObject(), QJsonObject{});
        QCOMPARE(rpc("resources/subscribe", {{"uri", "orderflow://BTCUSDT/snapshot"}})["error"].toObject()["code"].toInt(), -32602);
        StreamReader get;
        get.open(port_, "GET", "/mcp", {{"Mcp-Session-Id", session_}, {"Accept", "text/event-stream"}});
        QVERIFY(!get.waitFor(": open").isEmpty() || get.in.contains(": open"));
        tradeAt(115); // below pdVAH 120: sets the side
        tradeAt(121); // crosses it
        const QJsonObject n = get.waitFor("notifications/resources/updated");
        QCOMPARE(n["method"].toString(), QString("notifications/resources/updated"));
        const QJsonObject p = n["params"].toObject();
        QCOMPARE(p["uri"].toString(), QString("orderflow://alerts"));
        const QJsonObject alert = p["_meta"].toObject()["crypto-orderflow/alert"].toObject();
        QCOMPARE(alert["alertId"], rule["id"]);
        QCOMPARE(alert["symbol"].toString(), QString("BTCUSDT"));
        QCOMPARE(alert["price"].toDouble(), 121.0);
        QCOMPARE(alert["detail"].toObject()["level"].toString(), QString("pdVAH"));
        QCOMPARE(alert["detail"].toObject()["levelPrice"].toDouble(), 120.0);
        QCOMPARE(alert["detail"].toObject()["direction"].toString(), QString("up"));
        // read: the fired alert is in orderflow://alerts, the rule inactive
        const QJsonObject res = rpc("resources/read", {{"uri", "orderflow://alerts"}})["result"].toObject();
        const QJsonObject state = QJsonDocument::fromJson(res["contents"].toArray()[0].toObject()["text"].toString().toUtf8()).object();
        QCOMPARE(state["fired"].toArray()[0].toObject()["alertId"], rule["id"]);
        // unsubscribed: nothing more on this stream
        QCOMPARE(rpc("resources/unsubscribe", {{"uri", "orderflow://alerts"}})["result"].toObject(), QJsonObject{});
        setAlert({{"symbol", "BTCUSDT"}, {"kind", "price_cross"}, {"price", 118}});
        tradeAt(117);
        get.in.clear();
        QVERIFY(get.waitFor("notifications/resources/updated", 500).isEmpty());
    }

    // 2025: logging/setLevel, then fired alerts come as notice messages on the session's stream.
    void loggingNotices()
    {
        QVERIFY(rpc("logging/setLevel", {{"level", "loud"}})["error"].toObject()["message"].toString().contains("debug, info"));
        QCOMPARE(rpc("logging/setLevel", {{"level", "info"}})["result"].toObject(), QJsonObject{});
        StreamReader get;
        get.open(port_, "GET", "/mcp", {{"Mcp-Session-Id", session_}, {"Accept", "text/event-stream"}});
        get.waitFor(": open", 1000);
        const QJsonObject rule = setAlert({{"symbol", "BTCUSDT"}, {"kind", "price_cross"}, {"price", 150}});
        tradeAt(149);
        tradeAt(151);
        const QJsonObject n = get.waitFor("\"alertId\":" + QByteArray::number(rule["id"].toInt()) + ",");
        QCOMPARE(n["method"].toString(), QString("notifications/message"));
        QCOMPARE(n["params"].toObject()["level"].toString(), QString("notice"));
        QCOMPARE(n["params"].toObject()["logger"].toString(), QString("alerts"));
        QCOMPARE(n["params"].toObject()["data"].toObject()["alertId"], rule["id"]);
        QCOMPARE(rpc("logging/setLevel", {{"level", "error"}})["result"].toObject(), QJsonObject{});
    }

    // 2026-07-28: subscriptions/listen opens a stream; its notifications carry the subscription id.
    void listenStreamGetsTheCrossing()
    {
        const QJsonObject rule = setAlert({{"symbol", "BTCUSDT"}, {"kind", "price_cross"}, {"price", 125}});
        StreamReader listen;
        const QJsonObject params{{"_meta", modernMeta()},
                                 {"notifications", QJsonObject{{"resourceSubscriptions", QJsonArray{"orderflow://alerts"}}}}};
        listen.open(port_, "POST", "/mcp",
                    {{"Content-Type", "application/json"}, {"Accept", "application/json, text/event-stream"},
                     {"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", "subscriptions/listen"}},
                    rpcBody("sub-1", "subscriptions/listen", params));
        const QJsonObject ack = listen.waitFor("notifications/subscriptions/acknowledged");
        QCOMPARE(ack["params"].toObject()["_meta"].toObject()["io.modelcontextprotocol/subscriptionId"].toString(), QString("sub-1"));
        QCOMPARE(ack["params"].toObject()["notifications"].toObject()["resourceSubscriptions"].toArray(), (QJsonArray{"orderflow://alerts"}));
        tradeAt(124);
        tradeAt(126);
        const QJsonObject n = listen.waitFor("\"alertId\":" + QByteArray::number(rule["id"].toInt()) + ",");
        QCOMPARE(n["method"].toString(), QString("notifications/resources/updated"));
        const QJsonObject meta = n["params"].toObject()["_meta"].toObject();
        QCOMPARE(meta["io.modelcontextprotocol/subscriptionId"].toString(), QString("sub-1"));
        QCOMPARE(meta["crypto-orderflow/alert"].toObject()["alertId"], rule["id"]);
        QCOMPARE(meta["crypto-orderflow/alert"].toObject()["price"].toDouble(), 126.0);
    }

    // REST: GET /api/alerts and the SSE stream for scripts; liquidations within a window.
    void restStreamGetsLiquidations()
    {
        const QJsonObject rule =
            setAlert({{"symbol", "BTCUSDT"}, {"kind", "liquidations"}, {"usdt", 300}, {"windowSeconds", 10}});
        StreamReader sse;
        sse.open(port_, "GET", "/api/alerts/stream", {{"Accept", "text/event-stream"}});
        sse.waitFor(": open", 1000);
        Liquidation l;
        l.side = Side::Sell;
        l.eventMs = l.tradeMs = t_ += 1000;
        l.price = l.avgPrice = units(126);
        l.filledQty = l.origQty = l.lastFilledQty = units(2); // 252 USDT
        registry_.find("BTCUSDT")->onLiquidation(l);
        l.eventMs = l.tradeMs = t_ += 1000; // 504 USDT within 10 s
        registry_.find("BTCUSDT")->onLiquidation(l);
        const QJsonObject alert = sse.waitFor("\"kind\":\"liquidations\"");
        QCOMPARE(alert["alertId"], rule["id"]);
        QCOMPARE(alert["detail"].toObject()["usdt"].toDouble(), 504.0);
        const Http all = request(port_, "GET", "/api/alerts");
        QCOMPARE(all.status, 200);
        QVERIFY(all.json()["fired"].toArray().size() >= 3);
        QCOMPARE(request(port_, "GET", "/api/alerts", {{"Origin", "http://evil.example.com"}}).status, 403);
    }

    void keptInSqlite()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        {
            auto store = std::make_shared<AlertStore>();
            QString error;
            QVERIFY2(store->open(path, &error), qPrintable(error));
            AlertBook book(registry_, store);
            AlertRule r;
            r.symbol = "BTCUSDT";
            r.kind = AlertKind::PriceCross;
            r.level = "price";
            r.price = 130;
            QVERIFY(book.add(r, 1, &error));
            registry_.find("BTCUSDT")->addObserver(&book);
            tradeAt(129);
            tradeAt(131);
            registry_.find("BTCUSDT")->removeObserver(&book);
            QCOMPARE(book.history().size(), size_t(1));
        }
        auto store = std::make_shared<AlertStore>();
        QString error;
        QVERIFY(store->open(path, &error));
        AlertBook again(registry_, store);
        QCOMPARE(again.rules().size(), size_t(1));
        QVERIFY(!again.rules()[0].active);
        QCOMPARE(again.history().size(), size_t(1));
        QCOMPARE(again.history()[0].price, 131.0);
    }
};

QTEST_GUILESS_MAIN(TestServerAlerts)
#include "test_server_alerts.moc"
