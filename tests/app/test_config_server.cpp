// Server settings of issue 14: API_TOKEN_FILE (read once, mode checked), the --token warning,
// the limits as named settings with their ranges, and DAY_TZ checked against the tz database.
#include "app/Config.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace co;

namespace {
std::optional<Config> load(const QStringList &args, const QMap<QString, QString> &env, QString *error)
{
    ConfigSources s;
    s.args = args;
    s.env = [env](const QString &n) { return env.value(n); };
    return loadConfig(s, error);
}
} // namespace

class TestConfigServer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tokenFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("token");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("s3cret\n");
        f.close();
        QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        QString error;
        auto c = load({"--headless"}, {{"API_TOKEN_FILE", path}}, &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->apiToken, QString("s3cret"));
        QVERIFY(c->warnings.isEmpty());
        QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        QVERIFY(!load({"--headless"}, {{"API_TOKEN_FILE", path}}, &error));
        QVERIFY2(error.contains("API_TOKEN_FILE") && error.contains("chmod 600"), qPrintable(error));
        QVERIFY(!load({"--headless"}, {{"API_TOKEN_FILE", dir.filePath("none")}}, &error));
        QVERIFY(error.contains("API_TOKEN_FILE"));
        QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY(!load({"--headless"}, {{"API_TOKEN_FILE", path}, {"API_TOKEN", "x"}}, &error));
        QVERIFY(error.contains("both"));
    }
    void tokenOnTheCommandLineIsWarned()
    {
        QString error;
        const auto cli = load({"--headless", "--token", "t"}, {}, &error);
        QVERIFY(cli);
        QCOMPARE(cli->warnings.size(), 1);
        QVERIFY(cli->warnings[0].contains("API_TOKEN_FILE"));
        QVERIFY(load({"--headless"}, {{"API_TOKEN", "t"}}, &error)->warnings.isEmpty());
    }
    void limits()
    {
        QString error;
        const auto d = load({"--headless"}, {}, &error);
        QCOMPARE(d->serverLimits.maxBodyBytes, qsizetype(1024 * 1024));
        QCOMPARE(d->serverLimits.headerTimeoutMs, 10'000);
        QCOMPARE(d->serverLimits.idleTimeoutMs, 60'000);
        QCOMPARE(d->serverLimits.maxBatch, 50);
        QCOMPARE(d->mcpMaxSessions, qint64(10'000));
        QCOMPARE(d->mcpSessionIdleMs, 1'800'000);
        const auto c = load({"--headless", "--max-batch", "10", "--header-timeout=3"}, {{"MAX_CONNECTIONS", "64"}}, &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->serverLimits.maxBatch, 10);
        QCOMPARE(c->serverLimits.headerTimeoutMs, 3000);
        QCOMPARE(c->serverLimits.maxConnections, 64);
        QVERIFY(!load({"--headless", "--max-batch", "0"}, {}, &error));
        QCOMPARE(error, QString("invalid MAX_BATCH=0: accepted an integer from 1 to 10000"));
    }
    void dayZone()
    {
        QString error;
        QVERIFY(load({"--headless", "--day-tz", "UTC+08:00"}, {}, &error));
        QVERIFY(load({"--headless", "--day-tz", "Europe/London"}, {}, &error));
        for (const char *bad : {"../../../../etc/passwd", "ABC3", "/dev/tty"}) {
            QVERIFY(!load({"--headless", "--day-tz", bad}, {}, &error));
            QVERIFY2(error.startsWith("invalid DAY_TZ=") && error.contains("UTC+08:00"), qPrintable(error));
        }
    }
};

QTEST_GUILESS_MAIN(TestConfigServer)
#include "test_config_server.moc"
