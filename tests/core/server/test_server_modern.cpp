// The 2026-07-28 (stateless) era beside the session eras on /mcp and stdio (McpModern), and the
// resources, prompts and completions both eras share (McpFeatures).
#include "ServerFixture.h"

namespace {
const char *kModern = "2026-07-28";

QJsonObject meta(const QString &version = kModern)
{
    return QJsonObject{{"io.modelcontextprotocol/protocolVersion", version},
                       {"io.modelcontextprotocol/clientCapabilities", QJsonObject{}},
                       {"io.modelcontextprotocol/clientInfo", QJsonObject{{"name", "qt"}, {"version", "1"}}}};
}
QJsonObject withMeta(QJsonObject params, const QJsonObject &m = meta())
{
    params.insert("_meta", m);
    return params;
}
} // namespace

class TestServerModern : public ServerTest {
    Q_OBJECT

    // A stateless request with the standard headers (overridable; a null value drops one).
    Http modern(const QString &method, const QJsonObject &params, Headers extra = {}, const QByteArray &name = {})
    {
        Headers h = kJson;
        QMap<QByteArray, QByteArray> std{{"MCP-Protocol-Version", kModern}, {"Mcp-Method", method.toUtf8()}};
        if (!name.isEmpty())
            std.insert("Mcp-Name", name);
        for (const auto &[k, v] : extra)
            std.insert(k, v);
        for (auto it = std.cbegin(); it != std.cend(); ++it)
            h << qMakePair(it.key(), it.value());
        return request(port_, "POST", "/mcp", h, rpcBody(11, method, params));
    }

private Q_SLOTS:
    void initTestCase() { startServer(); }
    void cleanupTestCase() { stopServer(); }

    void discoverWithoutSession()
    {
        const Http r = modern("server/discover", withMeta({}));
        QCOMPARE(r.status, 200);
        QVERIFY(!r.headers.contains("mcp-session-id"));
        const QJsonObject res = r.json()["result"].toObject();
        QCOMPARE(r.json()["id"].toInt(), 11);
        QCOMPARE(res["resultType"].toString(), QString("complete"));
        QVERIFY(res["supportedVersions"].toArray().contains(QString(kModern)));
        QVERIFY(res["supportedVersions"].toArray().contains(QString("2025-11-25")));
        QVERIFY(res["capabilities"].toObject().contains("tools"));
        QVERIFY(res["capabilities"].toObject().contains("resources"));
        QCOMPARE(res["_meta"].toObject()["io.modelcontextprotocol/serverInfo"].toObject()["name"].toString(),
                 QString("crypto-orderflow"));
        QVERIFY(res["ttlMs"].isDouble());
        QCOMPARE(res["cacheScope"].toString(), QString("public"));
    }

    void toolsStateless()
    {
        const Http list = modern("tools/list", withMeta({}));
        QCOMPARE(list.status, 200);
        const QJsonObject lr = list.json()["result"].toObject();
        QCOMPARE(lr["tools"].toArray().size(), 15);
        QCOMPARE(lr["resultType"].toString(), QString("complete"));
        QVERIFY(lr.contains("ttlMs") && lr.contains("cacheScope"));
        // The same tool code answers: the snapshot as in a session.
        const QJsonObject args{{"symbol", "BTCUSDT"}};
        const Http call = modern("tools/call", withMeta({{"name", "get_market_snapshot"}, {"arguments", args}}), {},
                                 "  get_market_snapshot ");
        QCOMPARE(call.status, 200);
        const QJsonObject cr = call.json()["result"].toObject();
        QCOMPARE(cr["resultType"].toString(), QString("complete"));
        QCOMPARE(cr["structuredContent"].toObject(), ok("get_market_snapshot", args));
    }

    void metaAndHeaderChecks()
    {
        QJsonObject noCaps = meta();
        noCaps.remove("io.modelcontextprotocol/clientCapabilities");
        Http r = modern("tools/list", withMeta({}, noCaps));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json()["error"].toObject()["code"].toInt(), -32602);
        QCOMPARE(r.json()["id"].toInt(), 11); // errors keep the request id
        QVERIFY(r.json()["error"].toObject()["message"].toString().contains("clientCapabilities"));
        // header and _meta disagree
        r = modern("tools/list", withMeta({}, meta("2099-01-01")));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json()["error"].toObject()["code"].toInt(), -32020);
        // a version nobody serves
        r = modern("server/discover", withMeta({}, meta("v999")), {{"MCP-Protocol-Version", "v999"}});
        QCOMPARE(r.status, 400);
        const QJsonObject e = r.json()["error"].toObject();
        QCOMPARE(e["code"].toInt(), -32022);
        QCOMPARE(e["data"].toObject()["requested"].toString(), QString("v999"));
        QVERIFY(e["data"].toObject()["supported"].toArray().contains(QString(kModern)));
        // Mcp-Method missing, different, or a different case; Mcp-Name different or missing
        for (const QByteArray &m : {QByteArray(), QByteArray("prompts/list"), QByteArray("TOOLS/LIST")}) {
            r = modern("tools/list", withMeta({}), {{"Mcp-Method", m}});
            QCOMPARE(r.status, 400);
            QCOMPARE(r.json()["error"].toObject()["code"].toInt(), -32020);
        }
        const QJsonObject call = withMeta({{"name", "scan_market"}, {"arguments", QJsonObject{}}});
        QCOMPARE(modern("tools/call", call, {}, "wrong_tool").status, 400);
        QCOMPARE(modern("tools/call", call).status, 400);
        QCOMPARE(modern("tools/call", call, {}, "scan_market").status, 200);
    }

    void removedMethodsAre404()
    {
        for (const char *m : {"initialize", "ping", "logging/setLevel", "resources/subscribe", "unknown/method"}) {
            const Http r = modern(m, withMeta({}));
            QCOMPARE(r.status, 404);
            QCOMPARE(r.json()["error"].toObject()["code"].toInt(), -32601);
            QCOMPARE(r.json()["id"].toInt(), 11);
        }
    }

    void securityInBothEras()
    {
        Http r = modern("tools/list", withMeta({}), {{"Origin", "http://evil.example.com"}});
        QCOMPARE(r.status, 403);
        r = modern("tools/list", withMeta({}), {{"Host", "evil.example.com"}});
        QCOMPARE(r.status, 403);
        QCOMPARE(modern("tools/list", withMeta({}), {{"Origin", "http://localhost:3000"}}).status, 200);
    }

    void sessionsStillWork()
    {
        // Without a session and without a modern version: still "session required" (old clients).
        const Http r = request(port_, "POST", "/mcp", kJson, rpcBody(1, "tools/list"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json()["error"].toObject()["code"].toInt(), -32000);
        QCOMPARE(rpc("ping")["result"].toObject(), QJsonObject{});
        QCOMPARE(rpc("tools/list")["result"].toObject()["tools"].toArray().size(), 15);
        QVERIFY(!rpc("tools/list")["result"].toObject().contains("resultType"));
    }

    void resourcesBothEras()
    {
        const QJsonArray templates = rpc("resources/templates/list")["result"].toObject()["resourceTemplates"].toArray();
        QStringList uris;
        for (const QJsonValue &t : templates)
            uris << t.toObject()["uriTemplate"].toString();
        QVERIFY(uris.contains("orderflow://{symbol}/snapshot"));
        QVERIFY(uris.contains("orderflow://{symbol}/key-levels{?date}"));
        QVERIFY(uris.contains("orderflow://{symbol}/footprint/{timeframe}"));
        const QJsonArray list = rpc("resources/list")["result"].toObject()["resources"].toArray();
        QVERIFY(!list.isEmpty());
        // read returns the tool's JSON
        QJsonObject r = rpc("resources/read", {{"uri", "orderflow://BTCUSDT/key-levels"}})["result"].toObject();
        const QJsonObject c = r["contents"].toArray()[0].toObject();
        QCOMPARE(c["mimeType"].toString(), QString("application/json"));
        const QJsonObject levels = QJsonDocument::fromJson(c["text"].toString().toUtf8()).object();
        QCOMPARE(levels["dPOC"], ok("get_key_levels", {{"symbol", "BTCUSDT"}})["dPOC"]);
        r = rpc("resources/read", {{"uri", "orderflow://BTCUSDT/footprint/5m"}})["result"].toObject();
        QVERIFY(r["contents"].toArray()[0].toObject()["text"].toString().contains("\"timeframe\":\"5m\""));
        // SEP-2164: unknown resources are -32602 with the uri in data
        for (const char *uri : {"test://nonexistent", "orderflow://BTCUSDT/nothing", "orderflow://BTCUSDT/footprint/2m",
                                "orderflow://NOPEUSDT/snapshot"}) {
            const QJsonObject e = rpc("resources/read", {{"uri", uri}})["error"].toObject();
            QCOMPARE(e["code"].toInt(), -32602);
            QCOMPARE(e["data"].toObject()["uri"].toString(), QString(uri));
        }
        // stateless: read carries cache hints and needs Mcp-Name = uri
        const QJsonObject p = withMeta({{"uri", "orderflow://BTCUSDT/snapshot"}});
        const Http h = modern("resources/read", p, {}, "orderflow://BTCUSDT/snapshot");
        QCOMPARE(h.status, 200);
        QCOMPARE(h.json()["result"].toObject()["cacheScope"].toString(), QString("private"));
        QCOMPARE(modern("resources/read", p, {}, "orderflow://ETHUSDT/snapshot").status, 400);
    }

    void promptsAndCompletion()
    {
        const QJsonArray prompts = rpc("prompts/list")["result"].toObject()["prompts"].toArray();
        QVERIFY(prompts.size() >= 3);
        const QJsonObject got =
            rpc("prompts/get", {{"name", "footprint_read"}, {"arguments", QJsonObject{{"symbol", "BTCUSDT"}, {"timeframe", "15m"}}}});
        const QString text = got["result"].toObject()["messages"].toArray()[0].toObject()["content"].toObject()["text"].toString();
        QVERIFY(text.contains("BTCUSDT") && text.contains("15m"));
        QJsonObject e = rpc("prompts/get", {{"name", "footprint_read"}, {"arguments", QJsonObject{}}})["error"].toObject();
        QCOMPARE(e["code"].toInt(), -32602);
        QVERIFY(e["message"].toString().contains("symbol"));
        e = rpc("prompts/get", {{"name", "nope"}})["error"].toObject();
        QVERIFY(e["message"].toString().contains("session_brief"));
        auto complete = [&](const QString &arg, const QString &value) {
            return rpc("completion/complete", {{"ref", QJsonObject{{"type", "ref/prompt"}, {"name", "session_brief"}}},
                                               {"argument", QJsonObject{{"name", arg}, {"value", value}}}})["result"]
                .toObject()["completion"].toObject()["values"].toArray();
        };
        QCOMPARE(complete("symbol", "et"), (QJsonArray{"ETHUSDT"}));
        QCOMPARE(complete("timeframe", "1"), (QJsonArray{"1m", "15m", "1h"}));
        // The days the engines hold (no history here): today and the prior day of the fixture.
        QCOMPARE(complete("date", ""), (QJsonArray{"2024-08-08", "2024-08-07"}));
        const Http h = modern("prompts/get", withMeta({{"name", "market_scan"}}), {}, "market_scan");
        QCOMPARE(h.status, 200);
        QCOMPARE(h.json()["result"].toObject()["resultType"].toString(), QString("complete"));
    }

    void stdioModern()
    {
        Tools tools(registry_, {"BTCUSDT"});
        McpServer mcp(tools, "1");
        StdioTransport t(mcp);
        QList<QByteArray> out = t.handleLine(rpcBody(1, "server/discover", withMeta({})));
        QCOMPARE(out.size(), 1);
        QVERIFY(QJsonDocument::fromJson(out[0]).object()["result"].toObject()["supportedVersions"].toArray().contains(QString(kModern)));
        out = t.handleLine(rpcBody(2, "tools/call", withMeta({{"name", "get_market_snapshot"}, {"arguments", QJsonObject{{"symbol", "BTCUSDT"}}}})));
        QCOMPARE(QJsonDocument::fromJson(out.value(0)).object()["result"].toObject()["resultType"].toString(), QString("complete"));
        out = t.handleLine(rpcBody(3, "ping", withMeta({})));
        QCOMPARE(QJsonDocument::fromJson(out.value(0)).object()["error"].toObject()["code"].toInt(), -32601);
        // the session era on the same transport
        out = t.handleLine(rpcBody(4, "initialize", initParams()));
        QVERIFY(out.value(0).contains("\"protocolVersion\":\"2025-11-25\""));
        out = t.handleLine(rpcBody(5, "ping"));
        QCOMPARE(QJsonDocument::fromJson(out.value(0)).object()["result"].toObject(), QJsonObject{});
    }
};

QTEST_GUILESS_MAIN(TestServerModern)
#include "test_server_modern.moc"
