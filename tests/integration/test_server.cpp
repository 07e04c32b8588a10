// The MCP/REST server over HTTP with hand-made engine data: status codes, Origin/Host/token,
// body limit, JSON-RPC errors, batches, sessions, the SSE transport, every bad-argument path of
// every tool, and the values of every tool against numbers worked out by hand below.
#include "engine/BarQueries.h"
#include "engine/EngineRegistry.h"
#include "model/Fixed.h"
#include "model/Time.h"
#include "server/HttpServer.h"
#include "server/McpServer.h"
#include "server/StdioTransport.h"
#include "server/Tools.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QtTest>

#include <cmath>
#include <future>
#include <mutex>
#include <thread>

using namespace co;

namespace {

// ---- data -------------------------------------------------------------------------------------
// BTCUSDT (tick 1): prior day 2024-08-07 trades 120×2 buy, 121×1 sell, 120×1 buy → pdPOC 120,
// pdVAH = pdVAL = 120 (3 of 4 ≥ 70 %), pdVWAP 481/4 = 120.25, pdHigh 121, pdLow 120, pdClose 120.
// Today 2024-08-08: one trade per minute from 00:00 at 100…110 with the volumes of indicators.md
// example A (total 340, POC 105, dual VA 101…107, VWAP 35605/340); sells below 105, buys from 105.
const int64_t kDay = daysFromCivil({2024, 8, 8}) * kMsPerDay;
const int64_t kNow = kDay + 10 * kMsPerMinute; // the last trade: replayed data answers at its time
const std::vector<int64_t> kVolumes{5, 15, 60, 10, 45, 100, 40, 20, 30, 10, 5};
const int64_t kBook = kDay + 9 * kMsPerMinute; // book synced at 00:09:00

int64_t units(double v) { return llround(v * 1e8); }

Trade trade(int64_t id, int64_t t, double price, double qty, bool buy)
{
    Trade x;
    x.id = id;
    x.timeMs = t;
    x.price = units(price);
    x.qty = units(qty);
    x.buyerMaker = !buy;
    return x;
}

SymbolInfo symbol(const std::string &name, double tick)
{
    SymbolInfo s;
    s.name = name;
    s.tickSize = units(tick);
    s.stepSize = units(0.001);
    s.tickSource = TickSource::ExchangeInfo;
    return s;
}

DepthUpdate bidAt(int64_t t, int64_t id, double qty99)
{
    DepthUpdate u;
    u.eventMs = t;
    u.firstId = u.lastId = id;
    u.bids = {{units(99), units(qty99)}};
    return u;
}

void fillBtc(MarketEngine &e)
{
    e.onTrade(trade(1, kDay - 3 * kMsPerHour, 120, 2, true));
    e.onTrade(trade(2, kDay - 2 * kMsPerHour, 121, 1, false));
    e.onTrade(trade(3, kDay - 1 * kMsPerHour, 120, 1, true));
    for (size_t i = 0; i < kVolumes.size(); ++i)
        e.onTrade(trade(int64_t(4 + i), kDay + int64_t(i) * kMsPerMinute, 100.0 + double(i), double(kVolumes[i]), i >= 5));
    // Book: bids 99×5, 98×3, 90×10; asks 101×4, 102×2, 120×7 (mid 100; ±1 % = 99…101).
    DepthSnapshot s;
    s.lastUpdateId = 10;
    s.eventMs = kBook;
    s.bids = {{units(99), units(5)}, {units(98), units(3)}, {units(90), units(10)}};
    s.asks = {{units(101), units(4)}, {units(102), units(2)}, {units(120), units(7)}};
    e.onBookReset(s);
    // Bid 99 becomes 6 (sampled for 00:09:01…00:09:10), 8 (00:09:11…00:09:20), then 9 (current).
    e.onBookDiff(bidAt(kBook + 500, 11, 6));
    e.onBookDiff(bidAt(kBook + 10'500, 12, 8));
    e.onBookDiff(bidAt(kBook + 20'500, 13, 9));
    MarkPrice m;
    m.eventMs = kNow - 10'000;
    m.markPrice = units(110.5);
    m.indexPrice = units(110.4);
    m.fundingRate = units(0.0001);
    m.nextFundingMs = kDay + 8 * kMsPerHour;
    e.onMark(m);
    e.onOpenInterest({kNow - 10'000 - kMsPerHour, units(1000), 0});
    e.onOpenInterest({kNow - 10'000, units(1100), 0});
    Liquidation longLiq; // a long liquidated: 0.5 at avg 109.5 = 54.75 USDT
    longLiq.eventMs = longLiq.tradeMs = kNow - 5000;
    longLiq.side = Side::Sell;
    longLiq.price = units(109);
    longLiq.avgPrice = units(109.5);
    longLiq.origQty = longLiq.lastFilledQty = longLiq.filledQty = units(0.5);
    e.onLiquidation(longLiq);
    Liquidation shortLiq = longLiq; // a short: 2 at 111 = 222 USDT
    shortLiq.eventMs = shortLiq.tradeMs = kNow - 4000;
    shortLiq.side = Side::Buy;
    shortLiq.price = shortLiq.avgPrice = units(111);
    shortLiq.origQty = shortLiq.lastFilledQty = shortLiq.filledQty = units(2);
    e.onLiquidation(shortLiq);
}

// ETHUSDT: trades from the first second of the prior day, so a full 24 h window is known.
// Window at 00:00:01 = the 1440 minutes from 00:01 of the prior day: 3100×2 (12:00) and 3050×1.
void fillEth(MarketEngine &e)
{
    e.onTrade(trade(1, kDay - kMsPerDay + 1000, 3000, 1, true));
    e.onTrade(trade(2, kDay - kMsPerDay / 2, 3100, 2, false));
    e.onTrade(trade(3, kDay + 1000, 3050, 1, true));
}

// XRPUSDT: 200 one-minute bars of 50 rows each, far more than 32 KB of footprint; then a mark
// price already past midnight (as in recordings cut at local midnight) but no trade of that day.
void fillXrp(MarketEngine &e)
{
    int64_t id = 1;
    for (int bar = 0; bar < 200; ++bar)
        for (int row = 0; row < 50; ++row)
            e.onTrade(trade(id++, kDay + bar * kMsPerMinute + row, 0.5 + row * 0.0001, 10 + row, row % 3 == 0));
    MarkPrice m;
    m.eventMs = kDay + kMsPerDay + 500;
    m.markPrice = units(0.51);
    e.onMark(m);
}

// ---- HTTP over a raw socket: every header under the test's control ------------------------------
struct Http {
    int status = 0;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

Http request(quint16 port, const QByteArray &method, const QByteArray &path, Headers headers = {},
             const QByteArray &body = {})
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(3000))
        qFatal("cannot connect");
    QByteArray req = method + " " + path + " HTTP/1.1\r\n";
    bool hasHost = false;
    for (const auto &[k, v] : headers) {
        hasHost = hasHost || k.toLower() == "host";
        if (!v.isNull())
            req += k + ": " + v + "\r\n";
    }
    if (!hasHost)
        req += "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    if (!body.isEmpty() || method == "POST")
        req += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    req += "\r\n" + body;
    s.write(req);
    QByteArray in;
    Http h;
    qsizetype headerEnd = -1;
    qint64 length = -1;
    while (true) {
        if (headerEnd < 0 && (headerEnd = in.indexOf("\r\n\r\n")) >= 0) {
            const QList<QByteArray> lines = in.left(headerEnd).split('\n');
            h.status = lines[0].split(' ').value(1).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                h.headers[lines[i].left(colon).trimmed().toLower()] = lines[i].mid(colon + 1).trimmed();
            }
            length = h.headers.value("content-length", "0").toLongLong();
        }
        if (headerEnd >= 0 && in.size() - headerEnd - 4 >= length)
            break;
        if (!s.waitForReadyRead(5000))
            qFatal("no complete answer to %s %s", method.constData(), path.constData());
        in += s.readAll();
    }
    h.body = in.mid(headerEnd + 4, length);
    return h;
}

const Headers kJson{{"Content-Type", "application/json"}, {"Accept", "application/json, text/event-stream"}};

QByteArray rpcBody(const QJsonValue &id, const QString &method, const QJsonObject &params = {})
{
    QJsonObject o{{"jsonrpc", "2.0"}, {"method", method}};
    if (!id.isUndefined())
        o.insert("id", id);
    if (!params.isEmpty())
        o.insert("params", params);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject initParams(const QString &version = "2025-11-25")
{
    return {{"protocolVersion", version}, {"capabilities", QJsonObject{}}, {"clientInfo", QJsonObject{{"name", "qt"}, {"version", "1"}}}};
}

double num(const QJsonObject &o, const char *key)
{
    if (!o.contains(QLatin1String(key)))
        qFatal("missing %s in %s", key, QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    return o[QLatin1String(key)].toDouble();
}
} // namespace

// A HistoryProvider with canned answers: what the tool does with each kind.
// slow: prepare() parks its callers until fire(), as a rebuild in progress does.
struct FakeHistory : HistoryProvider {
    std::vector<HistoryRequest> asked;
    QueryResult<HistoryDay> answer = QueryError{QueryErrorKind::NotInMemory, "nothing stored; kept: x"};
    std::atomic<bool> slow{false};
    std::mutex mutex;
    std::vector<std::function<void()>> waiting;
    QueryResult<HistoryDay> day(const HistoryRequest &r) override
    {
        std::lock_guard lock(mutex);
        asked.push_back(r);
        return answer;
    }
    bool prepare(const HistoryRequest &, std::function<void()> ready) override
    {
        if (!slow)
            return true;
        std::lock_guard lock(mutex);
        waiting.push_back(std::move(ready));
        return false;
    }
    size_t parked()
    {
        std::lock_guard lock(mutex);
        return waiting.size();
    }
    void fire() // from another thread, as the rebuild's worker does
    {
        slow = false;
        std::vector<std::function<void()>> w;
        {
            std::lock_guard lock(mutex);
            w.swap(waiting);
        }
        std::thread([w] {
            for (const auto &fn : w)
                fn();
        }).join();
    }
};

class TestServer : public QObject {
    Q_OBJECT

    EngineRegistry registry_;
    std::unique_ptr<HttpServer> server_;
    quint16 port_ = 0;
    QByteArray session_;
    bool serving_ = true;

    QJsonObject rpc(const QString &method, const QJsonObject &params = {}, int *status = nullptr)
    {
        Headers h = kJson;
        h << qMakePair(QByteArray("Mcp-Session-Id"), session_);
        const Http r = request(port_, "POST", "/mcp", h, rpcBody(7, method, params));
        if (status)
            *status = r.status;
        return r.json();
    }
    // tools/call result ({content, structuredContent} or {content, isError}).
    QJsonObject call(const QString &tool, const QJsonObject &args)
    {
        const QJsonObject r = rpc("tools/call", {{"name", tool}, {"arguments", args}});
        if (!r.contains("result"))
            qFatal("tools/call failed: %s", QJsonDocument(r).toJson(QJsonDocument::Compact).constData());
        return r["result"].toObject();
    }
    QJsonObject ok(const QString &tool, const QJsonObject &args)
    {
        const QJsonObject r = call(tool, args);
        if (r["isError"].toBool())
            qFatal("%s: %s", qPrintable(tool), qPrintable(r["content"].toArray()[0].toObject()["text"].toString()));
        // content[0].text carries the same object as structuredContent.
        const QJsonObject fromText =
            QJsonDocument::fromJson(r["content"].toArray()[0].toObject()["text"].toString().toUtf8()).object();
        if (fromText != r["structuredContent"].toObject())
            qFatal("text and structuredContent differ for %s", qPrintable(tool));
        return r["structuredContent"].toObject();
    }
    // The isError text of a call that must fail.
    QString toolError(const QString &tool, const QJsonObject &args)
    {
        const QJsonObject r = call(tool, args);
        if (!r["isError"].toBool())
            qFatal("%s %s did not fail", qPrintable(tool), QJsonDocument(args).toJson(QJsonDocument::Compact).constData());
        return r["content"].toArray()[0].toObject()["text"].toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        fillBtc(registry_.engine(symbol("BTCUSDT", 1)));
        fillEth(registry_.engine(symbol("ETHUSDT", 1)));
        fillXrp(registry_.engine(symbol("XRPUSDT", 0.0001)));
        registry_.publishAll();
        ServerOptions o;
        o.port = 0;
        o.version = "9.9.9";
        o.allowedOrigins = {"https://app.example.org"};
        o.threads = 4; // connections spread over threads: sessions and SSE answers must cross them
        server_ = std::make_unique<HttpServer>(registry_, QStringList{"BTCUSDT", "ETHUSDT", "SOLUSDT"}, o, [this] {
            return HealthReport{serving_, QJsonObject{{"status", serving_ ? "ok" : "degraded"}}};
        });
        QString error;
        QVERIFY2(server_->start(&error), qPrintable(error));
        port_ = server_->port();
        QVERIFY(port_ > 0);
        const Http init = request(port_, "POST", "/mcp", kJson, rpcBody(1, "initialize", initParams()));
        QCOMPARE(init.status, 200);
        session_ = init.headers.value("mcp-session-id");
        QVERIFY(!session_.isEmpty());
    }
    void cleanupTestCase() { server_.reset(); }

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
            QCOMPARE(result["capabilities"].toObject(), (QJsonObject{{"tools", QJsonObject{{"listChanged", false}}}}));
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
                                   "get_orderbook_depth_delta", "stream_liquidations", "scan_market"};
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
        for (const char *m : {"resources/list", "prompts/list", "logging/setLevel", "server/discover"}) {
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
        QCOMPARE(a[1].toObject()["result"].toObject()["tools"].toArray().size(), 7);
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

    // ---- values (hand-computed above) -------------------------------------------------------------
    void keyLevelValues()
    {
        const QJsonObject k = ok("get_key_levels", {{"symbol", "btcusdt"}});
        QCOMPARE(k["symbol"].toString(), QString("BTCUSDT"));
        QCOMPARE(k["date"].toString(), QString("2024-08-08"));
        QCOMPARE(k["sessionTZ"].toString(), QString("UTC"));
        QCOMPARE(num(k, "dPOC"), 105.0);
        QCOMPARE(num(k, "dVAL"), 101.0);
        QCOMPARE(num(k, "dVAH"), 107.0);
        QCOMPARE(num(k, "dVWAP"), 35605.0 / 340.0);
        double s2 = 0;
        for (size_t i = 0; i < kVolumes.size(); ++i)
            s2 += double(kVolumes[i]) * (100.0 + double(i)) * (100.0 + double(i));
        const double sigma = std::sqrt(s2 / 340.0 - (35605.0 / 340.0) * (35605.0 / 340.0));
        QVERIFY(std::abs(num(k["vwapBands"].toObject(), "sigma") - sigma) < 1e-9);
        QCOMPARE(num(k, "volume"), 340.0);
        QCOMPARE(num(k, "delta"), 205.0 - 135.0);
        QCOMPARE(num(k, "pdPOC"), 120.0);
        QCOMPARE(num(k, "pdVAH"), 120.0);
        QCOMPARE(num(k, "pdVAL"), 120.0);
        QCOMPARE(num(k, "pdVWAP"), 120.25);
        QCOMPARE(num(k, "pdHigh"), 121.0);
        QCOMPARE(num(k, "pdLow"), 120.0);
        QCOMPARE(num(k, "pdClose"), 120.0);
        const QJsonObject tokyo = k["sessions"].toObject()["tokyo"].toObject();
        QCOMPARE(tokyo["trades"].toInt(), 11);
        QCOMPARE(num(tokyo, "high"), 110.0);
        QCOMPARE(num(tokyo, "low"), 100.0);
        QCOMPARE(tokyo["active"].toBool(), true);
        QCOMPARE(k["sessions"].toObject()["london"].toObject()["trades"].toInt(), 0);
        QVERIFY(!k["sessions"].toObject()["london"].toObject().contains("high"));
        const QJsonArray naked = k["nakedPOCs"].toArray();
        QCOMPARE(naked.size(), 1);
        QCOMPARE(naked[0].toObject()["date"].toString(), QString("2024-08-07"));
        QCOMPARE(num(naked[0].toObject(), "price"), 120.0);
        QCOMPARE(num(naked[0].toObject(), "distance"), 10.0);
        QCOMPARE(num(naked[0].toObject(), "distancePct"), 10.0 / 110.0 * 100.0);
        QVERIFY(k["dataQuality"].toObject().contains("coverage"));

        const QJsonObject prior = ok("get_key_levels", {{"symbol", "BTCUSDT"}, {"date", "2024-08-07"}});
        QCOMPARE(prior["date"].toString(), QString("2024-08-07"));
        QCOMPARE(num(prior, "dPOC"), 120.0);
        QCOMPARE(num(prior, "dVWAP"), 120.25);
        QVERIFY(!prior.contains("pdPOC"));
        // Europe/London is UTC+1 in August: its days are not the server's.
        QVERIFY(toolError("get_key_levels", {{"symbol", "BTCUSDT"}, {"sessionTZ", "Europe/London"}}).contains("DAY_TZ=UTC"));
        // Without a date: the day of the latest trade, even when later events are past midnight.
        QCOMPARE(ok("get_key_levels", {{"symbol", "XRPUSDT"}})["date"].toString(), QString("2024-08-08"));
        // Same midnights as UTC: answered.
        QCOMPARE(ok("get_key_levels", {{"symbol", "BTCUSDT"}, {"sessionTZ", "Etc/UTC"}})["dPOC"].toDouble(), 105.0);
    }
    // With a HistoryProvider: today stays the engine's; other days and zones go to the history; its
    // errors pass through, except that the engine still answers its prior day.
    void keyLevelsFromHistory()
    {
        auto fake = std::make_shared<FakeHistory>();
        const Tools tools(registry_, {"BTCUSDT"}, fake);
        auto call = [&](const QJsonObject &args) { return tools.call("get_key_levels", args); };
        auto error = [&](const QJsonObject &args) {
            const auto r = call(args);
            const ApiError *e = std::get_if<ApiError>(&r);
            return e ? *e : ApiError{ApiErrorKind::Internal, "no error"};
        };
        const QJsonObject btc{{"symbol", "BTCUSDT"}};
        auto with = [](QJsonObject o, const QString &k, const QString &v) {
            o.insert(k, v);
            return o;
        };
        QCOMPARE(std::get<ToolOutput>(call(btc)).structured["dPOC"].toDouble(), 105.0);
        QVERIFY(fake->asked.empty());

        const ApiError old = error(with(btc, "date", "2024-08-01"));
        QCOMPARE(old.kind, ApiErrorKind::NotInMemory);
        QCOMPARE(old.message, QString("nothing stored; kept: x"));
        QCOMPARE(fake->asked.back().day, daysFromCivil({2024, 8, 1}));
        QCOMPARE(QString::fromStdString(fake->asked.back().zoneId), QString("UTC"));
        // Etc/UTC has the server's midnights: asked as DAY_TZ (its summaries), answered as given.
        error(with(with(btc, "date", "2024-08-01"), "sessionTZ", "Etc/UTC"));
        QCOMPARE(QString::fromStdString(fake->asked.back().zoneId), QString("UTC"));
        // Another zone's today: the history, in that zone.
        const ApiError tokyo = error(with(btc, "sessionTZ", "Asia/Tokyo"));
        QCOMPARE(tokyo.kind, ApiErrorKind::NotInMemory);
        QCOMPARE(QString::fromStdString(fake->asked.back().zoneId), QString("Asia/Tokyo"));
        QCOMPARE(fake->asked.back().day, daysFromCivil({2024, 8, 8}));
        // The prior day: the history's answer when it has one, else the engine's own.
        const QJsonObject prior = std::get<ToolOutput>(call(with(btc, "date", "2024-08-07"))).structured;
        QCOMPARE(num(prior, "dPOC"), 120.0);
        QVERIFY(!prior.contains("pdPOC"));
        HistoryDay stored;
        stored.stored = QJsonObject{{"symbol", "BTCUSDT"}, {"date", "2024-08-07"}, {"dPOC", 121.0},
                                    {"dataQuality", QJsonObject{{"warnings", QJsonArray{"w0"}}}}};
        stored.warnings = {"from the summary"};
        fake->answer = stored; // not complete yet: the engine's prior day wins
        QTest::qWait(Tools::kReuseMs + 20);
        QCOMPARE(num(std::get<ToolOutput>(call(with(btc, "date", "2024-08-07"))).structured, "dPOC"), 120.0);
        stored.complete = true;
        fake->answer = stored;
        QTest::qWait(Tools::kReuseMs + 20); // answers are reused that long (same snapshots)
        const QJsonObject fromSummary = std::get<ToolOutput>(call(with(btc, "date", "2024-08-07"))).structured;
        QCOMPARE(num(fromSummary, "dPOC"), 121.0);
        QCOMPARE(fromSummary["sessionTZ"].toString(), QString("UTC"));
        QCOMPARE(fromSummary["dataQuality"].toObject()["warnings"].toArray(), (QJsonArray{"w0", "from the summary"}));
        // A rebuilt snapshot: levels built from it as from a live engine.
        HistoryDay rebuilt;
        rebuilt.snapshot = registry_.snapshot("ETHUSDT");
        fake->answer = rebuilt;
        const QJsonObject eth = std::get<ToolOutput>(call(with(btc, "date", "2024-07-30"))).structured;
        QCOMPARE(eth["symbol"].toString(), QString("ETHUSDT"));
        // Not ready yet: "ask again" passes through as no_data.
        fake->answer = QueryError{QueryErrorKind::NoData, "being rebuilt; ask again in a few seconds"};
        QTest::qWait(Tools::kReuseMs + 20);
        QCOMPARE(error(with(btc, "date", "2024-07-30")).kind, ApiErrorKind::NoData);
        QCOMPARE(std::get<ToolOutput>(call(with(btc, "date", "2024-08-07"))).structured["date"].toString(), QString("2024-08-07"));
    }
    // A day being rebuilt parks its answer: the server thread goes on serving everyone else.
    void slowHistoryDoesNotBlockTheServer()
    {
        auto fake = std::make_shared<FakeHistory>();
        HistoryDay stored;
        stored.complete = true;
        stored.stored = QJsonObject{{"symbol", "BTCUSDT"}, {"date", "2024-08-01"}, {"dPOC", 99.0}};
        fake->answer = stored;
        fake->slow = true;
        ServerOptions o;
        o.port = 0;
        HttpServer server(registry_, {"BTCUSDT"}, o, {}, fake);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const quint16 port = server.port();

        auto rest = std::async(std::launch::async, [port] { return request(port, "GET", "/api/key-levels/BTCUSDT?date=2024-08-01"); });
        QTRY_COMPARE(fake->parked(), size_t(1));
        QCOMPARE(request(port, "GET", "/healthz").status, 200);
        QCOMPARE(request(port, "GET", "/api/key-levels/BTCUSDT").status, 200); // today: never parked
        QCOMPARE(rest.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout);
        fake->fire();
        const Http r = rest.get();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()["dPOC"].toDouble(), 99.0);

        // The same over MCP (a batch with two parked calls answers once both are ready).
        const Http init = request(port, "POST", "/mcp", kJson, rpcBody(1, "initialize", initParams()));
        Headers h = kJson;
        h << qMakePair(QByteArray("Mcp-Session-Id"), init.headers.value("mcp-session-id"));
        const QJsonObject call{{"name", "get_key_levels"}, {"arguments", QJsonObject{{"symbol", "BTCUSDT"}, {"date", "2024-08-01"}}}};
        const QByteArray batch = "[" + rpcBody(2, "tools/call", call) + "," + rpcBody(3, "tools/call", call) + "]";
        fake->slow = true;
        auto mcp = std::async(std::launch::async, [port, h, batch] { return request(port, "POST", "/mcp", h, batch); });
        QTRY_COMPARE(fake->parked(), size_t(2));
        QCOMPARE(request(port, "GET", "/healthz").status, 200);
        fake->fire();
        const Http m = mcp.get();
        QCOMPARE(m.status, 200);
        const QJsonArray answers = m.array();
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers[1].toObject()["result"].toObject()["structuredContent"].toObject()["dPOC"].toDouble(), 99.0);

        // A client that goes away while parked: nothing breaks when its answer is ready.
        fake->slow = true;
        {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(s.waitForConnected(3000));
            s.write("GET /api/key-levels/BTCUSDT?date=2024-08-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            QVERIFY(s.waitForBytesWritten(3000));
            QTRY_COMPARE(fake->parked(), size_t(1));
        }
        QTest::qWait(100);
        fake->fire();
        QTest::qWait(100);
        QCOMPARE(request(port, "GET", "/healthz").status, 200);
        // Stopping with an answer parked drops it.
        fake->slow = true;
        auto dropped = std::async(std::launch::async, [port] {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, port);
            s.waitForConnected(3000);
            s.write("GET /api/key-levels/BTCUSDT?date=2024-08-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            s.waitForBytesWritten(3000);
            s.waitForDisconnected(5000);
            return s.readAll();
        });
        QTRY_COMPARE(fake->parked(), size_t(1));
        server.stop();
        fake->fire();
        QVERIFY(dropped.get().isEmpty());
    }
    void footprintValues()
    {
        // Without startTime the latest bars across midnight: the prior day's three, then today's.
        QCOMPARE(ok("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}})["bars"].toArray().size(), 6);
        const QJsonObject f = ok("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}, {"startTime", qint64(kDay)}});
        const QJsonArray bars = f["bars"].toArray();
        QCOMPARE(bars.size(), 3);
        const QJsonObject b0 = bars[0].toObject(), b1 = bars[1].toObject(), b2 = bars[2].toObject();
        QCOMPARE(b0["openTime"].toInteger(), kDay);
        QCOMPARE(num(b0, "volume"), 135.0);
        QCOMPARE(num(b0, "delta"), -135.0);
        QCOMPARE(num(b0, "poc"), 102.0);
        QCOMPARE(num(b0, "cvd"), -135.0);
        QCOMPARE(b0["sellImbalanceCount"].toInt(), 4);
        QCOMPARE(b0["stacked"].toArray()[0].toArray(), (QJsonArray{100.0, 103.0, "SELL", 4}));
        QCOMPARE(num(b1, "open"), 105.0);
        QCOMPARE(num(b1, "close"), 109.0);
        QCOMPARE(num(b1, "poc"), 105.0);
        QCOMPARE(num(b1, "cvd"), 65.0);
        QCOMPARE(b1["buyImbalanceCount"].toInt(), 4);
        QCOMPARE(b1["stacked"].toArray()[0].toArray(), (QJsonArray{106.0, 109.0, "BUY", 4}));
        QCOMPARE(num(b2, "cvd"), 70.0);
        // topN 2: the two largest rows of bar 1, highest price first, as [price, sell, buy].
        const QJsonObject top = ok("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}, {"topN", 2}, {"compact", false},
                                                     {"startTime", qint64(kDay)}});
        const QJsonObject t1 = top["bars"].toArray()[1].toObject();
        QCOMPARE(t1["rows"].toArray(), (QJsonArray{QJsonArray{106.0, 0.0, 40.0}, QJsonArray{105.0, 0.0, 100.0}}));
        QCOMPARE(t1["buyImbalances"].toArray(), (QJsonArray{106.0, 107.0, 108.0, 109.0}));
        // Range and limit: startTime inclusive, endTime exclusive, newest kept.
        const QJsonObject r = ok("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "1m"}, {"startTime", qint64(kDay + kMsPerMinute)},
                                                   {"endTime", qint64(kDay + 4 * kMsPerMinute)}, {"limit", 2}});
        QCOMPARE(r["bars"].toArray().size(), 2);
        QCOMPARE(r["bars"].toArray()[0].toObject()["openTime"].toInteger(), kDay + 2 * kMsPerMinute);
        QCOMPARE(r["truncated"].toBool(), true);
        QCOMPARE(r["next"].toObject()["endTime"].toInteger(), kDay + 2 * kMsPerMinute);
        QVERIFY(QJsonDocument(f).toJson(QJsonDocument::Compact).size() < 8192);
    }
    void hardCapCutsOldestBars()
    {
        const QJsonObject r = call("get_footprint", {{"symbol", "XRPUSDT"}, {"timeframe", "1m"}, {"limit", 200}, {"topN", 50}, {"compact", false}});
        const QByteArray text = r["content"].toArray()[0].toObject()["text"].toString().toUtf8();
        QVERIFY(text.size() <= Tools::kHardCapBytes);
        const QJsonObject f = r["structuredContent"].toObject();
        QCOMPARE(f["truncated"].toBool(), true);
        QVERIFY(f["hint"].toString().contains("limit"));
        const QJsonArray bars = f["bars"].toArray();
        QVERIFY(bars.size() > 5 && bars.size() < 200);
        QCOMPARE(bars.last().toObject()["openTime"].toInteger(), kDay + 199 * kMsPerMinute); // newest kept
        QCOMPARE(f["next"].toObject()["endTime"].toInteger(), bars.first().toObject()["openTime"].toInteger());
    }
    void orderflowValues()
    {
        const QJsonObject m = ok("get_orderflow_metrics", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}});
        const QJsonObject cur = m["current"].toObject(), prev = m["previous"].toObject();
        QCOMPARE(cur["openTime"].toInteger(), kDay + 10 * kMsPerMinute);
        QCOMPARE(cur["closed"].toBool(), false);
        QCOMPARE(num(cur, "delta"), 5.0);
        QCOMPARE(num(cur, "cvd"), 70.0);
        QCOMPARE(prev["closed"].toBool(), true);
        QCOMPARE(num(prev, "buyVolume"), 200.0);
        QCOMPARE(num(prev, "sellVolume"), 0.0);
        QCOMPARE(num(prev, "buyShare"), 1.0);
        QVERIFY(!prev.contains("buySellRatio"));
        QCOMPARE(prev["buyImbalances"].toInt(), 4);
        QCOMPARE(prev["deltaDivergence"].toBool(), false);
        QCOMPARE(num(prev, "largeTradeShare"), 0.0);
        QCOMPARE(num(m["day"].toObject(), "delta"), 70.0);
        QCOMPARE(num(m["day"].toObject(), "cvd"), 70.0);
    }
    void depthDeltaValues()
    {
        const QJsonObject d = ok("get_orderbook_depth_delta", {{"symbol", "BTCUSDT"}, {"windowSec", 5}, {"lookback", 2}});
        const QJsonObject cur = d["current"].toObject();
        QCOMPARE(num(cur, "mid"), 100.0);
        QCOMPARE(num(cur, "bidDepth"), 9.0);
        QCOMPARE(num(cur, "askDepth"), 4.0);
        QCOMPARE(num(cur, "net"), 5.0);
        QCOMPARE(num(cur, "bidNotional"), 891.0);
        const QJsonArray w = d["windows"].toArray();
        QCOMPARE(w.size(), 2);
        QCOMPARE(w[0].toObject()["endMs"].toInteger(), kBook + 15'000);
        QCOMPARE(num(w[0].toObject(), "bidDepth"), 8.0);
        QCOMPARE(num(w[0].toObject(), "bidChange"), 2.0);
        QCOMPARE(num(w[0].toObject(), "netChange"), 2.0);
        QCOMPARE(w[1].toObject()["endMs"].toInteger(), kBook + 20'000);
        QCOMPARE(num(w[1].toObject(), "netChange"), 0.0);
        // ±2 %: 98 and 99 bid, 101 and 102 ask now.
        const QJsonObject two = ok("get_orderbook_depth_delta", {{"symbol", "BTCUSDT"}, {"percent", 2}});
        QCOMPARE(num(two["current"].toObject(), "bidDepth"), 12.0);
        QCOMPARE(num(two["current"].toObject(), "askDepth"), 6.0);
        // Off the 0.1 % ladder: windows at the nearest band, said in dataQuality.
        const QJsonObject odd = ok("get_orderbook_depth_delta", {{"symbol", "BTCUSDT"}, {"percent", 1.04}});
        QCOMPARE(odd["windowPercent"].toDouble(), 1.0);
        QVERIFY(QJsonDocument(odd["dataQuality"].toObject()["warnings"].toArray()).toJson().contains("nearest"));
    }
    void liquidationValues()
    {
        const QJsonObject l = ok("stream_liquidations", {{"symbol", "BTCUSDT"}, {"compact", false}});
        const QJsonArray items = l["items"].toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items[0].toObject()["side"].toString(), QString("BUY")); // newest first
        QCOMPARE(num(items[0].toObject(), "notional"), 222.0);
        QCOMPARE(items[1].toObject()["liquidated"].toString(), QString("long"));
        QCOMPARE(num(items[1].toObject(), "notional"), 54.75);
        const QJsonObject h1 = l["totals"].toObject()["1h"].toObject();
        QCOMPARE(h1["count"].toInt(), 2);
        QCOMPARE(num(h1, "longNotional"), 54.75);
        QCOMPARE(num(h1, "shortNotional"), 222.0);
        QCOMPARE(num(h1, "longQty"), 0.5);
        QCOMPARE(l["lowerBound"].toBool(), true);
        const QJsonObject compact = ok("stream_liquidations", {{"limit", 1}});
        QCOMPARE(compact["items"].toArray().size(), 1);
        QCOMPARE(compact["items"].toArray()[0].toArray()[2].toString(), QString("BUY"));
        QCOMPARE(compact["columns"].toArray()[0].toString(), QString("timeMs"));
        QVERIFY(!compact["totals"].toObject()["1h"].toObject().contains("longQty")); // several symbols
    }
    void marketSnapshotValues()
    {
        const QJsonObject m = ok("get_market_snapshot", {{"symbol", "BTCUSDT"}});
        QCOMPARE(m["timestamp"].toInteger(), kNow);
        QCOMPARE(m["exchange"].toString(), QString("binance"));
        QCOMPARE(num(m, "price"), 110.0);
        QCOMPARE(num(m, "markPrice"), 110.5);
        QCOMPARE(num(m, "indexPrice"), 110.4);
        QCOMPARE(num(m, "fundingRate"), 0.0001);
        QCOMPARE(m["nextFundingTime"].toInteger(), kDay + 8 * kMsPerHour);
        QCOMPARE(num(m, "openInterest"), 1100.0);
        QCOMPARE(num(m, "openInterestNotional"), 1100 * 110.5);
        QCOMPARE(num(m, "bestBid"), 99.0);
        QCOMPARE(num(m, "bestAsk"), 101.0);
        QCOMPARE(num(m, "spread"), 2.0);
        QCOMPARE(m["valueAreaPosition"].toString(), QString("above"));
        QCOMPARE(num(m, "dayDelta"), 70.0);
        QVERIFY(!m.contains("high24h")); // trades only since 21:00 of the prior day
        QVERIFY(QJsonDocument(m["dataQuality"].toObject()["warnings"].toArray()).toJson().contains("24 h"));

        const QJsonObject e = ok("get_market_snapshot", {{"symbol", "ETHUSDT"}});
        QCOMPARE(num(e, "high24h"), 3100.0);
        QCOMPARE(num(e, "low24h"), 3050.0);
        QCOMPARE(num(e, "volume24h"), 3.0);
        QCOMPARE(num(e, "quoteVolume24h"), 9250.0);
        QCOMPARE(num(e, "priceChange24h"), -50.0);
        QCOMPARE(e["trades24h"].toInt(), 2);
    }
    void scanValues()
    {
        const QJsonObject s = ok("scan_market", {});
        QCOMPARE(s["timeframe"].toString(), QString("1h"));
        const QJsonArray rows = s["rows"].toArray();
        QCOMPARE(rows.size(), 3); // BTC, ETH, XRP; SOL has no data
        const QJsonObject btc = rows[0].toObject();
        QCOMPARE(btc["symbol"].toString(), QString("BTCUSDT"));
        QCOMPARE(btc["vsVWAP"].toString(), QString("above"));
        QCOMPARE(btc["vsValueArea"].toString(), QString("above"));
        QCOMPARE(num(btc["nearestNakedPOC"].toObject(), "price"), 120.0);
        QCOMPARE(btc["deltaSign"].toInt(), 1);
        QCOMPARE(num(btc, "openInterestChange"), 100.0);
        QCOMPARE(num(btc, "openInterestChangePercent"), 10.0);
        QCOMPARE(num(btc, "fundingRate"), 0.0001);
        QCOMPARE(btc["lastBar"].toObject()["stacked"].toArray().size(), 2); // 00:00 1h bar: SELL 100–103, BUY 106–110
        QCOMPARE(s["unavailable"].toArray()[0].toObject()["symbol"].toString(), QString("SOLUSDT"));
        const QJsonObject one = ok("scan_market", {{"symbols", QJsonArray{"ETHUSDT"}}, {"timeframe", "5m"}});
        QCOMPARE(one["rows"].toArray().size(), 1);
    }

    // ---- REST: the same objects -------------------------------------------------------------------
    void restMatchesMcp()
    {
        const QList<std::tuple<QByteArray, QString, QJsonObject>> cases{
            {"/api/market/BTCUSDT", "get_market_snapshot", {{"symbol", "BTCUSDT"}}},
            {"/api/key-levels/BTCUSDT?date=2024-08-07", "get_key_levels", {{"symbol", "BTCUSDT"}, {"date", "2024-08-07"}}},
            {"/api/footprint/BTCUSDT?timeframe=5m&limit=2&topN=3&compact=false", "get_footprint",
             {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}, {"limit", 2}, {"topN", 3}, {"compact", false}}},
            {"/api/orderflow/BTCUSDT?timeframe=1m", "get_orderflow_metrics", {{"symbol", "BTCUSDT"}, {"timeframe", "1m"}}},
            {"/api/depth-delta/BTCUSDT?percent=1.5&windowSec=5&lookback=3", "get_orderbook_depth_delta",
             {{"symbol", "BTCUSDT"}, {"percent", 1.5}, {"windowSec", 5}, {"lookback", 3}}},
            {"/api/liquidations/BTCUSDT?limit=1", "stream_liquidations", {{"symbol", "BTCUSDT"}, {"limit", 1}}},
            {"/api/liquidations", "stream_liquidations", {}},
            {"/api/scan?symbols=BTCUSDT,ETHUSDT&timeframe=15m", "scan_market",
             {{"symbols", QJsonArray{"BTCUSDT", "ETHUSDT"}}, {"timeframe", "15m"}}}};
        for (const auto &[path, tool, args] : cases) {
            const Http r = request(port_, "GET", path);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
            QCOMPARE(r.json(), ok(tool, args));
        }
    }
    void restErrors()
    {
        Http r = request(port_, "GET", "/api/footprint/BTCUSDT?timeframe=2m");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json()["error"].toObject()["code"].toString(), QString("bad_argument"));
        QCOMPARE(r.json()["error"].toObject()["message"].toString(), QString("Invalid timeframe '2m': use one of 1m, 5m, 15m, 30m, 1h."));
        QCOMPARE(request(port_, "GET", "/api/footprint/BTCUSDT?timeframe=5m&limit=abc").status, 400);
        QCOMPARE(request(port_, "GET", "/api/market/DOGEUSDT").status, 404);
        QCOMPARE(request(port_, "GET", "/api/market/SOLUSDT").status, 503);
        QCOMPARE(request(port_, "GET", "/api/key-levels/BTCUSDT?date=2024-08-01").status, 404);
        QCOMPARE(request(port_, "GET", "/api/key-levels/BTCUSDT?sessionTZ=Asia/Tokyo").status, 422);
        QCOMPARE(request(port_, "GET", "/api/market/BTCUSDT?foo=1").status, 400);
        QCOMPARE(request(port_, "POST", "/api/market/BTCUSDT", {{"Content-Type", "application/json"}}, "{}").status, 405);
    }

    // ---- every bad-argument path: isError naming the argument and the allowed values ------------
    void badArguments_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QJsonObject>("args");
        QTest::addColumn<QString>("expected");
        const QJsonObject btc{{"symbol", "BTCUSDT"}};
        auto with = [](QJsonObject o, const QString &k, const QJsonValue &v) {
            o.insert(k, v);
            return o;
        };
        const QJsonObject fp = with(btc, "timeframe", "5m");
        const QList<std::tuple<const char *, QString, QJsonObject, QString>> rows{
            {"missing symbol", "get_market_snapshot", {}, "Missing argument 'symbol': use a Binance USD-M perpetual such as BTCUSDT; available: BTCUSDT, ETHUSDT, SOLUSDT, XRPUSDT."},
            {"symbol pattern", "get_market_snapshot", {{"symbol", "BTC-USDT"}}, "Invalid symbol 'BTC-USDT'"},
            {"symbol type", "get_key_levels", {{"symbol", 5}}, "Invalid symbol 5"},
            {"unknown symbol", "get_market_snapshot", {{"symbol", "BTCUSD"}}, "Unknown symbol 'BTCUSD'; did you mean BTCUSDT? This server follows BTCUSDT, ETHUSDT, SOLUSDT, XRPUSDT."},
            {"no data yet", "get_market_snapshot", {{"symbol", "SOLUSDT"}}, "no data for SOLUSDT since start-up; retry in a minute"},
            {"unknown argument", "get_market_snapshot", with(btc, "interval", "1m"), "Unknown argument 'interval': get_market_snapshot accepts symbol."},
            {"date format", "get_key_levels", with(btc, "date", "2024/08/08"), "Invalid date '2024/08/08': use a day as YYYY-MM-DD"},
            {"date invalid", "get_key_levels", with(btc, "date", "2024-02-30"), "Invalid date '2024-02-30': use a calendar day as YYYY-MM-DD."},
            {"date not kept", "get_key_levels", with(btc, "date", "2024-08-01"), "2024-08-01 is not in memory; cached days: 2024-08-07, 2024-08-08"},
            {"sessionTZ unknown", "get_key_levels", with(btc, "sessionTZ", "Mars/Olympus"), "Invalid sessionTZ 'Mars/Olympus': use an IANA time zone"},
            {"sessionTZ other days", "get_key_levels", with(btc, "sessionTZ", "Asia/Tokyo"), "the server computes days in DAY_TZ=UTC"},
            {"timeframe missing", "get_footprint", btc, "Missing argument 'timeframe': use one of 1m, 5m, 15m, 30m, 1h."},
            {"timeframe bad", "get_footprint", with(btc, "timeframe", "2m"), "Invalid timeframe '2m': use one of 1m, 5m, 15m, 30m, 1h."},
            {"limit high", "get_footprint", with(fp, "limit", 500), "Invalid limit 500: use an integer from 1 to 200 (default 12)."},
            {"limit zero", "get_footprint", with(fp, "limit", 0), "Invalid limit 0: use an integer from 1 to 200 (default 12)."},
            {"limit fraction", "get_footprint", with(fp, "limit", 2.5), "Invalid limit 2.5: use an integer"},
            {"limit string", "get_footprint", with(fp, "limit", "5"), "Invalid limit '5': use an integer"},
            {"topN", "get_footprint", with(fp, "topN", 51), "Invalid topN 51: use an integer from 1 to 50 (default 5)."},
            {"compact", "get_footprint", with(fp, "compact", "yes"), "Invalid compact 'yes': use true or false (default true)."},
            {"startTime", "get_footprint", with(fp, "startTime", -5), "Invalid startTime -5"},
            {"bars not kept", "get_footprint", with(fp, "endTime", qint64(kDay - 2 * kMsPerDay)), "bars before 2024-08-07T00:00:00.000Z are not in memory"},
            {"endTime order", "get_footprint", with(with(fp, "startTime", 2000), "endTime", 1000), "Invalid endTime 1000: it must be later than startTime."},
            {"metrics timeframe", "get_orderflow_metrics", with(btc, "timeframe", "4h"), "Invalid timeframe '4h': use one of 1m, 5m, 15m, 30m, 1h."},
            {"percent high", "get_orderbook_depth_delta", with(btc, "percent", 11), "Invalid percent 11: use a number from 0.01 to 10 (default 1)."},
            {"percent zero", "get_orderbook_depth_delta", with(btc, "percent", 0), "Invalid percent 0: use a number from 0.01 to 10 (default 1)."},
            {"percent step", "get_orderbook_depth_delta", with(btc, "percent", 0.015), "Invalid percent 0.015: use a number from 0.01 to 10 in steps of 0.01"},
            {"windowSec", "get_orderbook_depth_delta", with(btc, "windowSec", 4), "Invalid windowSec 4: use an integer from 5 to 3600 (default 60)."},
            {"lookback", "get_orderbook_depth_delta", with(btc, "lookback", 61), "Invalid lookback 61: use an integer from 1 to 60 (default 5)."},
            {"liquidations limit", "stream_liquidations", {{"limit", 201}}, "Invalid limit 201: use an integer from 1 to 200 (default 50)."},
            {"liquidations symbol", "stream_liquidations", {{"symbol", "NOPEUSDT"}}, "Unknown symbol 'NOPEUSDT'"},
            {"scan symbols type", "scan_market", {{"symbols", "BTCUSDT"}}, "Invalid symbols 'BTCUSDT': use an array of symbols"},
            {"scan symbols empty", "scan_market", {{"symbols", QJsonArray{}}}, "Invalid symbols []"},
            {"scan symbols entry", "scan_market", {{"symbols", QJsonArray{"BTCUSDT", "ETH"}}}, "Unknown symbol 'ETH'; did you mean ETHUSDT?"},
            {"scan only no-data", "scan_market", {{"symbols", QJsonArray{"SOLUSDT"}}}, "no trades yet for SOLUSDT"},
            {"scan timeframe", "scan_market", {{"timeframe", "1d"}}, "Invalid timeframe '1d': use one of 1m, 5m, 15m, 30m, 1h."},
        };
        for (const auto &[name, tool, args, expected] : rows)
            QTest::newRow(name) << tool << args << expected;
    }
    void badArguments()
    {
        QFETCH(QString, tool);
        QFETCH(QJsonObject, args);
        QFETCH(QString, expected);
        const QString text = toolError(tool, args);
        QVERIFY2(text.startsWith(expected) || text.contains(expected), qPrintable(text));
    }

    void largestStackedZones()
    {
        std::vector<StackedResult> zones;
        for (int i = 0; i < 7; ++i) // counts 3,4,5,3,6,3,4 at prices 10·i
            zones.push_back({10.0 * i, 10.0 * i + 1, "BUY", std::vector<int>{3, 4, 5, 3, 6, 3, 4}[size_t(i)], true});
        const auto kept = largestStacked(zones, 5);
        QCOMPARE(kept.size(), size_t(5));
        QList<double> lows;
        for (const StackedResult &z : kept)
            lows << z.low;
        // Counts 6 (40), 5 (20), 4 (60, 10), then of the three 3s the highest price (50); in price order.
        QCOMPARE(lows, (QList<double>{10, 20, 40, 50, 60}));
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
        out = t.handleLine(rpcBody(3, "server/discover"));
        QCOMPARE(QJsonDocument::fromJson(out.value(0)).object()["error"].toObject()["code"].toInt(), -32601);
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

QTEST_GUILESS_MAIN(TestServer)
#include "test_server.moc"
