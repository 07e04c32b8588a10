#pragma once
// The MCP/REST server over HTTP with hand-made engine data, shared by the server tests
// (transport, security, tools): the data with its numbers worked out by hand, raw-socket HTTP,
// JSON-RPC helpers and a running server with three thread-shared listeners.
#include "engine/BarQueries.h"
#include "engine/EngineRegistry.h"
#include "model/Fixed.h"
#include "model/Time.h"
#include "server/HttpServer.h"
#include "server/McpServer.h"
#include "server/StdioTransport.h"
#include "server/Tools.h"
#include "support/ServerSupport.h"

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

namespace serverfixture {

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
using co::testing::Http;

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
    const Http h = co::testing::readAnswer(s, 5000);
    if (h.status == 0)
        qFatal("no complete answer to %s %s", method.constData(), path.constData());
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
} // namespace serverfixture
using namespace serverfixture;

// Key levels as a HistoryProvider reads them from a day summary: dVWAP 100 with sigma 2, the
// given dPOC, tick 1 (1e8 units in dataQuality).
KeyLevels storedLevels(const std::string &date, double poc)
{
    KeyLevels k;
    k.symbol = "BTCUSDT";
    k.date = date;
    k.tickSize = 1;
    k.dVWAP = 100.0;
    k.bands = VwapBands{100.0, 2.0};
    k.dPOC = poc;
    k.quality.source = "cache";
    k.quality.tickSize = 100'000'000;
    return k;
}

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

class ServerTest : public QObject {
protected:

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

    void startServer()
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
    void stopServer() { server_.reset(); }
};
