// Configuration: precedence CLI > env > .env > saved settings > defaults, validation messages
// that name the variable and the accepted range.
#include "app/Config.h"
#include "app/ProxySetting.h"
#include "binance/ProxyConfig.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace co;

namespace {
std::optional<Config> load(QStringList args, QMap<QString, QString> env = {}, const QString &dotEnv = {},
                           QSettings *settings = nullptr, QString *error = nullptr)
{
    ConfigSources s;
    s.args = std::move(args);
    s.env = [env](const QString &n) { return env.value(n); };
    s.dotEnvPath = dotEnv;
    s.settings = settings;
    QString e;
    auto c = loadConfig(s, error ? error : &e);
    return c;
}
} // namespace

class TestConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaults()
    {
        const auto c = load({});
        QVERIFY(c);
        QCOMPARE(c->host, QStringLiteral("127.0.0.1"));
        QCOMPARE(c->port, 8022);
        QCOMPARE(c->symbols, (QStringList{"BTCUSDT", "ETHUSDT"}));
        QCOMPARE(c->restUrl, QStringLiteral("https://fapi.binance.com"));
        QCOMPARE(c->wsUrl, QStringLiteral("wss://fstream.binance.com"));
        QCOMPARE(c->tradeCacheDays, 30);
        QCOMPARE(c->engine.valueAreaBp, 7000);
        QCOMPARE(c->engine.imbalance.ratio, int64_t(300'000'000));
        QCOMPARE(c->engine.imbalance.consecutive, 3);
        QCOMPARE(c->engine.depthPercentBp, 100);
        QCOMPARE(c->origin["PORT"], QStringLiteral("default"));
    }
    void precedence()
    {
        QTemporaryDir dir;
        const QString dot = dir.filePath(".env");
        QFile f(dot);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# comment\nPORT=8100\nexport SYMBOLS=\"solusdt, btcusdt\"\nTRADE_CACHE_DAYS=3\nVALUE_AREA_PERCENT=68\n");
        f.close();
        QSettings settings(dir.filePath("s.ini"), QSettings::IniFormat);
        settings.setValue("PORT", "8200");
        settings.setValue("TRADE_CACHE_DAYS", "2");
        settings.setValue("LOG_LEVEL", "debug");
        auto c = load({"--port", "8300"}, {{"PORT", "8400"}, {"TRADE_CACHE_DAYS", "5"}}, dot, &settings);
        QVERIFY(c);
        QCOMPARE(c->port, 8300);                                // cli
        QCOMPARE(c->tradeCacheDays, 5);                         // env over .env and settings
        QCOMPARE(c->symbols, (QStringList{"SOLUSDT", "BTCUSDT"})); // .env
        QCOMPARE(c->logLevel, QStringLiteral("debug"));         // settings
        QCOMPARE(c->engine.valueAreaBp, 6800);
        QCOMPARE(c->origin["PORT"], QStringLiteral("cli"));
        QCOMPARE(c->origin["SYMBOLS"], QStringLiteral(".env"));
        c = load({"--port=9000", "--token", "abc", "--host", "0.0.0.0"});
        QVERIFY(c);
        QCOMPARE(c->port, 9000);
        QCOMPARE(c->apiToken, QStringLiteral("abc"));
        QVERIFY(!c->loopbackHost());
    }
    void invalidValuesNameTheVariable_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("name");
        QTest::newRow("port") << QStringList{"--port", "70000"} << "PORT";
        QTest::newRow("va") << QStringList{"--value-area-percent", "0"} << "VALUE_AREA_PERCENT";
        QTest::newRow("ratio") << QStringList{"--imbalance-ratio-threshold", "abc"} << "IMBALANCE_RATIO_THRESHOLD";
        QTest::newRow("count") << QStringList{"--imbalance-consecutive-count", "1"} << "IMBALANCE_CONSECUTIVE_COUNT";
        QTest::newRow("depth") << QStringList{"--depth-delta-percent", "11"} << "DEPTH_DELTA_PERCENT";
        QTest::newRow("days") << QStringList{"--trade-cache-days", "0"} << "TRADE_CACHE_DAYS";
        QTest::newRow("symbols") << QStringList{"--symbols", "BTC-USDT"} << "SYMBOLS";
        QTest::newRow("maxsymbols") << QStringList{"--max-symbols", "0"} << "MAX_SYMBOLS";
        QTest::newRow("ws") << QStringList{"--binance-ws-url", "http://x"} << "BINANCE_WS_URL";
        QTest::newRow("log") << QStringList{"--log-level", "loud"} << "LOG_LEVEL";
        QTest::newRow("tz") << QStringList{"--day-tz", "Mars/Olympus"} << "DAY_TZ";
        QTest::newRow("token") << QStringList{"--host", "0.0.0.0"} << "API_TOKEN";
        QTest::newRow("unknown") << QStringList{"--frobnicate"} << "--frobnicate";
    }
    void invalidValuesNameTheVariable()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, name);
        QString error;
        QVERIFY(!load(args, {}, {}, nullptr, &error));
        QVERIFY2(error.contains(name), qPrintable(error));
    }
    void modes()
    {
        auto c = load({"--headless", "--replay", "a.gz", "b.gz", "--speed", "10", "--exit-when-done"});
        QCOMPARE(int(c->mode), int(RunMode::Headless));
        QCOMPARE(c->replayFiles, (QStringList{"a.gz", "b.gz"}));
        QCOMPARE(c->replaySpeed, 10.0);
        c = load({"report", "--replay", "x"});
        QCOMPARE(int(c->mode), int(RunMode::Report));
        QCOMPARE(c->rest, (QStringList{"--replay", "x"}));
        QVERIFY(configHelp().contains("IMBALANCE_CONSECUTIVE_COUNT"));
    }

    // The proxy the same way in every mode: environment > .env > saved settings, put into the
    // process environment where the Binance clients and the archive downloader read it.
    void proxyFromEnvDotEnvOrSettings()
    {
        for (const char *v : {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY"})
            qunsetenv(v);
        QTemporaryDir dir;
        QSettings store(dir.filePath("s.ini"), QSettings::IniFormat);
        store.setValue("HTTPS_PROXY", "socks5://127.0.0.1:1080");
        ConfigSources src;
        src.settings = &store;
        QCOMPARE(applyProxySetting(src), QString("settings"));
        QCOMPARE(qEnvironmentVariable("HTTPS_PROXY"), QString("socks5://127.0.0.1:1080"));
        QCOMPARE(EnvProxyFactory().proxyFor(QUrl("https://fapi.binance.com")).type(), QNetworkProxy::Socks5Proxy);
        qunsetenv("HTTPS_PROXY");
        qunsetenv("HTTP_PROXY");

        QFile dot(dir.filePath(".env"));
        QVERIFY(dot.open(QIODevice::WriteOnly));
        dot.write("HTTPS_PROXY=http://10.0.0.1:3128\nNO_PROXY=localhost\n");
        dot.close();
        src.dotEnvPath = dot.fileName();
        QCOMPARE(applyProxySetting(src), QString(".env"));
        QCOMPARE(qEnvironmentVariable("HTTPS_PROXY"), QString("http://10.0.0.1:3128"));
        QCOMPARE(qEnvironmentVariable("NO_PROXY"), QString("localhost"));

        // The environment wins and is left as it is.
        src.env = [](const QString &n) { return n == "https_proxy" ? QString("http://env:1") : QString(); };
        QCOMPARE(applyProxySetting(src), QString("env"));
        QCOMPARE(qEnvironmentVariable("HTTPS_PROXY"), QString("http://10.0.0.1:3128"));
        for (const char *v : {"HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"})
            qunsetenv(v);
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "test_config.moc"
