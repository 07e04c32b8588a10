// Progress notifications (issue 19) while get_key_levels waits for a stored day being rebuilt
// (FakeHistory parks it): over stdio a line before the answer (both eras), over Streamable HTTP
// an SSE answer carrying the progress events and then the result; nothing without a token; and
// completion/complete offering the days the history keeps.
#include "ServerFixture.h"

namespace {
const QJsonObject kLevelsArgs{{"symbol", "BTCUSDT"}, {"date", "2024-08-01"}};

QJsonObject progressCall(const QJsonValue &token, bool modern = false)
{
    QJsonObject meta{{"progressToken", token}};
    if (modern) {
        meta.insert("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        meta.insert("io.modelcontextprotocol/clientCapabilities", QJsonObject{});
    }
    return QJsonObject{{"name", "get_key_levels"}, {"arguments", kLevelsArgs}, {"_meta", meta}};
}

QJsonObject obj(const QByteArray &line) { return QJsonDocument::fromJson(line).object(); }

struct StoredDays : FakeHistory {
    std::vector<std::string> storedDates(const std::string &symbol) override
    {
        return symbol == "BTCUSDT" ? std::vector<std::string>{"2024-08-02", "2024-08-01"} : std::vector<std::string>{};
    }
};
} // namespace

class TestServerProgress : public ServerTest {
    Q_OBJECT

    std::shared_ptr<StoredDays> fake_;

private Q_SLOTS:
    void initTestCase()
    {
        fillBtc(registry_.engine(symbol("BTCUSDT", 1)));
        registry_.publishAll();
        fake_ = std::make_shared<StoredDays>();
        HistoryDay stored;
        stored.complete = true;
        stored.stored = storedLevels("2024-08-01", 99.0);
        fake_->answer = stored;
    }

    void stdioBothEras()
    {
        Tools tools(registry_, {"BTCUSDT"}, fake_);
        McpServer mcp(tools, "1");
        StdioTransport t(mcp);
        std::mutex m;
        QList<QByteArray> out;
        t.setOutput([&](const QByteArray &l) {
            std::lock_guard lock(m);
            out << l;
        });
        for (const bool modern : {false, true}) {
            out.clear();
            fake_->slow = true;
            const QList<QByteArray> answers = t.handleLine(rpcBody(1, "tools/call", progressCall(modern ? "m" : "s", modern)));
            QCOMPARE(answers.size(), 1);
            QCOMPARE(obj(answers[0])["result"].toObject()["structuredContent"].toObject()["dPOC"].toDouble(), 99.0);
            // The rebuild started: one progress line, written before the answer came back.
            QCOMPARE(out.size(), 1);
            const QJsonObject n = obj(out[0]);
            QCOMPARE(n["method"].toString(), QString("notifications/progress"));
            QCOMPARE(n["params"].toObject()["progressToken"].toString(), QString(modern ? "m" : "s"));
            QCOMPARE(n["params"].toObject()["progress"].toDouble(), 0.0);
            QCOMPARE(n["params"].toObject()["total"].toDouble(), 1.0);
            QVERIFY(n["params"].toObject()["message"].toString().contains("BTCUSDT 2024-08-01"));
            fake_->fire(); // done after the answer: nothing more for that request
            QCOMPARE(out.size(), 1);
        }
        // Without a token: no progress.
        out.clear();
        fake_->slow = true;
        t.handleLine(rpcBody(2, "tools/call", QJsonObject{{"name", "get_key_levels"}, {"arguments", kLevelsArgs}}));
        fake_->fire();
        QVERIFY(out.isEmpty());
    }

    void httpAnswersAsAnEventStream()
    {
        ServerOptions o;
        o.port = 0;
        HttpServer server(registry_, {"BTCUSDT"}, o, {}, fake_);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const quint16 port = server.port();
        const Http init = request(port, "POST", "/mcp", kJson, rpcBody(1, "initialize", initParams()));
        const QByteArray session = init.headers.value("mcp-session-id");
        for (const bool modern : {false, true}) {
            fake_->slow = true;
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(s.waitForConnected(3000));
            const QByteArray body = rpcBody(5, "tools/call", progressCall(42, modern));
            QByteArray head = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                              "Accept: application/json, text/event-stream\r\nContent-Length: " +
                              QByteArray::number(body.size()) + "\r\n";
            head += modern ? "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: get_key_levels\r\n"
                           : "Mcp-Session-Id: " + session + "\r\n";
            s.write(head + "\r\n" + body);
            QByteArray in;
            auto readUntil = [&](const QByteArray &needle) {
                QElapsedTimer timer;
                timer.start();
                while (!in.contains(needle) && timer.elapsed() < 5000)
                    if (s.waitForReadyRead(100))
                        in += s.readAll();
                return in.contains(needle);
            };
            QVERIFY2(readUntil("\"progress\":0"), in.constData()); // while the day is still parked
            QVERIFY(in.contains("text/event-stream"));
            QVERIFY(!in.contains("\"result\""));
            fake_->fire();
            QVERIFY2(readUntil("\"dPOC\":99"), in.constData());
            const qsizetype p1 = in.indexOf("\"progress\":1"), result = in.indexOf("\"result\"");
            QVERIFY(p1 > 0 && result > p1); // the last progress before the answer
            QVERIFY(in.contains("\"progressToken\":42"));
        }
        // No text/event-stream in Accept: the plain JSON answer.
        fake_->slow = true;
        Headers h{{"Content-Type", "application/json"}, {"Accept", "application/json"}, {"Mcp-Session-Id", session}};
        auto plain = std::async(std::launch::async, [port, h] { return request(port, "POST", "/mcp", h, rpcBody(6, "tools/call", progressCall(7))); });
        QTRY_COMPARE(fake_->parked(), size_t(1));
        fake_->fire();
        const Http r = plain.get();
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
        QCOMPARE(r.json()["result"].toObject()["structuredContent"].toObject()["dPOC"].toDouble(), 99.0);
    }

    void completionOffersStoredDays()
    {
        Tools tools(registry_, {"BTCUSDT"}, fake_);
        McpServer mcp(tools, "1");
        McpSession session;
        const QJsonObject params{{"ref", QJsonObject{{"type", "ref/prompt"}, {"name", "session_brief"}}},
                                 {"argument", QJsonObject{{"name", "date"}, {"value", "2024-08"}}},
                                 {"context", QJsonObject{{"arguments", QJsonObject{{"symbol", "BTCUSDT"}}}}}};
        const auto r = mcp.handle(QJsonDocument::fromJson(rpcBody(1, "completion/complete", params)).object(), session);
        const QJsonArray values = obj(*r)["result"].toObject()["completion"].toObject()["values"].toArray();
        // The engine's today (2024-08-08) and prior day (2024-08-07), then the stored days, newest first.
        QCOMPARE(values, (QJsonArray{"2024-08-08", "2024-08-07", "2024-08-02", "2024-08-01"}));
    }
};

QTEST_GUILESS_MAIN(TestServerProgress)
#include "test_server_progress.moc"
