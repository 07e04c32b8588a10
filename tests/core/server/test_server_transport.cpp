// The MCP/REST server's transports: initialize and sessions, JSON-RPC errors, batches, the SSE
// transport, stdio, /healthz, shutdown and answers across snapshots.
#include "ServerFixture.h"

class TestServerTransport : public ServerTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServer(); }
    void cleanupTestCase() { stopServer(); }

    // ---- lifecycle and Streamable HTTP ----------------------------------------------------------
    void initializeNegotiatesVersion()
    {
        for (const auto &[asked, answered] : QList<QPair<QString, QString>>{{"2025-06-18", "2025-06-18"},
                                                                          {"2024-11-05", "2024-11-05"},
                                                                          {"2099-01-01", "2025-11-25"}}) {
            const Http r = request(port_, "POST", "/mcp", kJson, rpcBody("a", "initialize", initParams(asked)));
            QCOMPARE(r.status, 200);
            QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
            const QJsonObject result = r.json()["result"].toObject();
            QCOMPARE(r.json()["id"].toString(), QString("a"));
            QCOMPARE(result["protocolVersion"].toString(), answered);
            QCOMPARE(result["serverInfo"].toObject()["name"].toString(), QString("crypto-orderflow"));
            QCOMPARE(result["serverInfo"].toObject()["version"].toString(), QString("9.9.9"));
            const QJsonObject caps = result["capabilities"].toObject();
            QCOMPARE(caps["tools"].toObject(), (QJsonObject{{"listChanged", false}}));
            QVERIFY(caps.contains("resources") && caps.contains("prompts") && caps.contains("completions"));
            QVERIFY(!r.headers.value("mcp-session-id").isEmpty());
        }
        // A stale session id along with initialize still gets a new session.
        Headers h = kJson;
        h << qMakePair(QByteArray("Mcp-Session-Id"), QByteArray("stale"));
        const Http r = request(port_, "POST", "/mcp", h, rpcBody(2, "initialize", initParams()));
        QCOMPARE(r.status, 200);
        QVERIFY(r.headers.value("mcp-session-id") != "stale");
    }

    void notificationsGet202()
    {
        Headers h = kJson;
        h << qMakePair(QByteArray("Mcp-Session-Id"), session_);
        const Http r = request(port_, "POST", "/mcp", h, rpcBody(QJsonValue(QJsonValue::Undefined), "notifications/initialized"));
        QCOMPARE(r.status, 202);
        QVERIFY(r.body.isEmpty());
        // A client's JSON-RPC response is accepted the same way.
        const Http resp = request(port_, "POST", "/mcp", h, R"({"jsonrpc":"2.0","id":5,"result":{}})");
        QCOMPARE(resp.status, 202);
    }

    void pingAndIdEcho()
    {
        QCOMPARE(rpc("ping"), (QJsonObject{{"jsonrpc", "2.0"}, {"id", 7}, {"result", QJsonObject{}}}));
    }

    void toolsListHasSevenTools()
    {
        const QJsonArray tools = rpc("tools/list")["result"].toObject()["tools"].toArray();
        const QStringList expected{"get_market_snapshot",       "get_key_levels",      "get_footprint", "get_orderflow_metrics",
                                   "get_orderbook_depth_delta", "stream_liquidations", "scan_market",
                                   "get_swing_liquidity",       "get_market_structure", "get_open_interest",
                                   "get_footprint_statistics", "get_session_profile", "get_tpo_profile",
                                   "get_funding_rate", "get_orderbook_heatmap"};
        QCOMPARE(tools.size(), expected.size());
        for (qsizetype i = 0; i < tools.size(); ++i) {
            const QJsonObject t = tools[i].toObject();
            QCOMPARE(t["name"].toString(), expected[i]);
            QVERIFY(!t["description"].toString().isEmpty());
            QVERIFY(!t["title"].toString().isEmpty());
            QCOMPARE(t["inputSchema"].toObject()["type"].toString(), QString("object"));
            QCOMPARE(t["inputSchema"].toObject()["additionalProperties"].toBool(true), false);
            QCOMPARE(t["outputSchema"].toObject()["type"].toString(), QString("object"));
            QCOMPARE(t["annotations"].toObject()["readOnlyHint"].toBool(), true);
            QCOMPARE(t["annotations"].toObject()["openWorldHint"].toBool(true), false);
        }
    }

    void getAndOtherMethodsAre405()
    {
        for (const char *m : {"GET", "PUT", "PATCH"}) {
            const Http r = request(port_, m, "/mcp", {{"Accept", "text/event-stream"}});
            QCOMPARE(r.status, 405);
        }
        QCOMPARE(request(port_, "GET", "/mcp").headers.value("allow"), QByteArray("POST, DELETE"));
    }

    void sessionErrors()
    {
        const Http none = request(port_, "POST", "/mcp", kJson, rpcBody(1, "ping"));
        QCOMPARE(none.status, 400);
        QCOMPARE(none.json()["error"].toObject()["code"].toInt(), -32000);
        QVERIFY(none.json()["error"].toObject()["message"].toString().contains("Mcp-Session-Id header is required"));
        QVERIFY(none.json()["id"].isNull());
        Headers h = kJson;
        h << qMakePair(QByteArray("Mcp-Session-Id"), QByteArray("no-such-session"));
        const Http unknown = request(port_, "POST", "/mcp", h, rpcBody(1, "ping"));
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.json()["error"].toObject()["code"].toInt(), -32001);
    }

    void protocolVersionHeader()
    {
        Headers h = kJson;
        h << qMakePair(QByteArray("Mcp-Session-Id"), session_);
        Headers bad = h, other = h;
        bad << qMakePair(QByteArray("MCP-Protocol-Version"), QByteArray("1999-01-01"));
        other << qMakePair(QByteArray("mcp-protocol-version"), QByteArray("2025-03-26"));
        const Http r = request(port_, "POST", "/mcp", bad, rpcBody(1, "ping"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json()["error"].toObject()["code"].toInt(), -32000);
        QCOMPARE(request(port_, "POST", "/mcp", other, rpcBody(1, "ping")).status, 200);
    }

    void deleteEndsSession()
    {
        const QByteArray id = request(port_, "POST", "/mcp", kJson, rpcBody(1, "initialize", initParams())).headers.value("mcp-session-id");
        const Headers h{{"Mcp-Session-Id", id}};
        QCOMPARE(request(port_, "DELETE", "/mcp", h).status, 200);
        QCOMPARE(request(port_, "DELETE", "/mcp", h).status, 404);
        QCOMPARE(request(port_, "DELETE", "/mcp").status, 400);
        Headers post = kJson;
        post << qMakePair(QByteArray("Mcp-Session-Id"), id);
        QCOMPARE(request(port_, "POST", "/mcp", post, rpcBody(1, "ping")).status, 404);
    }

    void malformedJsonIsParseError()
    {
        Headers h = kJson;
        h << qMakePair(QByteArray("Mcp-Session-Id"), session_);
        const Http r = request(port_, "POST", "/mcp", h, "{\"jsonrpc\":\"2.0\",");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json(), (QJsonObject{{"jsonrpc", "2.0"},
                                        {"id", QJsonValue::Null},
                                        {"error", QJsonObject{{"code", -32700}, {"message", "Parse error"}}}}));
    }

    void invalidRequests()
    {
        Headers h = kJson;
        h << qMakePair(QByteArray("Mcp-Session-Id"), session_);
        for (const QByteArray &body : {QByteArray("[]"), QByteArray(R"({"jsonrpc":"1.0","id":1,"method":"ping"})"),
                                      QByteArray(R"({"jsonrpc":"2.0","id":null,"method":"ping"})"), QByteArray("42"),
                                      QByteArray(R"([{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}])")}) {
            const Http r = request(port_, "POST", "/mcp", h, body);
            QCOMPARE(r.status, 400);
            QCOMPARE(r.json()["error"].toObject()["code"].toInt(), -32600);
        }
    }

    void unknownMethod()
    {
        int status = 0;
        // server/discover belongs to the stateless era: inside a session it is unknown too.
        for (const char *m : {"logging/setLevel", "server/discover", "sampling/nope"}) {
            const QJsonObject r = rpc(m, {}, &status);
            QCOMPARE(status, 200);
            QCOMPARE(r["error"].toObject()["code"].toInt(), -32601);
            QCOMPARE(r["id"].toInt(), 7);
        }
    }

    void batches()
    {
        Headers h = kJson;
        h << qMakePair(QByteArray("Mcp-Session-Id"), session_);
        const QByteArray body = R"([{"jsonrpc":"2.0","id":"x","method":"ping"},)"
                                R"({"jsonrpc":"2.0","method":"notifications/initialized"},)"
                                R"({"jsonrpc":"2.0","id":2,"method":"tools/list"},)"
                                R"({"jsonrpc":"2.0","id":3,"method":"nope"},)"
                                R"({"foo":1}])";
        const Http r = request(port_, "POST", "/mcp", h, body);
        QCOMPARE(r.status, 200);
        const QJsonArray a = r.array();
        QCOMPARE(a.size(), 4); // no answer to the notification
        QCOMPARE(a[0].toObject()["id"].toString(), QString("x"));
        QCOMPARE(a[1].toObject()["result"].toObject()["tools"].toArray().size(), 15);
        QCOMPARE(a[2].toObject()["error"].toObject()["code"].toInt(), -32601);
        QCOMPARE(a[3].toObject()["error"].toObject()["code"].toInt(), -32600);
        QVERIFY(a[3].toObject()["id"].isNull());
        const Http only = request(port_, "POST", "/mcp", h, R"([{"jsonrpc":"2.0","method":"notifications/cancelled"}])");
        QCOMPARE(only.status, 202);
    }

    void malformedToolCalls()
    {
        const QList<QJsonObject> params{{{"name", "nope"}, {"arguments", QJsonObject{}}},
                                        {{"arguments", QJsonObject{}}},
                                        {{"name", 5}},
                                        {{"name", "get_market_snapshot"}, {"arguments", QJsonArray{1}}}};
        for (const QJsonObject &p : params) {
            const QJsonObject r = rpc("tools/call", p);
            QCOMPARE(r["error"].toObject()["code"].toInt(), -32602);
        }
        QVERIFY(rpc("tools/call", {{"name", "nope"}})["error"].toObject()["message"].toString().contains("Unknown tool: nope"));
        Headers h = kJson;
        h << qMakePair(QByteArray("Mcp-Session-Id"), session_);
        const Http notObject = request(port_, "POST", "/mcp", h, R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":[1]})");
        QCOMPARE(notObject.json()["error"].toObject()["code"].toInt(), -32602);
    }

    // ---- other routes -----------------------------------------------------------------------------
    void healthzAndNotFound()
    {
        Http r = request(port_, "GET", "/healthz");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["status"].toString(), QString("ok"));
        QVERIFY(r.json()["server"].toObject().contains("mcpSessions"));
        serving_ = false;
        QCOMPARE(request(port_, "GET", "/healthz").status, 503);
        serving_ = true;
        QCOMPARE(request(port_, "GET", "/nope").status, 404);
        QCOMPARE(request(port_, "GET", "/mcp/extra").status, 404);
        QCOMPARE(request(port_, "GET", "/api/nope/BTCUSDT").status, 404);
    }

    // ---- legacy SSE -------------------------------------------------------------------------------
    void sseTransport()
    {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port_);
        QVERIFY(s.waitForConnected(3000));
        s.write("GET /sse HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
        QByteArray stream;
        auto readUntil = [&](const QByteArray &needle) {
            QElapsedTimer t;
            t.start();
            while (!stream.contains(needle) && t.elapsed() < 5000)
                if (s.waitForReadyRead(200))
                    stream += s.readAll();
            return stream.contains(needle);
        };
        QVERIFY(readUntil("\n\n"));
        QVERIFY(stream.startsWith("HTTP/1.1 200"));
        QVERIFY(stream.contains("Content-Type: text/event-stream"));
        QVERIFY(stream.contains("Transfer-Encoding: chunked"));
        QVERIFY(readUntil("data: /messages?sessionId="));
        QVERIFY(readUntil("\n\n\r\n"));
        const qsizetype at = stream.indexOf("sessionId=") + 10;
        const QByteArray id = stream.mid(at, stream.indexOf('\n', at) - at);
        const QByteArray path = "/messages?sessionId=" + id;
        const Http post = request(port_, "POST", path, {{"Content-Type", "application/json"}},
                                  rpcBody(1, "initialize", initParams("2024-11-05")));
        QCOMPARE(post.status, 202);
        QVERIFY(readUntil("event: message"));
        QVERIFY(readUntil("\"protocolVersion\":\"2024-11-05\""));
        // A batch: one event per answer.
        QCOMPARE(request(port_, "POST", path, {{"Content-Type", "application/json"}},
                         R"([{"jsonrpc":"2.0","id":"p","method":"ping"},{"jsonrpc":"2.0","id":"q","method":"ping"}])")
                     .status,
                 202);
        QVERIFY(readUntil("\"id\":\"q\""));
        QVERIFY(stream.contains("data: {\"jsonrpc\":\"2.0\",\"id\":\"p\",\"result\":{}}\n\n"));
        // Each POST on its own connection, so on any of the server threads: every answer reaches the stream.
        QCOMPARE(server_->threads(), 4);
        for (int i = 0; i < 12; ++i)
            QCOMPARE(request(port_, "POST", path, {{"Content-Type", "application/json"}}, rpcBody(100 + i, "ping")).status, 202);
        for (int i = 0; i < 12; ++i)
            QVERIFY2(readUntil("\"id\":" + QByteArray::number(100 + i) + ","), qPrintable(QString::number(100 + i)));
        QCOMPARE(request(port_, "POST", path, {{"Content-Type", "application/json"}}, "{oops").status, 400);
        QCOMPARE(request(port_, "POST", "/messages?sessionId=unknown", {{"Content-Type", "application/json"}}, rpcBody(1, "ping")).status, 404);
        QCOMPARE(request(port_, "POST", "/messages", {{"Content-Type", "application/json"}}, rpcBody(1, "ping")).status, 400);
        // Disconnect ends the session.
        s.disconnectFromHost();
        QTest::qWait(300);
        QCOMPARE(request(port_, "POST", path, {{"Content-Type", "application/json"}}, rpcBody(1, "ping")).status, 404);
    }

    // ---- stdio framing ----------------------------------------------------------------------------
    void stdioLines()
    {
        Tools tools(registry_, {"BTCUSDT"});
        McpServer mcp(tools, "1");
        StdioTransport t(mcp);
        QList<QByteArray> out = t.handleLine(rpcBody(1, "initialize", initParams("2025-06-18")) + "\r");
        QCOMPARE(out.size(), 1);
        QVERIFY(out[0].contains("\"protocolVersion\":\"2025-06-18\""));
        QVERIFY(!out[0].contains('\n'));
        QVERIFY(t.handleLine(rpcBody(QJsonValue(QJsonValue::Undefined), "notifications/initialized")).isEmpty());
        QVERIFY(t.handleLine("").isEmpty());
        out = t.handleLine(R"([{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","id":2,"method":"tools/list"}])");
        QCOMPARE(out.size(), 2); // one line per answer
        QCOMPARE(QJsonDocument::fromJson(out[0]).object()["id"].toInt(), 1);
        out = t.handleLine("not json");
        QCOMPARE(QJsonDocument::fromJson(out.value(0)).object()["error"].toObject()["code"].toInt(), -32700);
        // A 2026-07-28 probe: server/discover without _meta is refused as invalid params (McpModern).
        out = t.handleLine(rpcBody(3, "server/discover"));
        QCOMPARE(QJsonDocument::fromJson(out.value(0)).object()["error"].toObject()["code"].toInt(), -32602);
    }

    // Stopping ends open SSE streams with the last chunk (not a reset), whatever thread holds them.
    void stopEndsSseStreamsCleanly()
    {
        ServerOptions o;
        o.port = 0;
        o.threads = 2;
        HttpServer server(registry_, {"BTCUSDT"}, o, {});
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(s.waitForConnected(3000));
        s.write("GET /sse HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
        QByteArray stream;
        QElapsedTimer t;
        t.start();
        while (!stream.contains("sessionId=") && t.elapsed() < 5000)
            if (s.waitForReadyRead(200))
                stream += s.readAll();
        QVERIFY(stream.contains("sessionId="));
        server.stop();
        t.restart();
        while (!stream.endsWith("0\r\n\r\n") && t.elapsed() < 5000)
            if (s.waitForReadyRead(200))
                stream += s.readAll();
        QVERIFY2(stream.endsWith("0\r\n\r\n"), stream.right(40).constData());
    }

    // SO_REUSEPORT must not let a second copy join a port in use (clients would be split).
    void secondServerOnTheSamePortIsRefused()
    {
        ServerOptions o;
        o.port = port_;
        HttpServer other(registry_, {"BTCUSDT"}, o, {});
        QString error;
        QVERIFY(!other.start(&error));
        QVERIFY2(error.contains("in use"), qPrintable(error));
        QCOMPARE(request(port_, "GET", "/healthz").status, 200); // the first one still serves
    }

    // Last: it adds an engine. Answers are reused between publishes, never across them.
    void answersFollowNewSnapshots()
    {
        const QJsonObject args{{"symbol", "SOLUSDT"}};
        QVERIFY(call("get_market_snapshot", args)["isError"].toBool()); // configured, no engine yet
        MarketEngine &sol = registry_.engine(symbol("SOLUSDT", 0.01));
        sol.onTrade(trade(1, kDay + 1000, 150, 1, false));
        sol.publish();
        QCOMPARE(num(ok("get_market_snapshot", args), "price"), 150.0);
        QCOMPARE(num(ok("get_market_snapshot", args), "price"), 150.0); // reused
        sol.onTrade(trade(2, kDay + 2000, 151, 1, false));
        QCOMPARE(num(ok("get_market_snapshot", args), "price"), 150.0); // not yet published
        sol.publish();
        QCOMPARE(num(ok("get_market_snapshot", args), "price"), 151.0);
        const Http rest = request(port_, "GET", "/api/market/SOLUSDT");
        QCOMPARE(QJsonDocument::fromJson(rest.body).object()["price"].toDouble(), 151.0);
    }
};

QTEST_GUILESS_MAIN(TestServerTransport)
#include "test_server_transport.moc"
