// The fast JSON writer of `report` (server/JsonWriter) against QJsonDocument::toJson, byte for byte:
// hand-made trees with edge-case numbers and strings, a sweep of random doubles, and the report of
// the shared recording (its output must be what Qt writes for the same tree, compact and --pretty).
#include "server/JsonWriter.h"
#include "support/SharedData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

namespace {

QByteArray qt(const QJsonObject &o, bool indented)
{
    return QJsonDocument(o).toJson(indented ? QJsonDocument::Indented : QJsonDocument::Compact);
}

QByteArray fast(const QJsonObject &o, bool indented)
{
    const std::string s = co::json::writeJson(o, indented);
    return QByteArray(s.data(), qsizetype(s.size()));
}

QJsonArray edgeNumbers()
{
    const double p53 = 9007199254740992.0; // 2^53
    QJsonArray a;
    for (double d : {1e21, 1e-7, 0.1 + 0.2, -0.0, 0.0, p53, p53 + 2, -p53, -(p53 + 2), 1e15, 1e16, 1e17, 1e20, 1e22,
                     12345678901234567890.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                     -1.7976931348623157e308, 1e-300, 1e300, 0.0001, 0.001, 1e-5, 1.25e-5, 0.000123, 123456.789,
                     1.5, -1.5, 0.5, 100.25, 64000.1, 0.001, 1234567e10, 123e10, 2.5e-10, 1e100, 1.0 / 3,
                     std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity()})
        a.append(d);
    // Integers stored as integers, also past 2^53 (exact there, unlike a double).
    for (qint64 i : {qint64(0), qint64(-1), qint64(1723161600000), qint64(9007199254740993), qint64(-9007199254740993),
                     std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min()})
        a.append(i);
    return a;
}

} // namespace

class TestReportJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void handMadeTrees()
    {
        QJsonObject inner{{"empty", QJsonObject()}, {"none", QJsonArray()}, {"null", QJsonValue()},
                          {"t", true}, {"f", false}};
        QJsonObject o{{"numbers", edgeNumbers()},
                      {"text", QStringLiteral("quote\" back\\ tab\t nl\n cr\r bs\b ff\f ctl\x01\x1f del\x7f")},
                      {"unicode", QStringLiteral("é 中文 \U0001F600 ") + QChar(0xD800) + QStringLiteral("x") + QChar(0xDC00) +
                                     QChar(0xDBFF)},
                      {"key \"escaped\"\n", 1},
                      {"nested", QJsonArray{inner, QJsonArray{QJsonArray{}, 1.5, QJsonObject{{"a", -0.0}}}}},
                      {"", QString()}};
        for (bool indented : {false, true})
            QCOMPARE(fast(o, indented), qt(o, indented));
        QCOMPARE(fast(QJsonObject(), true), qt(QJsonObject(), true));
        QCOMPARE(fast(QJsonObject(), false), qt(QJsonObject(), false));
    }

    // Each number alone, so a mismatch names it.
    void edgeNumbersOneByOne()
    {
        for (const QJsonValue &v : edgeNumbers()) {
            const QJsonObject o{{"v", v}};
            QVERIFY2(fast(o, false) == qt(o, false), qPrintable(fast(o, false) + " vs Qt " + qt(o, false)));
        }
    }

    void randomDoubles()
    {
        std::mt19937_64 rng(16);
        std::uniform_int_distribution<int> exp10(-25, 25);
        QJsonArray bits, decimals;
        for (int i = 0; i < 100000; ++i) {
            const uint64_t b = rng();
            double d;
            std::memcpy(&d, &b, sizeof d);
            bits.append(d);
            // prices, quantities and ratios like a report's: few significant digits, any scale
            decimals.append(double(int64_t(rng() % 100000000) - 50000000) * std::pow(10.0, exp10(rng)));
            decimals.append(double(rng() % 10000000) * 0.1 / 7.0);
        }
        const QJsonObject o{{"bits", bits}, {"decimals", decimals}};
        for (bool indented : {false, true})
            QVERIFY(fast(o, indented) == qt(o, indented));
    }

    // The program's bytes are Qt's bytes for the tree they encode (numbers round trip, so the
    // tree read back is the tree written), and the fast writer agrees on that tree too.
    void reportOfTheRecording()
    {
        CO_REQUIRE_SHARED_FILE(f, "hftbacktest/btcusdt_20240808.gz");
        for (const QStringList &extra : {QStringList{}, QStringList{"--pretty", "--rows", "--timeframe", "5m"}}) {
            QProcess p;
            p.start(CO_APP_PATH, QStringList{"report", "--replay", f, "--symbol", "BTCUSDT"} + extra);
            QVERIFY(p.waitForFinished(300000));
            QCOMPARE(p.exitCode(), 0);
            QByteArray out = p.readAllStandardOutput();
            const bool indented = extra.contains("--pretty");
            QVERIFY(out.endsWith('\n'));
            out.chop(1); // the program's own newline after the JSON
            QJsonParseError err;
            const QJsonObject tree = QJsonDocument::fromJson(out, &err).object();
            QCOMPARE(err.error, QJsonParseError::NoError);
            QVERIFY(!tree["days"].toArray().isEmpty());
            QVERIFY(out.size() > 100000);
            QVERIFY2(out == qt(tree, indented), "report output differs from QJsonDocument's");
            QVERIFY(fast(tree, indented) == out);
        }
    }
};

QTEST_GUILESS_MAIN(TestReportJson)
#include "test_report_json.moc"
