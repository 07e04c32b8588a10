// The server's request checks: media types and the body limit, Origin/Host (DNS rebinding), the
// bearer token on every route but /healthz.
#include "ServerFixture.h"

class TestServerSecurity : public ServerTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startServer(); }
    void cleanupTestCase() { stopServer(); }

    void mediaTypesAndBodyLimit()
    {
        Headers h{{"Content-Type", "text/plain"}, {"Accept", "application/json"}, {"Mcp-Session-Id", session_}};
        QCOMPARE(request(port_, "POST", "/mcp", h, rpcBody(1, "ping")).status, 415);
        h = {{"Content-Type", "application/json; charset=utf-8"}, {"Accept", "text/html"}, {"Mcp-Session-Id", session_}};
        QCOMPARE(request(port_, "POST", "/mcp", h, rpcBody(1, "ping")).status, 406);
        h = {{"Content-Type", "application/json; charset=utf-8"}, {"Accept", "*/*"}, {"Mcp-Session-Id", session_}};
        QCOMPARE(request(port_, "POST", "/mcp", h, rpcBody(1, "ping")).status, 200);
        QByteArray big = rpcBody(1, "ping");
        big.chop(1);
        big += ",\"pad\":\"" + QByteArray(1024 * 1024, 'x') + "\"}";
        const Http r = request(port_, "POST", "/mcp", h, big);
        QCOMPARE(r.status, 413);
        QCOMPARE(r.json()["error"].toObject()["code"].toInt(), -32000);
    }

    // ---- security ---------------------------------------------------------------------------------
    void originAndHost()
    {
        Headers h = kJson;
        h << qMakePair(QByteArray("Mcp-Session-Id"), session_);
        const auto with = [&](const QByteArray &k, const QByteArray &v) {
            Headers x = h;
            x << qMakePair(k, v);
            return request(port_, "POST", "/mcp", x, rpcBody(1, "ping"));
        };
        for (const char *o : {"http://evil.example", "null", "http://localhost.evil.example", "file://"}) {
            const Http r = with("Origin", o);
            QCOMPARE(r.status, 403);
            QCOMPARE(r.json()["error"].toObject()["code"].toInt(), -32000);
            QCOMPARE(r.json()["error"].toObject()["message"].toString(), QString("Forbidden: origin not allowed"));
        }
        for (const char *o : {"http://localhost:6274", "http://127.0.0.1", "https://[::1]:8443", "https://app.example.org"})
            QCOMPARE(with("Origin", o).status, 200);
        QCOMPARE(with("Host", "evil.example.com").status, 403);
        QCOMPARE(with("Host", "localhost:" + QByteArray::number(port_)).status, 200);
        QCOMPARE(request(port_, "GET", "/healthz", {{"Host", "evil.example.com"}}).status, 403);
        QCOMPARE(request(port_, "GET", "/sse", {{"Origin", "http://evil.example"}}).status, 403);
        QCOMPARE(request(port_, "GET", "/api/market/BTCUSDT", {{"Origin", "http://evil.example"}}).status, 403);
    }

    void tokenRequiredEverywhereButHealthz()
    {
        ServerOptions o;
        o.port = 0;
        o.apiToken = "s3cret";
        HttpServer s(registry_, {"BTCUSDT"}, o, [] { return HealthReport{}; });
        QVERIFY(s.start(nullptr));
        const quint16 p = s.port();
        for (const QByteArray &auth : {QByteArray(), QByteArray("Bearer wrong"), QByteArray("Bearer s3cre"),
                                      QByteArray("s3cret"), QByteArray("Basic czNjcmV0")}) {
            Headers h = kJson;
            if (!auth.isEmpty())
                h << qMakePair(QByteArray("Authorization"), auth);
            const Http r = request(p, "POST", "/mcp", h, rpcBody(1, "initialize", initParams()));
            QCOMPARE(r.status, 403); // never 401: that would start an OAuth flow in Cherry Studio
            QVERIFY(!r.headers.contains("www-authenticate"));
            QCOMPARE(request(p, "GET", "/api/market/BTCUSDT", h).status, 403);
            QCOMPARE(request(p, "GET", "/sse", h).status, 403);
        }
        Headers h = kJson;
        h << qMakePair(QByteArray("Authorization"), QByteArray("Bearer s3cret"));
        QCOMPARE(request(p, "POST", "/mcp", h, rpcBody(1, "initialize", initParams())).status, 200);
        QCOMPARE(request(p, "GET", "/api/market/BTCUSDT", h).status, 200);
        QCOMPARE(request(p, "GET", "/healthz").status, 200);
    }

    void nonLoopbackBindingChecksTokenNotHost()
    {
        ServerOptions o;
        o.host = "0.0.0.0";
        o.port = 0;
        o.apiToken = "t";
        HttpServer s(registry_, {"BTCUSDT"}, o, [] { return HealthReport{}; });
        QVERIFY(s.start(nullptr));
        const Headers named{{"Host", "orderflow.lan:8022"}, {"Authorization", "Bearer t"}};
        QCOMPARE(request(s.port(), "GET", "/api/market/BTCUSDT", named).status, 200);
        QCOMPARE(request(s.port(), "GET", "/api/market/BTCUSDT", {{"Host", "orderflow.lan:8022"}}).status, 403);
    }
};

QTEST_GUILESS_MAIN(TestServerSecurity)
#include "test_server_security.moc"
