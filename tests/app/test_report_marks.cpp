// A3 bigTradeCount of every 5m bar of `report` on the recorded BTCUSDT day against a naive count
// written here (its own gzip reading and JSON parsing: support/RecordedTrades.h): trades of notional ≥ 100,000 USDT
// (LARGE_TRADE_NOTIONAL), exact in 0.1 × 0.001 units.
#include "support/RecordedTrades.h"
#include "support/SharedData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <map>

class TestReportMarks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bigTradesPerBar()
    {
        CO_REQUIRE_SHARED_FILE(f, "hftbacktest/btcusdt_20240808.gz");
        CO_REQUIRE_SHARED_FILE(ex, "nautilus_trader/http_futures_market_exchange_info.json");
        const qint64 dayStart = QDateTime(QDate(2024, 8, 8), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        std::map<qint64, int> expected; // bar → big trades
        const std::vector<co::test::RecordedTrade> trades = co::test::readRecordedTrades(f, dayStart, dayStart + 86'400'000);
        QVERIFY(!trades.empty());
        for (const co::test::RecordedTrade &t : trades) { // one per id: duplicates counted once
            const qint64 bar = t.timeMs - t.timeMs % 300'000;
            expected[bar] += 0;
            if (t.tick * t.qty >= qint64(100'000) * 10'000)
                ++expected[bar];
        }

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
