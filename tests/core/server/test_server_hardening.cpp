// Regressions of issue 14 against the running server (real sockets on 127.0.0.1): a zone name that
// is a path or a FIFO, an SSE client that never reads, oversized batches and bodies, unfinished
// heads, idle and capped connections, 300 concurrent sessions, request-smuggling shapes and
// /healthz behind a token. Each checks that /healthz keeps answering within 1 s meanwhile and
// that memory stays bounded. Limits are lowered per server so every case runs in seconds.
#include "engine/ZoneIds.h"
#include "server/HttpServer.h"
#include "support/ServerSupport.h"

#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>

using namespace co;
using namespace co::testing;

class TestServerHardening : public QObject {
    Q_OBJECT

    EngineRegistry registry_;

    std::unique_ptr<HttpServer> start(ServerOptions o)
    {
        o.port = 0;
        o.version = "t";
        auto s = std::make_unique<HttpServer>(registry_, QStringList{"BTCUSDT", "XRPUSDT"}, o, [] {
            return HealthReport{true, QJsonObject{{"status", "ok"}, {"cachePath", "/secret/path"}}};
        });
        QString error;
        if (!s->start(&error))
            qFatal("cannot start: %s", qPrintable(error));
        return s;
    }
    // /healthz answers, and within 1 s.
    static void healthy(quint16 port, const char *when)
    {
        const Http h = rawRequest(port, get(port, "/healthz"), 3000);
        qInfo("%s: /healthz %d in %lld ms, RSS %.0f MB", when, h.status, qint64(h.ms), rssMb());
        QVERIFY2(h.status == 200, when);
        QVERIFY2(h.ms < 1000, qPrintable(QString("%1: /healthz took %2 ms").arg(when).arg(h.ms)));
    }
    static QByteArray session(quint16 port)
    {
        return rawRequest(port, post(port, "/mcp", rpc(1, "initialize", initParams()))).headers.value("mcp-session-id");
    }
    static QByteArray footprintBatch(int n, int firstId = 1)
    {
        QJsonArray a;
        for (int i = 0; i < n; ++i)
            a.append(QJsonDocument::fromJson(rpc(firstId + i, "tools/call",
                                                 {{"name", "get_footprint"},
                                                  {"arguments", QJsonObject{{"symbol", "XRPUSDT"}, {"timeframe", "1m"}}}}))
                         .object());
        return QJsonDocument(a).toJson(QJsonDocument::Compact);
    }

private Q_SLOTS:
    void initTestCase() { fillSynthetic(registry_); }

    // 1. sessionTZ is a name of the database, never a path; echoes are cut.
    void zoneNamesAreNeverPaths()
    {
        QVERIFY(zoneIdKnown(QString("Europe/London")));
        QVERIFY(zoneIdKnown(QString("UTC")));
        QVERIFY(zoneIdKnown(QString("UTC+08:00")));
        QVERIFY(zoneIdKnown(QString("Etc/UTC"))); // a link of tzdata.zi
        for (const char *bad : {"", "foo", "ABC3", "UTC+15:00", "UTC+8", "../../../../etc/passwd", "/dev/tty",
                                "Europe/../../../etc/passwd", "Europe//London", "/proc/self/fd/0"})
            QVERIFY2(!zoneIdKnown(QString(bad)), bad);

        QTemporaryDir dir;
        const QByteArray fifo = dir.filePath("fifo").toLocal8Bit();
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        auto server = start({});
        const quint16 p = server->port();
        const QByteArray up = "../../../../../../../.." + fifo;
        const Http r = rawRequest(p, get(p, "/api/key-levels/BTCUSDT?sessionTZ=" + up), 3000);
        QCOMPARE(r.status, 400); // at once: a FIFO opened for reading would block the thread
        QVERIFY(r.json()["error"].toObject()["message"].toString().startsWith("Invalid sessionTZ"));
        QVERIFY(r.json()["error"].toObject()["message"].toString().contains("UTC+08:00"));
        healthy(p, "after the FIFO zone");
        // The same through MCP.
        const QByteArray id = session(p);
        const Http m = rawRequest(p, post(p, "/mcp", rpc(2, "tools/call", {{"name", "get_key_levels"},
                                                                          {"arguments", QJsonObject{{"symbol", "BTCUSDT"}, {"sessionTZ", QString(up)}}}}),
                                          "Mcp-Session-Id: " + id + "\r\n"));
        QCOMPARE(m.status, 200);
        QVERIFY(m.json()["result"].toObject()["isError"].toBool());
        // 100 k characters: refused, echoed cut (the answer stays small).
        const Http big = rawRequest(p, get(p, "/api/key-levels/BTCUSDT?sessionTZ=" + QByteArray(7000, 'A')), 3000);
        QCOMPARE(big.status, 400);
        QVERIFY2(big.body.size() < 2048, QByteArray::number(big.body.size()).constData());
        for (const char *z : {"foo", "ABC3", ""})
            QCOMPARE(rawRequest(p, get(p, QByteArray("/api/key-levels/BTCUSDT?sessionTZ=") + z)).status, 400);
        QCOMPARE(rawRequest(p, get(p, "/api/key-levels/BTCUSDT?sessionTZ=UTC")).status, 200);
    }

    // 2. An SSE client that never reads is dropped; memory stays bounded.
    void sseClientThatNeverReadsIsDropped()
    {
        ServerOptions o;
        o.threads = 1;
        o.limits.maxOutputBytes = 512 * 1024;
        o.limits.slowClientMs = 1000;
        auto server = start(o);
        const quint16 p = server->port();
        QTcpSocket sse;
        sse.setReadBufferSize(4096); // Qt stops reading: the kernel buffers fill, then the server's
        sse.connectToHost(QHostAddress::LocalHost, p);
        QVERIFY(sse.waitForConnected(3000));
        sse.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        sse.write(get(p, "/sse"));
        QByteArray head;
        QElapsedTimer t;
        t.start();
        while (!head.contains("sessionId=") && t.elapsed() < 3000)
            if (sse.waitForReadyRead(200))
                head += sse.read(4096);
        const qsizetype at = head.indexOf("sessionId=") + 10;
        const QByteArray path = "/messages?sessionId=" + head.mid(at, head.indexOf('\n', at) - at);
        const double before = rssMb();
        double peak = before;
        int accepted = 0;
        bool gone = false;
        for (int i = 0; i < 60 && !gone; ++i) { // 60 batches of 50 footprints ≈ 100 MB if kept
            const Http r = rawRequest(p, post(p, path, footprintBatch(50)));
            gone = r.status == 404;
            accepted += r.status == 202;
            peak = std::max(peak, rssMb());
            QTest::qWait(50);
        }
        QVERIFY2(gone, "the stream was never dropped");
        qInfo("SSE reader that never reads: dropped after %d batches; RSS %.0f MB -> peak %.0f MB", accepted, before, peak);
        QVERIFY2(peak - before < 80, qPrintable(QString("RSS grew %1 MB").arg(peak - before)));
        const Http h = rawRequest(p, get(p, "/healthz"));
        QVERIFY(h.json()["server"].toObject()["slowClientsDropped"].toInt() >= 1);
        healthy(p, "after the slow SSE reader");
    }

    // 3. Batches: at most MAX_BATCH; answers past MAX_ANSWER_BYTES become errors; /healthz meanwhile.
    void batchesAreBounded()
    {
        ServerOptions o;
        o.threads = 2;
        o.limits.maxAnswerBytes = 256 * 1024;
        auto server = start(o);
        const quint16 p = server->port();
        const QByteArray id = session(p);
        const QByteArray header = "Mcp-Session-Id: " + id + "\r\n";
        const Http over = rawRequest(p, post(p, "/mcp", footprintBatch(51), header));
        QCOMPARE(over.status, 413);
        QCOMPARE(over.json()["error"].toObject()["code"].toInt(), -32600);
        QVERIFY(over.json()["error"].toObject()["message"].toString().contains("MAX_BATCH"));
        const Http full = rawRequest(p, post(p, "/mcp", footprintBatch(50), header), 10000);
        QCOMPARE(full.status, 200);
        const QJsonArray answers = full.array();
        QCOMPARE(answers.size(), 50);
        QVERIFY(answers.last().toObject()["error"].toObject()["message"].toString().contains("MAX_ANSWER_BYTES"));
        QVERIFY2(full.body.size() < 512 * 1024, QByteArray::number(full.body.size()).constData());
        // Three full batches at once: /healthz still answers within 1 s.
        QList<std::shared_ptr<QTcpSocket>> clients;
        for (int i = 0; i < 3; ++i) {
            auto s = std::make_shared<QTcpSocket>();
            s->connectToHost(QHostAddress::LocalHost, p);
            QVERIFY(s->waitForConnected(3000));
            s->write(post(p, "/mcp", footprintBatch(50), header));
            s->flush();
            clients << s;
        }
        healthy(p, "during three batches");
        for (auto &s : clients)
            QCOMPARE(readAnswer(*s, 10000).status, 200);
    }

    // 4. Bodies: Content-Length over the limit → 413 at once, nothing read; no wait for a body.
    void bodiesAreCheckedBeforeReading()
    {
        auto server = start({});
        const quint16 p = server->port();
        const QByteArray huge = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                "Content-Length: 1000000000000\r\n\r\n";
        const Http r = rawRequest(p, huge, 2000);
        QCOMPARE(r.status, 413);
        QVERIFY(r.ms < 1000);
        QCOMPARE(r.headers.value("connection"), QByteArray("close"));
        QCOMPARE(r.json()["error"].toObject()["code"].toInt(), -32000);
        // 8 uploads of 100 MiB at once: each refused at its head, memory flat.
        const double before = rssMb();
        QList<std::shared_ptr<QTcpSocket>> up;
        const QByteArray mb(1024 * 1024, 'x');
        for (int i = 0; i < 8; ++i) {
            auto s = std::make_shared<QTcpSocket>();
            s->connectToHost(QHostAddress::LocalHost, p);
            QVERIFY(s->waitForConnected(3000));
            s->write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
                     QByteArray::number(100LL << 20) + "\r\n\r\n");
            for (int k = 0; k < 4; ++k)
                s->write(mb);
            up << s;
        }
        for (auto &s : up)
            QCOMPARE(readAnswer(*s, 3000).status, 413);
        QVERIFY2(rssMb() - before < 64, qPrintable(QString("RSS grew %1 MB").arg(rssMb() - before)));
        healthy(p, "after the uploads");
        // Expect: 100-continue gets its interim answer when the body may come.
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, p);
        QVERIFY(s.waitForConnected(3000));
        const QByteArray body = rpc(1, "initialize", initParams());
        s.write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n");
        QVERIFY(s.waitForReadyRead(2000));
        QVERIFY(s.readAll().startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
        s.write(body);
        QCOMPARE(readAnswer(s, 3000).status, 200);
    }

    // 4b. A body that keeps coming after its 413 (as fetch sends it): the server reads and drops it
    // before closing, so the client gets the answer, not a reset. A raw socket: Qt's would read the
    // answer into its own buffer before the reset could drop it.
    void refusedBodyKeepsItsAnswer()
    {
        auto server = start({});
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        const timeval tv{3, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(server->port());
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a), 0);
        const QByteArray body(1100000, 'x'); // over MAX_BODY_BYTES (1 MiB)
        const QByteArray head = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
        QCOMPARE(::send(fd, head.constData(), size_t(head.size()), MSG_NOSIGNAL), ssize_t(head.size()));
        QTest::qSleep(300); // the 413 is sent and closed on the server's side by now
        for (qsizetype sent = 0; sent < body.size();) {
            const ssize_t n = ::send(fd, body.constData() + sent, size_t(body.size() - sent), MSG_NOSIGNAL);
            QVERIFY2(n > 0, qPrintable(QString("send: %1").arg(qt_error_string(errno))));
            sent += n;
        }
        QByteArray answer;
        char buf[4096];
        for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) != 0;) {
            QVERIFY2(n > 0, qPrintable(QString("recv after %1 bytes: %2").arg(answer.size()).arg(qt_error_string(errno))));
            answer.append(buf, n);
        }
        ::close(fd);
        QVERIFY2(answer.startsWith("HTTP/1.1 413 "), answer.left(80).constData());
        QVERIFY(answer.contains("MAX_BODY_BYTES"));
        healthy(server->port(), "after the refused body");
    }

    // 5. Timers and the connection cap.
    void unfinishedHeadsTimeOut()
    {
        ServerOptions o;
        o.threads = 1;
        o.limits.headerTimeoutMs = 1000;
        o.limits.idleTimeoutMs = 1500;
        auto server = start(o);
        const quint16 p = server->port();
        QList<std::shared_ptr<QTcpSocket>> slow;
        for (int i = 0; i < 200; ++i) { // slowloris: a head that never ends
            auto s = std::make_shared<QTcpSocket>();
            s->connectToHost(QHostAddress::LocalHost, p);
            QVERIFY(s->waitForConnected(3000));
            s->write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-a: ");
            slow << s;
        }
        healthy(p, "with 200 unfinished heads");
        QTest::qWait(1500);
        int timedOut = 0;
        for (auto &s : slow) {
            const Http h = readAnswer(*s, 1000);
            timedOut += h.status == 408;
        }
        QCOMPARE(timedOut, 200);
        // Keep-alive idle: closed after IDLE_TIMEOUT.
        QTcpSocket idle;
        idle.connectToHost(QHostAddress::LocalHost, p);
        QVERIFY(idle.waitForConnected(3000));
        idle.write(get(p, "/healthz"));
        QCOMPARE(readAnswer(idle, 2000).status, 200);
        QVERIFY(idle.waitForDisconnected(4000));
        // Connection: close and HTTP/1.0 are honoured.
        for (const QByteArray &req : {get(p, "/healthz", "Connection: close\r\n"), QByteArray("GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")}) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, p);
            QVERIFY(s.waitForConnected(3000));
            s.write(req);
            const Http h = readAnswer(s, 2000);
            QCOMPARE(h.status, 200);
            QCOMPARE(h.headers.value("connection"), QByteArray("close"));
            QVERIFY(s.state() == QAbstractSocket::UnconnectedState || s.waitForDisconnected(2000));
        }
    }
    void connectionCapKeepsHealthz()
    {
        ServerOptions o;
        o.threads = 1;
        o.limits.maxConnections = 32;
        auto server = start(o);
        const quint16 p = server->port();
        QList<std::shared_ptr<QTcpSocket>> held;
        for (int i = 0; i < 300; ++i) {
            auto s = std::make_shared<QTcpSocket>();
            s->connectToHost(QHostAddress::LocalHost, p);
            QVERIFY(s->waitForConnected(3000));
            held << s;
        }
        QTest::qWait(200);
        healthy(p, "with 300 idle connections and a cap of 32");
        const Http busy = rawRequest(p, get(p, "/api/market/BTCUSDT"));
        QCOMPARE(busy.status, 503);
        QVERIFY(busy.json()["error"].toObject()["message"].toString().contains("MAX_CONNECTIONS"));
        const Http h = rawRequest(p, get(p, "/healthz"));
        QVERIFY(h.json()["server"].toObject()["connections"].toInt() <= 32 + 16 + 1);
        held.clear();
        QTest::qWait(300);
        QCOMPARE(rawRequest(p, get(p, "/api/market/BTCUSDT")).status, 200);
    }

    // 6. 300 sessions in use: none evicted; past the cap initialize is refused, not a later call.
    void liveSessionsAreNeverEvicted()
    {
        auto server = start({});
        const quint16 p = server->port();
        QList<QByteArray> ids;
        for (int i = 0; i < 300; ++i)
            ids << session(p);
        QTcpSocket s; // one keep-alive connection for the calls
        s.connectToHost(QHostAddress::LocalHost, p);
        QVERIFY(s.waitForConnected(3000));
        int notFound = 0;
        for (const QByteArray &id : ids) {
            s.write(post(p, "/mcp", rpc(1, "ping"), "Mcp-Session-Id: " + id + "\r\n"));
            notFound += readAnswer(s, 3000).status != 200;
        }
        QCOMPARE(notFound, 0);

        ServerOptions o;
        o.maxSessions = 20;
        auto small = start(o);
        const quint16 q = small->port();
        QList<QByteArray> live;
        for (int i = 0; i < 20; ++i)
            live << session(q);
        const Http refused = rawRequest(q, post(q, "/mcp", rpc(1, "initialize", initParams())));
        QCOMPARE(refused.status, 503);
        QVERIFY(refused.json()["error"].toObject()["message"].toString().contains("MCP_MAX_SESSIONS"));
        for (const QByteArray &id : live)
            QCOMPARE(rawRequest(q, post(q, "/mcp", rpc(1, "ping"), "Mcp-Session-Id: " + id + "\r\n")).status, 200);
    }

    // 7. Smuggling shapes are refused and the connection closed: nothing after them is run.
    void strictFraming_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        const QByteArray h = "Host: 127.0.0.1\r\nContent-Type: application/json\r\n";
        const QByteArray next = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        QTest::newRow("conflicting CL") << "POST /mcp HTTP/1.1\r\n" + h + "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}" + next << 400;
        QTest::newRow("CL list") << "POST /mcp HTTP/1.1\r\n" + h + "Content-Length: 2, 3\r\n\r\n{}" + next << 400;
        QTest::newRow("invalid CL") << "POST /mcp HTTP/1.1\r\n" + h + "Content-Length: abc\r\n\r\n" + next << 400;
        QTest::newRow("signed CL") << "POST /mcp HTTP/1.1\r\n" + h + "Content-Length: +2\r\n\r\n{}" + next << 400;
        QTest::newRow("CL and TE") << "POST /mcp HTTP/1.1\r\n" + h + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + next << 400;
        QTest::newRow("TE alone") << "POST /mcp HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + next << 411;
        QTest::newRow("obs-fold") << "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-a: 1\r\n  folded\r\n\r\n" + next << 400;
        QTest::newRow("space before colon") << "GET /healthz HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n" + next << 400;
        QTest::newRow("two Hosts") << "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil\r\n\r\n" + next << 400;
        QTest::newRow("no Host") << "GET /healthz HTTP/1.1\r\n\r\n" + next << 400;
        QTest::newRow("bare CR") << "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\rX: 1\r\n\r\n" + next << 400;
        QTest::newRow("HTTP/2.0") << "GET /healthz HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n" + next << 505;
        QTest::newRow("absolute target") << "GET http://127.0.0.1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + next << 400;
        QTest::newRow("head too large") << "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + QByteArray(20000, 'a') + "\r\n\r\n" << 431;
        QTest::newRow("NUL in value") << "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX: a" + QByteArray(1, '\0') + "b\r\n\r\n" << 400;
    }
    void strictFraming()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        static std::unique_ptr<HttpServer> server = start({});
        const quint16 p = server->port();
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, p);
        QVERIFY(s.waitForConnected(3000));
        s.write(bytes);
        QByteArray rest;
        const Http h = readAnswer(s, 3000, &rest);
        QCOMPARE(h.status, status);
        QCOMPARE(h.headers.value("connection"), QByteArray("close"));
        QVERIFY(h.json().contains("error"));
        QVERIFY(s.state() == QAbstractSocket::UnconnectedState || s.waitForDisconnected(2000));
        rest += s.readAll();
        QVERIFY2(!rest.contains("HTTP/1.1"), rest.constData()); // the smuggled request got no answer
        if (QByteArray(QTest::currentDataTag()) == "NUL in value")
            server.reset();
    }

    // 8. /healthz behind a token: the status only, details with the token.
    void healthzDetailsNeedTheToken()
    {
        ServerOptions o;
        o.apiToken = "s3cret";
        auto server = start(o);
        const quint16 p = server->port();
        const Http anon = rawRequest(p, get(p, "/healthz"));
        QCOMPARE(anon.status, 200);
        QCOMPARE(anon.json(), (QJsonObject{{"status", "ok"}}));
        const Http auth = rawRequest(p, get(p, "/healthz", "Authorization: Bearer s3cret\r\n"));
        QCOMPARE(auth.json()["cachePath"].toString(), QString("/secret/path"));
        QVERIFY(auth.json()["server"].toObject().contains("slowClientsDropped"));
    }
};

QTEST_GUILESS_MAIN(TestServerHardening)
#include "test_server_hardening.moc"
