// Exact decimal parsing and calendar helpers (spec indicators.md §0).
#include "model/Fixed.h"
#include "model/Time.h"

#include <QtTest>

using namespace co;

class TestFixed : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qlonglong>("units");
        QTest::newRow("price") << "63960.00" << true << 6396000000000LL;
        QTest::newRow("rate") << "0.00038167" << true << 38167LL;
        QTest::newRow("neg") << "-0.03750000" << true << -3750000LL;
        QTest::newRow("int") << "100" << true << 10000000000LL;
        QTest::newRow("trailing zeros beyond 8") << "1.0000000000" << true << 100000000LL;
        QTest::newRow("too fine") << "0.000000001" << false << 0LL;
        QTest::newRow("empty") << "" << false << 0LL;
        QTest::newRow("dot") << "." << false << 0LL;
        QTest::newRow("exp") << "1e-3" << false << 0LL;
        QTest::newRow("junk") << "12a" << false << 0LL;
        QTest::newRow("overflow") << "99999999999999" << false << 0LL;
        QTest::newRow("no int part") << ".5" << true << 50000000LL;
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(qlonglong, units);
        int64_t v = -1;
        const std::string s = text.toStdString();
        QCOMPARE(parseFixed(s, v), ok);
        if (ok)
            QCOMPARE(qlonglong(v), units);
    }
    void edgeDoubles()
    {
        QCOMPARE(QString::number(fixedToDouble(6395010000000), 'g', QLocale::FloatingPointShortest), QStringLiteral("63950.1"));
        QCOMPARE(formatFixed(6395010000000), std::string("63950.1"));
        QCOMPARE(formatFixed(-38167), std::string("-0.00038167"));
        QCOMPARE(fixedDecimals(10000000), 1);
        QCOMPARE(gcd64(6396000000000, 6395990000000), int64_t(10000000));
    }
    void calendar()
    {
        QCOMPARE(isoDate(daysFromCivil({2024, 7, 19})), std::string("2024-07-19"));
        QCOMPARE(isoTimeMs(1721347202812), std::string("2024-07-19T00:00:02.812Z"));
        int64_t d = 0;
        QVERIFY(parseIsoDate("2024-02-29", d));
        QVERIFY(!parseIsoDate("2023-02-29", d));
        QVERIFY(!parseIsoDate("2024-7-19", d));
        QCOMPARE(utcDayOf(-1), int64_t(-1));
    }
};

QTEST_APPLESS_MAIN(TestFixed)
#include "test_fixed.moc"
