// A3 bigTradeCount of every 5m bar of `report` on the recorded BTCUSDT day against a naive count
// written here (its own gzip reading and JSON parsing): trades of notional ≥ 100,000 USDT
// (LARGE_TRADE_NOTIONAL), exact in 0.1 × 0.001 units.
#include "support/SharedData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <zlib.h>

#include <map>

namespace {
qint64 decimal(const QString &s, int decimals) // exact count of 10^-decimals
{
    const int dot = s.indexOf('.');
    QString ip = dot < 0 ? s : s.left(dot), fp = dot < 0 ? QString() : s.mid(dot + 1);
    while (fp.size() < decimals)
        fp += '0';
    qint64 scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    return ip.toLongLong() * scale + fp.left(decimals).toLongLong();
}
} // namespace

class TestReportMarks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bigTradesPerBar()
    {
        CO_REQUIRE_SHARED_FILE(f, "hftbacktest/btcusdt_20240808.gz");
        CO_REQUIRE_SHARED_FILE(ex, "nautilus_trader/http_futures_market_exchange_info.json");
        const qint64 dayStart = QDateTime(QDate(2024, 8, 8), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        std::map<qint64, qint64> ids;   // trade id → bar (duplicates counted once)
        std::map<qint64, int> expected; // bar → big trades
        gzFile gz = gzopen(f.toLocal8Bit().constData(), "rb");
        QVERIFY(gz);
        char buf[1 << 16];
        QByteArray line;
        while (gzgets(gz, buf, sizeof buf)) {
            line += buf;
            if (!line.endsWith('\n'))
                continue;
            if (line.contains("\"e\":\"trade\"")) {
                const QJsonObject d = QJsonDocument::fromJson(line.mid(line.indexOf('{'))).object()["data"].toObject();
                const qint64 t = d["T"].toInteger();
                if (t >= dayStart && t < dayStart + 86'400'000 && d["X"].toString("MARKET") == "MARKET") {
                    const qint64 id = d["t"].toInteger();
                    const bool big = decimal(d["p"].toString(), 1) * decimal(d["q"].toString(), 3) >= qint64(100'000) * 10'000;
                    if (ids.emplace(id, t - t % 300'000).second) {
                        expected[t - t % 300'000] += 0;
                        if (big)
                            ++expected[t - t % 300'000];
                    }
                }
            }
            line.clear();
        }
        gzclose(gz);

        QProcess p;
        p.start(CO_APP_PATH, {"report", "--replay", f, "--symbol", "BTCUSDT", "--date", "2024-08-08", "--exchange-info", ex,
                              "--timeframe", "5m"});
        QVERIFY(p.waitForFinished(180000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object()["days"].toArray()[0].toObject();
        const QJsonArray got = o["footprint"].toObject()["5m"].toObject()["bars"].toArray();
        QCOMPARE(size_t(got.size()), expected.size());
        int total = 0;
        for (const QJsonValue &gv : got) {
            const QJsonObject g = gv.toObject();
            QCOMPARE(g["bigTradeCount"].toInt(), expected.at(g["openTime"].toInteger()));
            total += g["bigTradeCount"].toInt();
        }
        QVERIFY(total > 0); // the day has some: the comparison is not vacuous
        qInfo("5m bars %d, big trades %d", int(got.size()), total);
    }
};

QTEST_MAIN(TestReportMarks)
#include "test_report_marks.moc"
