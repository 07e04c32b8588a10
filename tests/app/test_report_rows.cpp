// `report --ticks-per-row K` on the recorded BTCUSDT day against a naive reference written here
// (its own gzip reading and JSON parsing in support/RecordedTrades.h, its own loops, analysis.md A1 and indicators.md §2, §5): the day's
// POC/VA and every 5m bar's diagonal and stacked imbalances on rows of K ticks.
#include "support/RecordedTrades.h"
#include "support/SharedData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <map>

namespace {

constexpr qint64 kK = 10; // ticks of 0.1 per row: rows of 1.0

struct Side {
    qint64 buy = 0, sell = 0; // 0.001 units
};
using Rows = std::map<qint64, Side>; // merged row → volumes


qint64 floorDiv(qint64 a, qint64 b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// Bars of 5 minutes (by openTime) and the day profile, both on merged rows.
void readDay(const QString &file, qint64 dayStart, std::map<qint64, Rows> &bars, Rows &day)
{
    const std::vector<co::test::RecordedTrade> trades = co::test::readRecordedTrades(file, dayStart, dayStart + 86'400'000);
    QVERIFY(!trades.empty());
    for (const co::test::RecordedTrade &t : trades) {
        const qint64 row = floorDiv(t.tick, kK);
        Side &b = bars[t.timeMs - t.timeMs % 300'000][row];
        Side &p = day[row];
        (t.sell ? b.sell : b.buy) += t.qty;
        (t.sell ? p.sell : p.buy) += t.qty;
    }
}

// indicators.md §2: POC (tie: nearest the middle, then lower), dual-row value area of 70 %.
void levels(const Rows &rows, qint64 &poc, qint64 &val, qint64 &vah)
{
    const qint64 lo = rows.begin()->first, hi = rows.rbegin()->first;
    std::vector<qint64> v;
    qint64 total = 0;
    for (qint64 r = lo; r <= hi; ++r) {
        const auto it = rows.find(r);
        v.push_back(it == rows.end() ? 0 : it->second.buy + it->second.sell);
        total += v.back();
    }
    const qint64 n = qint64(v.size());
    qint64 best = 0;
    for (qint64 i = 1; i < n; ++i) {
        const bool more = v[size_t(i)] > v[size_t(best)];
        const bool tieCloser = v[size_t(i)] == v[size_t(best)] && std::abs(2 * i - (n - 1)) < std::abs(2 * best - (n - 1));
        if (more || tieCloser)
            best = i;
    }
    qint64 a = best, b = best, sum = v[size_t(best)];
    while (sum * 100 < total * 70) {
        qint64 up = 0, down = 0;
        const qint64 upN = std::min<qint64>(2, n - 1 - b), downN = std::min<qint64>(2, a);
        for (qint64 i = 1; i <= upN; ++i)
            up += v[size_t(b + i)];
        for (qint64 i = 1; i <= downN; ++i)
            down += v[size_t(a - i)];
        if (upN > 0 && (downN == 0 || up >= down)) {
            b += upN;
            sum += up;
        } else {
            a -= downN;
            sum += down;
        }
    }
    poc = lo + best;
    val = lo + a;
    vah = lo + b;
}

} // namespace

class TestReportRows : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tenTicksPerRow()
    {
        CO_REQUIRE_SHARED_FILE(f, "hftbacktest/btcusdt_20240808.gz");
        CO_REQUIRE_SHARED_FILE(ex, "nautilus_trader/http_futures_market_exchange_info.json");
        const qint64 dayStart = QDateTime(QDate(2024, 8, 8), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        std::map<qint64, Rows> bars;
        Rows day;
        readDay(f, dayStart, bars, day);
        QVERIFY(!bars.empty());

        QProcess p;
        p.start(CO_APP_PATH, {"report", "--replay", f, "--symbol", "BTCUSDT", "--date", "2024-08-08", "--exchange-info", ex,
                              "--timeframe", "5m", "--ticks-per-row", QString::number(kK)});
        QVERIFY(p.waitForFinished(180000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object()["days"].toArray()[0].toObject();
        QCOMPARE(o["ticksPerRow"].toInt(), int(kK));
        QCOMPARE(o["binSize"].toDouble(), 1.0);

        qint64 poc = 0, val = 0, vah = 0;
        levels(day, poc, val, vah);
        QCOMPARE(o["dPOC"].toDouble(), double(poc)); // a row of 1.0 starts at row × 1.0
        QCOMPARE(o["dVAL"].toDouble(), double(val));
        QCOMPARE(o["dVAH"].toDouble(), double(vah));

        const QJsonArray got = o["footprint"].toObject()["5m"].toObject()["bars"].toArray();
        QCOMPARE(size_t(got.size()), bars.size());
        int totalBuy = 0, totalZones = 0;
        for (const QJsonValue &gv : got) {
            const QJsonObject g = gv.toObject();
            const Rows &rows = bars.at(g["openTime"].toInteger());
            const qint64 lo = rows.begin()->first, hi = rows.rbegin()->first;
            auto at = [&](qint64 r) { const auto it = rows.find(r); return it == rows.end() ? Side{} : it->second; };
            QJsonArray buys, sells, stacked;
            for (qint64 r = lo; r <= hi; ++r) {
                const bool b = at(r).buy > 0 && r > lo && at(r).buy >= 3 * at(r - 1).sell;
                const bool s = at(r).sell > 0 && r < hi && at(r).sell >= 3 * at(r + 1).buy;
                if (b)
                    buys.append(double(r));
                if (s)
                    sells.append(double(r));
            }
            // Stacked: maximal runs of ≥ 3 rows of one side, buy and sell runs looked at separately.
            for (int want : {1, 2}) {
                qint64 run = 0;
                for (qint64 i = 0; i <= hi - lo + 1; ++i) {
                    const bool hit = i <= hi - lo && (want == 1 ? buys.contains(double(lo + i)) : sells.contains(double(lo + i)));
                    if (hit) {
                        ++run;
                    } else {
                        if (run >= 3)
                            stacked.append(QJsonArray{double(lo + i - run), double(lo + i - 1), want == 1 ? "BUY" : "SELL", int(run)});
                        run = 0;
                    }
                }
            }
            QCOMPARE(g["buyImbalances"].toArray(), buys);
            QCOMPARE(g["sellImbalances"].toArray(), sells);
            QJsonArray zones = g["stacked"].toArray();
            QCOMPARE(zones.size(), stacked.size());
            for (const QJsonValue &z : stacked) {
                bool found = false;
                for (const QJsonValue &y : zones) {
                    const QJsonArray ya = y.toArray();
                    found = found || (ya[0] == z.toArray()[0] && ya[1] == z.toArray()[1] && ya[2] == z.toArray()[2] &&
                                      ya[3].toInt() == z.toArray()[3].toInt());
                }
                QVERIFY2(found, qPrintable(QJsonDocument(z.toArray()).toJson(QJsonDocument::Compact)));
            }
            totalBuy += int(buys.size());
            totalZones += int(stacked.size());
        }
        qInfo("5m bars %d, buy imbalances %d, stacked zones %d at %lld ticks per row", int(got.size()), totalBuy,
              totalZones, kK);
    }
};

QTEST_MAIN(TestReportRows)
#include "test_report_rows.moc"
