// Without a reachable Binance the live feed starts cleanly, says "cannot reach Binance,
// retrying in N s", backs off (no busy loop) and keeps the program serving; the binary itself
// starts, logs that, and stops cleanly on SIGTERM.
#include "support/LiveHarness.h"

#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/resource.h>

using namespace co;
using namespace co::test;

namespace {
double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Accepts and hangs up at once: "Binance" is there but answers nothing. Counts the attempts.
class HangUp : public QTcpServer {
public:
    int attempts = 0;
    HangUp()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                ++attempts;
                s->abort();
                s->deleteLater();
            }
        });
    }
};
} // namespace

class TestLiveOffline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules("co.binance.info=false\nco.binance.warning=false"); }

    void retriesWithBackoffAndNoBusyLoop()
    {
        HangUp server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        // A cached exchangeInfo lets the streams try too (the REST boot retries on its own).
        const QString cache = dir.filePath("exchangeInfo.json");
        QFile f(cache);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"rateLimits":[],"symbols":[{"symbol":"BTCUSDT","status":"TRADING","contractType":"PERPETUAL","quoteAsset":"USDT",
            "filters":[{"filterType":"PRICE_FILTER","tickSize":"0.10"},{"filterType":"LOT_SIZE","stepSize":"0.001"}]}]})");
        f.close();

        LiveSession::Options o;
        o.restUrl = QUrl(QString("http://127.0.0.1:%1").arg(server.serverPort()));
        o.wsUrl = QUrl(QString("ws://127.0.0.1:%1").arg(server.serverPort()));
        o.symbols = {"BTCUSDT"};
        o.exchangeInfoCache = cache;
        o.statusEveryMs = 100;
        FakeSymbolData none;
        none.symbol = "BTCUSDT";
        LiveHarness h(o, SystemClock::instance(), none); // production backoff
        const double cpu0 = cpuSeconds();
        h.live.start();
        QTest::qWait(5000);
        const double cpu = cpuSeconds() - cpu0;
        const BinanceStatus st = h.binance();
        QCOMPARE(st.state, BinanceStatus::State::Unreachable);
        const QString msg = QString::fromStdString(st.message);
        QVERIFY2(msg.startsWith("cannot reach Binance") && msg.contains("retrying in"), qPrintable(msg));
        qInfo("%d connection attempts and %.3f s CPU in 5 s offline; status: %s", server.attempts, cpu, qPrintable(msg));
        QVERIFY2(server.attempts <= 30, qPrintable(QString::number(server.attempts))); // two streams + REST, backing off
        QVERIFY2(cpu < 0.5, qPrintable(QString::number(cpu)));
        h.engines.flush();
        const SnapshotPtr s = h.registry.snapshot("BTCUSDT");
        QVERIFY(s);
        QCOMPARE(s->symbol.tickSize, 10'000'000); // the cached tick size was used
    }

    void binaryStartsAndStopsCleanlyOffline()
    {
        QTemporaryDir dir;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("BINANCE_REST_URL", "http://127.0.0.1:1");
        env.insert("BINANCE_WS_URL", "ws://127.0.0.1:1");
        env.insert("CACHE_DB_PATH", dir.filePath("db.sqlite"));
        env.insert("PORT", "0");
        env.insert("HOME", dir.path());
        env.insert("XDG_CONFIG_HOME", dir.filePath("config"));
        env.insert("XDG_DATA_HOME", dir.filePath("data"));
        p.setProcessEnvironment(env);
        p.start(CO_APP_PATH, {"--headless"});
        QVERIFY(p.waitForStarted());
        QTest::qWait(4000);
        QCOMPARE(p.state(), QProcess::Running);
        QFile stat(QString("/proc/%1/stat").arg(p.processId()));
        QVERIFY(stat.open(QIODevice::ReadOnly));
        const QList<QByteArray> fields = stat.readAll().split(')').last().trimmed().split(' ');
        const double cpu = double(fields.value(11).toLongLong() + fields.value(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
        p.terminate();
        QVERIFY(p.waitForFinished(10'000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(err.contains("cannot reach Binance") && err.contains("retrying in"), qPrintable(err));
        qInfo("offline binary: %.2f s CPU in 4 s", cpu);
        QVERIFY2(cpu < 1.0, qPrintable(QString::number(cpu))); // start-up included
    }
};

QTEST_MAIN(TestLiveOffline)
#include "test_live_offline.moc"
