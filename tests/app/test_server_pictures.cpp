// Pictures of tool answers (format "png") drawn by the desktop's painters through the app's
// renderer (app/ToolPictures), and the MCP App page for get_footprint (ui://…), over the hand-made
// engine data of the server tests. PNGs are decoded here: size ≤ 200 KB, dimensions, not blank.
#include "../core/server/ServerFixture.h"

#include "app/ToolPictures.h"
#include "server/McpApps.h"
#include "server/RestApi.h"

#include <QElapsedTimer>
#include <QImage>
#include <QThread>

#include <atomic>
#include <QSet>

namespace {
QJsonObject resultOf(const McpServer &mcp, const QString &method, const QJsonObject &params)
{
    McpSession session;
    const auto r = mcp.handle(QJsonDocument::fromJson(rpcBody(1, method, params)).object(), session);
    return QJsonDocument::fromJson(r.value_or(QByteArray())).object()["result"].toObject();
}

QJsonObject callTool(const McpServer &mcp, const QString &name, const QJsonObject &args)
{
    return resultOf(mcp, "tools/call", {{"name", name}, {"arguments", args}});
}

// The decoded picture of an image block, after checking its size.
QImage decode(const QJsonObject &block)
{
    if (block["type"].toString() != "image" || block["mimeType"].toString() != "image/png")
        return {};
    const QByteArray png = QByteArray::fromBase64(block["data"].toString().toLatin1());
    if (png.isEmpty() || png.size() > 200 * 1024 || !png.startsWith("\x89PNG"))
        return {};
    return QImage::fromData(png, "PNG");
}

// The app's renderer, slowed down and counted: where and how often pictures are drawn.
struct SlowPictures : ToolPictures {
    mutable std::atomic<int> calls{0};
    QByteArray footprint(const EngineSnapshot &s, Timeframe tf, int64_t grouping, int64_t fromMs, int64_t toMs) const override
    {
        ++calls;
        QThread::msleep(300);
        return ToolPictures::footprint(s, tf, grouping, fromMs, toMs);
    }
};

// Distinct colours on a coarse grid: a blank or one-colour picture has one or two.
int colours(const QImage &img)
{
    QSet<QRgb> seen;
    for (int y = 0; y < img.height(); y += 3)
        for (int x = 0; x < img.width(); x += 3)
            seen.insert(img.pixel(x, y));
    return int(seen.size());
}
} // namespace

class TestServerPictures : public ServerTest {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        fillBtc(registry_.engine(symbol("BTCUSDT", 1)));
        registry_.publishAll();
    }

    void refusedWithoutRenderer()
    {
        setToolImages(nullptr);
        Tools tools(registry_, {"BTCUSDT"});
        McpServer mcp(tools, "1");
        const QJsonObject r = callTool(mcp, "get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}, {"format", "png"}});
        QVERIFY(r["isError"].toBool());
        QVERIFY(r["content"].toArray()[0].toObject()["text"].toString().contains("format"));
        const QJsonObject bad = callTool(mcp, "get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}, {"format", "gif"}});
        QVERIFY(bad["content"].toArray()[0].toObject()["text"].toString().contains("json, png"));
    }

    void footprintPng()
    {
        setToolImages(std::make_shared<ToolPictures>());
        Tools tools(registry_, {"BTCUSDT"});
        McpServer mcp(tools, "1");
        const QJsonObject r = callTool(mcp, "get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}, {"format", "png"}});
        const QJsonArray content = r["content"].toArray();
        QCOMPARE(content.size(), 2);
        const QImage img = decode(content[0].toObject());
        QVERIFY(!img.isNull());
        // One 112 px column per bar of the answer (prior day and today), the price axis and a pad
        // (112 px); today's rows 100…110 at 18 px each, with totals and time axis below.
        const qsizetype bars = r["structuredContent"].toObject()["bars"].toArray().size();
        QVERIFY(bars >= 3);
        QCOMPARE(img.width(), int(bars) * 112 + 112);
        QVERIFY(img.height() >= 11 * 18 + 50);
        QVERIFY(colours(img) > 5);
        // The JSON is the same as without a picture.
        QCOMPARE(QJsonDocument::fromJson(content[1].toObject()["text"].toString().toUtf8()).object(), r["structuredContent"].toObject());
        const QJsonObject plain = callTool(mcp, "get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}});
        QCOMPARE(plain["content"].toArray().size(), 1);
        QCOMPARE(plain["structuredContent"].toObject()["bars"], r["structuredContent"].toObject()["bars"]);
    }

    void profilePngs()
    {
        setToolImages(std::make_shared<ToolPictures>());
        Tools tools(registry_, {"BTCUSDT"});
        McpServer mcp(tools, "1");
        const QJsonObject s = callTool(mcp, "get_session_profile", {{"symbol", "BTCUSDT"}, {"format", "png"}});
        const QJsonArray sessions = s["structuredContent"].toObject()["sessions"].toArray();
        const QJsonArray content = s["content"].toArray();
        int traded = 0;
        for (const QJsonValue &v : sessions)
            traded += v["trades"].toInt() > 0 ? 1 : 0;
        QVERIFY(traded >= 1);
        QCOMPARE(content.size(), traded + 1); // one picture per session with trades, then the JSON
        qsizetype total = 0;
        for (int i = 0; i < traded; ++i) {
            const QImage img = decode(content[i].toObject());
            QVERIFY(!img.isNull());
            QCOMPARE(img.width(), 720);
            total += QByteArray::fromBase64(content[i].toObject()["data"].toString().toLatin1()).size();
        }
        QVERIFY(total <= 200 * 1024);
        // The heatmap pane's picture (the book synced at 00:09 of the fixture's day).
        const QJsonObject h = callTool(mcp, "get_orderbook_heatmap", {{"symbol", "BTCUSDT"}, {"format", "png"}});
        QCOMPARE(h["content"].toArray().size(), 2);
        const QImage heat = decode(h["content"].toArray()[0].toObject());
        QVERIFY(!heat.isNull());
        QCOMPARE(heat.size(), QSize(1200, 700));
        QVERIFY(colours(heat) > 3);
        const QJsonObject t = callTool(mcp, "get_tpo_profile", {{"symbol", "BTCUSDT"}, {"format", "png"}});
        QCOMPARE(t["content"].toArray().size(), 2);
        const QImage tpo = decode(t["content"].toArray()[0].toObject());
        QVERIFY(!tpo.isNull());
        QVERIFY(colours(tpo) > 5);
    }

    // REST: format=png answers the picture itself; picture=i picks one; a bad index names the range.
    void restPng()
    {
        setToolImages(std::make_shared<ToolPictures>());
        Tools tools(registry_, {"BTCUSDT"});
        RestApi rest(tools);
        const auto fp = rest.get("footprint", "BTCUSDT", QUrlQuery("timeframe=5m&format=png"));
        QVERIFY(fp);
        QCOMPARE(fp->status, 200);
        QCOMPARE(fp->contentType, QByteArray("image/png"));
        QCOMPARE(fp->pictures, 1);
        QVERIFY(!QImage::fromData(fp->body, "PNG").isNull());
        const auto json = rest.get("footprint", "BTCUSDT", QUrlQuery("timeframe=5m"));
        QCOMPARE(json->contentType, QByteArray("application/json"));
        QVERIFY(QJsonDocument::fromJson(json->body).object().contains("bars"));
        const auto sessions = rest.get("session-profile", "BTCUSDT", QUrlQuery("format=png"));
        QVERIFY(sessions->pictures >= 1);
        const auto last = rest.get("session-profile", "BTCUSDT",
                                   QUrlQuery(QString("format=png&picture=%1").arg(sessions->pictures - 1)));
        QVERIFY2(last->contentType == "image/png", last->body.left(300).constData());
        QVERIFY2(!QImage::fromData(last->body, "PNG").isNull(), qPrintable(QString("%1 of %2: %3 bytes %4").arg(sessions->pictures - 1).arg(sessions->pictures).arg(last->body.size()).arg(QString::fromLatin1(last->body.left(8).toHex()))));
        const auto bad = rest.get("session-profile", "BTCUSDT", QUrlQuery(QString("format=png&picture=%1").arg(sessions->pictures)));
        QCOMPARE(bad->status, 400);
        QVERIFY2(bad->body.contains("picture") && bad->body.contains("0.."), bad->body.constData());
    }

    // The picture is drawn on a pool thread when the call is prepared (the server thread answers
    // others meanwhile); the call then takes that answer instead of drawing again.
    void drawnOffTheServerThread()
    {
        auto slow = std::make_shared<SlowPictures>();
        setToolImages(slow);
        Tools tools(registry_, {"BTCUSDT"});
        const QJsonObject args{{"symbol", "BTCUSDT"}, {"timeframe", "5m"}, {"format", "png"}};
        std::atomic<int> ready{0};
        QElapsedTimer t;
        t.start();
        QVERIFY(tools.prepare("get_footprint", args, [&] { return std::function<void()>([&] { ++ready; }); }));
        QVERIFY2(t.elapsed() < 250, qPrintable(QString::number(t.elapsed())));
        QTRY_COMPARE_WITH_TIMEOUT(ready.load(), 1, 10'000);
        QCOMPARE(slow->calls.load(), 1);
        const auto r = tools.call("get_footprint", args);
        QCOMPARE(slow->calls.load(), 1);
        QCOMPARE(std::get<ToolOutput>(r).pictures.size(), 1);
        QVERIFY(!QImage::fromData(std::get<ToolOutput>(r).pictures[0], "PNG").isNull());
        // JSON answers have nothing to prepare.
        QVERIFY(!tools.prepare("get_footprint", {{"symbol", "BTCUSDT"}, {"timeframe", "5m"}},
                               [] { return std::function<void()>([] {}); }));
    }

    void footprintApp()
    {
        Tools tools(registry_, {"BTCUSDT"});
        McpServer mcp(tools, "1");
        bool listed = false;
        for (const QJsonValue &v : resultOf(mcp, "resources/list", {})["resources"].toArray())
            listed = listed || (v["uri"] == QString(McpApps::kFootprintUri) && v["mimeType"] == QString("text/html;profile=mcp-app"));
        QVERIFY(listed);
        const QJsonObject page = resultOf(mcp, "resources/read", {{"uri", McpApps::kFootprintUri}})["contents"].toArray()[0].toObject();
        QCOMPARE(page["mimeType"].toString(), QString("text/html;profile=mcp-app"));
        const QString html = page["text"].toString();
        QVERIFY(html.startsWith("<!doctype html>"));
        QVERIFY(html.contains("ui/notifications/tool-result"));
        // Self-contained: no external URL of any kind.
        for (const char *external : {"http:", "https:", "//cdn", "src=\"//", "@import", "url("})
            QVERIFY2(!html.contains(QLatin1String(external)), external);
        QCOMPARE(resultOf(mcp, "resources/read", {{"uri", "ui://crypto-orderflow/nope.html"}}).isEmpty(), true);
        for (const QJsonValue &t : resultOf(mcp, "tools/list", {})["tools"].toArray())
            if (t["name"] == QString("get_footprint")) {
                QCOMPARE(t["_meta"]["ui"]["resourceUri"].toString(), QString(McpApps::kFootprintUri));
                QCOMPARE(t["_meta"]["ui/resourceUri"].toString(), QString(McpApps::kFootprintUri));
            }
    }
};

QTEST_MAIN(TestServerPictures)
#include "test_server_pictures.moc"
