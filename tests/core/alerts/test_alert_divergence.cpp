// Delta/CVD divergence (alerts/Divergence.h) on trades worked by hand, one-minute bars:
//   bar 0 (0–60 s):    100 +2, 105 +3            high 105 low 100, CVD 5 (first bar: the reference)
//   bar 1 (60–120 s):  104 −1, 108 −2            high 108 > 105 but CVD 2 ≤ 5            → bearish
//   bar 2 (120–180 s): 107 +1,  99 +4            low 99 < 100 but CVD 7 ≥ 5               → bullish
//   bar 3 (180–240 s): 100 −1, 110 +10           high 110 > 108 and CVD 16 > 2: confirmed → nothing
//   bar 4 (240–300 s): 110 −20                   high 110 = 110: a tie is no new high      → nothing
// Each signal comes with the first trade of the next bar (when the bar is known to be closed).
#include "alerts/Alert.h"
#include "alerts/Divergence.h"

#include <QtTest>

using namespace co;

class TestAlertDivergence : public QObject {
    Q_OBJECT

    static constexpr int64_t kDay = 86'400'000;

private Q_SLOTS:
    void handWorked()
    {
        DivergenceTracker d(60'000);
        auto add = [&](double sec, double price, double qty, int64_t end = kDay) { return d.add(int64_t(sec * 1000), price, qty, end); };
        QVERIFY(!add(1, 100, 2));
        QVERIFY(!add(30, 105, 3));
        QVERIFY(!add(61, 104, -1)); // closes bar 0: the first closed bar is only the reference
        QVERIFY(!add(90, 108, -2));
        const auto bear = add(121, 107, 1); // closes bar 1
        QVERIFY(bear);
        QVERIFY(bear->bearish);
        QCOMPARE(bear->barOpenMs, int64_t(60'000));
        QCOMPARE(bear->extreme, 108.0);
        QCOMPARE(bear->previous, 105.0);
        QCOMPARE(bear->cvd, 2.0);
        QCOMPARE(bear->previousCvd, 5.0);
        QVERIFY(!add(150, 99, 4));
        const auto bull = add(181, 100, -1); // closes bar 2
        QVERIFY(bull);
        QVERIFY(!bull->bearish);
        QCOMPARE(bull->barOpenMs, int64_t(120'000));
        QCOMPARE(bull->extreme, 99.0);
        QCOMPARE(bull->previous, 100.0);
        QCOMPARE(bull->cvd, 7.0);
        QCOMPARE(bull->previousCvd, 5.0);
        QVERIFY(!add(200, 110, 10));
        QVERIFY(!add(241, 110, -20)); // closes bar 3: new high 110 with CVD 16 > 2, confirmed
        QVERIFY(!add(301, 109, 1));   // closes bar 4: high 110 ties 110, no new high

        // A new session starts over: its first closed bar is only the reference again.
        QVERIFY(!add(86'401, 200, 5, 2 * kDay));
        QVERIFY(!add(86'461, 201, -9, 2 * kDay)); // closes the session's first bar
        const auto again = add(86'521, 150, 1, 2 * kDay); // 201 > 200 with CVD −4 ≤ 5
        QVERIFY(again && again->bearish);
        QCOMPARE(again->previousCvd, 5.0);
        QCOMPARE(again->cvd, -4.0);
    }

    void ruleArguments()
    {
        QString error;
        const auto r = AlertRule::fromJson(QJsonObject{{"symbol", "btcusdt"}, {"kind", "divergence"}, {"timeframe", "15m"}}, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->kind, AlertKind::Divergence);
        QCOMPARE(r->toJson()["timeframe"].toString(), QString("15m"));
        QCOMPARE(AlertRule::fromJson(QJsonObject{{"symbol", "BTCUSDT"}, {"kind", "divergence"}}, &error)->timeframe, QString("5m"));
        QVERIFY(!AlertRule::fromJson(QJsonObject{{"symbol", "BTCUSDT"}, {"kind", "divergence"}, {"timeframe", "2m"}}, &error));
        QVERIFY(error.contains("timeframe") && error.contains("1m, 5m, 15m, 30m, 1h"));
    }
};

QTEST_GUILESS_MAIN(TestAlertDivergence)
#include "test_alert_divergence.moc"
