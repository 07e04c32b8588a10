// SESSIONS (analysis.md A4): named windows with time zones, through the configuration's precedence
// (CLI > env > .env > saved settings), errors that name SESSIONS and the form, and windows that
// follow DST: New York's 09:30 is 13:30 UTC on Friday 2024-11-01 (EDT) and 14:30 UTC on Sunday
// 2024-11-03, the day the US clocks went back (EST).
#include "app/Config.h"
#include "engine/MarketEngine.h"
#include "engine/Profiles.h"
#include "engine/SessionSpec.h"
#include "model/Time.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace co;

namespace {
const QString kSpec = "asia=22:00-06:00@Asia/Tokyo,london=08:00-16:30@Europe/London,ny=09:30-16:00@America/New_York";

std::optional<Config> load(QStringList args, QMap<QString, QString> env = {}, QSettings *settings = nullptr,
                           QString *error = nullptr)
{
    ConfigSources s;
    s.args = std::move(args);
    s.env = [env](const QString &n) { return env.value(n); };
    s.settings = settings;
    QString e;
    return loadConfig(s, error ? error : &e);
}

SymbolInfo btc()
{
    SymbolInfo s;
    s.name = "BTCUSDT";
    s.tickSize = 10'000'000;
    s.stepSize = 100'000;
    return s;
}

Trade trade(int64_t id, int64_t t, int64_t price, int64_t qty, bool buy)
{
    Trade x;
    x.id = id;
    x.timeMs = t;
    x.price = price * 100'000'000;
    x.qty = qty * 100'000'000;
    x.buyerMaker = !buy;
    return x;
}

const SessionView &named(const std::vector<SessionView> &v, const std::string &name)
{
    for (const SessionView &s : v)
        if (s.name == name)
            return s;
    qFatal("no session %s", name.c_str());
}
} // namespace

class TestConfigSessions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesAndPrints()
    {
        QString why;
        const auto defs = parseSessions(kSpec, &why);
        QVERIFY2(defs, qPrintable(why));
        QCOMPARE(defs->size(), size_t(3));
        QCOMPARE((*defs)[0].startMin, 22 * 60);
        QCOMPARE((*defs)[0].endMin, 6 * 60);
        QCOMPARE((*defs)[2].name, std::string("ny"));
        QCOMPARE((*defs)[2].startMin, 9 * 60 + 30);
        QCOMPARE(sessionsText(*defs), kSpec);
        QVERIFY(parseSessions("a=00:00-24:00", &why)); // the whole UTC day
        for (const char *bad : {"", "a=25:00-08:00", "a=08:00-08:00", "a=8:00-09:00", "a=00:00-09:00@Mars/Olympus",
                                "a=00:00-01:00,A=02:00-03:00", "=00:00-01:00", "a=24:00-01:00", "a=00:00-01:00@/etc/passwd"}) {
            QVERIFY2(!parseSessions(bad, &why), bad);
            QVERIFY2(why.contains("name=HH:MM-HH:MM"), qPrintable(why));
        }
    }

    void precedence()
    {
        QTemporaryDir dir;
        QSettings store(dir.filePath("s.ini"), QSettings::IniFormat);
        store.setValue("SESSIONS", "saved=01:00-02:00");
        auto c = load({}, {}, &store);
        QVERIFY(c);
        QCOMPARE(c->engine.sessions.size(), size_t(1));
        QCOMPARE(c->engine.sessions[0].name, std::string("saved"));
        c = load({}, {{"SESSIONS", kSpec}}, &store); // env over saved settings
        QVERIFY(c);
        QCOMPARE(c->engine.sessions.size(), size_t(3));
        c = load({"--sessions", "cli=03:00-04:00"}, {{"SESSIONS", kSpec}}, &store);
        QCOMPARE(c->engine.sessions[0].name, std::string("cli"));
        // Saved later in the settings dialog: applied unless the environment set it.
        const auto base = load({});
        QVERIFY(base);
        QCOMPARE(base->engine.sessions.size(), size_t(3)); // tokyo, london, newyork in UTC
        QString error;
        const auto next = withSettings(*base, store, &error);
        QVERIFY2(next, qPrintable(error));
        QCOMPARE(next->engine.sessions[0].name, std::string("saved"));
        const auto envBase = load({}, {{"SESSIONS", kSpec}});
        QCOMPARE(withSettings(*envBase, store, &error)->engine.sessions.size(), size_t(3));
        QVERIFY(!load({"--sessions", "x=09:00"}, {}, nullptr, &error));
        QVERIFY2(error.contains("SESSIONS") && error.contains("name=HH:MM-HH:MM"), qPrintable(error));
        // SESSIONS wins over SESSION_CLOCK.
        c = load({"--session-clock", "local", "--sessions", "cli=03:00-04:00"});
        QCOMPARE(c->engine.sessions.size(), size_t(1));
    }

    void windowsFollowDst()
    {
        const auto c = load({"--sessions", kSpec});
        QVERIFY(c);
        const int64_t nov1 = daysFromCivil({2024, 11, 1}) * kMsPerDay, nov3 = daysFromCivil({2024, 11, 3}) * kMsPerDay;
        {
            MarketEngine e(btc(), c->engine);
            e.onTrade(trade(1, nov1 + 13 * kMsPerHour + 45 * kMsPerMinute, 100, 1, true)); // 09:45 EDT
            const SnapshotPtr s = e.publish();
            const SessionView &ny = named(s->todaySessions, "ny");
            QCOMPARE(ny.windowStartMs, nov1 + 13 * kMsPerHour + 30 * kMsPerMinute);
            QCOMPARE(ny.windowEndMs, nov1 + 20 * kMsPerHour);
            QCOMPARE(sessionProfile(*s, ny, 1, false, s->asOfMs).trades, 1);
        }
        MarketEngine e(btc(), c->engine);
        e.onTrade(trade(1, nov3 + 14 * kMsPerHour + 15 * kMsPerMinute, 100, 1, true)); // 09:15 EST: before the open
        e.onTrade(trade(2, nov3 + 14 * kMsPerHour + 45 * kMsPerMinute, 101, 2, false)); // 09:45 EST
        const SnapshotPtr s = e.publish();
        const SessionView &ny = named(s->todaySessions, "ny");
        QCOMPARE(ny.windowStartMs, nov3 + 14 * kMsPerHour + 30 * kMsPerMinute);
        QCOMPARE(ny.windowEndMs, nov3 + 21 * kMsPerHour);
        const SessionProfile p = sessionProfile(*s, ny, 1, false, s->asOfMs);
        QCOMPARE(p.trades, 1);
        QCOMPARE(*p.poc, 101.0);
        QCOMPARE(p.start, std::string("09:30"));
        // London is on GMT since 2024-10-27: 08:00 is 08:00 UTC.
        QCOMPARE(named(s->todaySessions, "london").windowStartMs, nov3 + 8 * kMsPerHour);
        // Asia crosses midnight: the instance ending 06:00 JST on 11-04 (21:00 UTC on 11-03) is 11-03's.
        const SessionView &asia = named(s->todaySessions, "asia");
        QCOMPARE(asia.windowStartMs, nov3 + 13 * kMsPerHour);
        QCOMPARE(asia.windowEndMs, nov3 + 21 * kMsPerHour);
        QCOMPARE(sessionProfile(*s, asia, 1, false, s->asOfMs).trades, 2);
    }
};

QTEST_MAIN(TestConfigSessions)
#include "test_config_sessions.moc"
