// `crypto-orderflow report` on recorded BTCUSDT data against a naive reference written here:
// its own gzip reading, QJsonDocument parsing and plain loops (no code of the program).
#include "support/SharedData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <zlib.h>

#include <cmath>
#include <map>

namespace {

struct RefTrade {
    qint64 id = 0, time = 0;
    qint64 priceTicks = 0; // price / 0.1
    long double price = 0, qty = 0;
    qint64 qtyMilli = 0;
    bool sell = false;
};

// Decimal string → integer count of 10^-decimals (exact, independent of the program's parser).
qint64 scaled(const QString &s, int decimals)
{
    const int dot = s.indexOf('.');
    QString ip = dot < 0 ? s : s.left(dot), fp = dot < 0 ? QString() : s.mid(dot + 1);
    while (fp.size() < decimals)
        fp += '0';
    for (int i = decimals; i < fp.size(); ++i)
        if (fp[i] != '0')
            qFatal("value %s finer than 10^-%d", qPrintable(s), decimals);
    return ip.toLongLong() * qint64(std::pow(10, decimals)) + fp.left(decimals).toLongLong();
}

QList<RefTrade> readTrades(const QStringList &files)
{
    QList<RefTrade> out;
    for (const QString &f : files) {
        gzFile gz = gzopen(f.toLocal8Bit().constData(), "rb");
        if (!gz)
            qFatal("cannot open %s", qPrintable(f));
        QByteArray line;
        char buf[1 << 16];
        while (gzgets(gz, buf, sizeof buf)) {
            line += buf;
            if (!line.endsWith('\n'))
                continue;
            if (line.contains("\"e\":\"trade\"")) {
                const QJsonObject d = QJsonDocument::fromJson(line.mid(line.indexOf('{'))).object()["data"].toObject();
                RefTrade t;
                t.id = d["t"].toInteger();
                t.time = d["T"].toInteger();
                t.priceTicks = scaled(d["p"].toString(), 1);
                t.price = (long double)scaled(d["p"].toString(), 2) / 100;
                t.qtyMilli = scaled(d["q"].toString(), 3);
                t.qty = (long double)t.qtyMilli / 1000;
                t.sell = d["m"].toBool();
                out.append(t);
            }
            line.clear();
        }
        gzclose(gz);
    }
    std::sort(out.begin(), out.end(), [](const RefTrade &a, const RefTrade &b) { return a.id < b.id; });
    return out;
}

struct RefDay {
    qint64 trades = 0;
    long double volume = 0, buy = 0, sell = 0, pq = 0;
    double open = 0, high = -1, low = 1e18, close = 0;
    std::map<qint64, qint64> profile; // tick row → volume in 0.001 units (exact ties)
    double poc = 0, vah = 0, val = 0;
    long double tokyoHigh = -1, tokyoLow = 1e18;
    qint64 tokyoTrades = 0;
};

// Value area per indicators.md §2, written from the text: dual rows, ties above.
void valueArea(RefDay &d)
{
    const qint64 lo = d.profile.begin()->first, hi = d.profile.rbegin()->first;
    std::vector<qint64> v;
    for (qint64 r = lo; r <= hi; ++r)
        v.push_back(d.profile.count(r) ? d.profile.at(r) : 0);
    const int n = int(v.size());
    int poc = 0;
    for (int k = 1; k < n; ++k) {
        const int dk = std::abs(2 * k - (n - 1)), dp = std::abs(2 * poc - (n - 1));
        if (v[k] > v[poc] || (v[k] == v[poc] && dk < dp))
            poc = k;
    }
    qint64 total = 0;
    for (qint64 x : v)
        total += x;
    int a = poc, b = poc;
    qint64 vol = v[poc];
    while (vol * 10 < 7 * total) {
        qint64 up = 0, down = 0;
        int nu = 0, nd = 0;
        for (int i = 1; i <= 2 && b + i < n; ++i, ++nu)
            up += v[b + i];
        for (int i = 1; i <= 2 && a - i >= 0; ++i, ++nd)
            down += v[a - i];
        if (!nu && !nd)
            break;
        if (nu && (!nd || up >= down)) {
            b += nu;
            vol += up;
        } else {
            a -= nd;
            vol += down;
        }
    }
    d.poc = double(lo + poc) / 10;
    d.vah = double(lo + b) / 10;
    d.val = double(lo + a) / 10;
}

std::map<QString, RefDay> reference(const QList<RefTrade> &trades)
{
    std::map<QString, RefDay> days;
    for (const RefTrade &t : trades) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(t.time, QTimeZone::utc());
        RefDay &d = days[at.date().toString(Qt::ISODate)];
        if (d.trades == 0)
            d.open = double(t.price);
        d.close = double(t.price);
        d.high = std::max(d.high, double(t.price));
        d.low = std::min(d.low, double(t.price));
        ++d.trades;
        d.volume += t.qty;
        (t.sell ? d.sell : d.buy) += t.qty;
        d.pq += t.price * t.qty;
        d.profile[t.priceTicks] += t.qtyMilli;
        if (at.time().hour() < 9) {
            ++d.tokyoTrades;
            d.tokyoHigh = std::max(d.tokyoHigh, t.price);
            d.tokyoLow = std::min(d.tokyoLow, t.price);
        }
    }
    for (auto &[date, d] : days)
        valueArea(d);
    return days;
}

QJsonArray runReport(const QStringList &files, const QStringList &extra = {})
{
    QProcess p;
    p.start(CO_APP_PATH, QStringList{"report", "--replay"} + files + QStringList{"--symbol", "BTCUSDT"} + extra);
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        qFatal("report failed: %s", p.readAllStandardError().constData());
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object()["days"].toArray();
}

bool near(double a, long double b, long double rel = 1e-12L) { return std::fabs((long double)a - b) <= rel * std::fabs(b) + 1e-12L; }

} // namespace

class TestReportReplay : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void twoDaysAcrossMidnight()
    {
        CO_REQUIRE_SHARED_FILE(f1, "hftbacktest/btcusdt_20240718.gz");
        CO_REQUIRE_SHARED_FILE(f2, "hftbacktest/btcusdt_20240719.gz");
        const auto ref = reference(readTrades({f1, f2}));
        QCOMPARE(ref.size(), size_t(2));
        const QJsonArray days = runReport({f1, f2}, {"--timeframe", "5m"});
        QCOMPARE(days.size(), 2);
        const QJsonObject *prev = nullptr;
        QJsonObject prevObj;
        for (const QJsonValue &v : days) {
            const QJsonObject o = v.toObject();
            const QString date = o["date"].toString();
            QVERIFY2(ref.count(date), qPrintable(date));
            const RefDay &r = ref.at(date);
            QCOMPARE(o["trades"].toInteger(), r.trades);
            QVERIFY(near(o["volume"].toDouble(), r.volume));
            QVERIFY(near(o["buyVolume"].toDouble(), r.buy));
            QVERIFY(near(o["sellVolume"].toDouble(), r.sell));
            QVERIFY2(near(o["dVWAP"].toDouble(), r.pq / r.volume),
                     qPrintable(QString::number(o["dVWAP"].toDouble(), 'g', 17)));
            QCOMPARE(o["open"].toDouble(), r.open);
            QCOMPARE(o["high"].toDouble(), r.high);
            QCOMPARE(o["low"].toDouble(), r.low);
            QCOMPARE(o["close"].toDouble(), r.close);
            QCOMPARE(o["dPOC"].toDouble(), r.poc);
            QCOMPARE(o["dVAH"].toDouble(), r.vah);
            QCOMPARE(o["dVAL"].toDouble(), r.val);
            const QJsonObject tokyo = o["sessions"].toObject()["tokyo"].toObject();
            QCOMPARE(tokyo["trades"].toInteger(), r.tokyoTrades);
            if (r.tokyoTrades) {
                QCOMPARE(tokyo["high"].toDouble(), double(r.tokyoHigh));
                QCOMPARE(tokyo["low"].toDouble(), double(r.tokyoLow));
            } else {
                QVERIFY(!tokyo.contains("high")); // no trades → no prices
            }
            // 5m bars add up to the day.
            long double barVol = 0;
            for (const QJsonValue &b : o["footprint"].toObject()["5m"].toObject()["bars"].toArray())
                barVol += b.toObject()["volume"].toDouble();
            QVERIFY(near(double(barVol), r.volume, 1e-9L));
            if (prev) { // the prior day's values after the rollover
                QCOMPARE(o["pdPOC"].toDouble(), (*prev)["dPOC"].toDouble());
                QCOMPARE(o["pdVAH"].toDouble(), (*prev)["dVAH"].toDouble());
                QCOMPARE(o["pdVAL"].toDouble(), (*prev)["dVAL"].toDouble());
                QCOMPARE(o["pdVWAP"].toDouble(), (*prev)["dVWAP"].toDouble());
                QCOMPARE(o["pdHigh"].toDouble(), (*prev)["high"].toDouble());
                QCOMPARE(o["pdLow"].toDouble(), (*prev)["low"].toDouble());
                QCOMPARE(o["pdClose"].toDouble(), (*prev)["close"].toDouble());
                // Naked POC: the prior POC is naked iff today's trades never reached it.
                const double pdPoc = (*prev)["dPOC"].toDouble();
                const bool naked = pdPoc < r.low || pdPoc > r.high;
                QCOMPARE(o["nakedPOCs"].toArray().size(), naked ? 1 : 0);
            } else {
                QVERIFY(!o.contains("pdPOC"));
            }
            QCOMPARE(o["dataQuality"].toObject()["tradeSource"].toString(), QStringLiteral("trade"));
            QCOMPARE(o["dataQuality"].toObject()["tickSource"].toString(), QStringLiteral("inferred"));
            prevObj = o;
            prev = &prevObj;
        }
    }
    void busyDayWithExchangeInfo()
    {
        CO_REQUIRE_SHARED_FILE(f, "hftbacktest/btcusdt_20240808.gz");
        CO_REQUIRE_SHARED_FILE(ex, "nautilus_trader/http_futures_market_exchange_info.json");
        const auto ref = reference(readTrades({f}));
        const QJsonArray days = runReport({f}, {"--date", "2024-08-08", "--exchange-info", ex, "--timeframe", "1m", "--rows"});
        QCOMPARE(days.size(), 1);
        const QJsonObject o = days[0].toObject();
        const RefDay &r = ref.at("2024-08-08");
        QCOMPARE(o["trades"].toInteger(), r.trades);
        QVERIFY(near(o["dVWAP"].toDouble(), r.pq / r.volume));
        QCOMPARE(o["dPOC"].toDouble(), r.poc);
        QCOMPARE(o["dVAH"].toDouble(), r.vah);
        QCOMPARE(o["dVAL"].toDouble(), r.val);
        QCOMPARE(o["tickSize"].toDouble(), 0.1);
        QCOMPARE(o["dataQuality"].toObject()["tickSource"].toString(), QStringLiteral("exchangeInfo"));
        // Per-row bid × ask of the 1m bars add up to the day profile.
        std::map<qint64, long double> rows;
        for (const QJsonValue &b : o["footprint"].toObject()["1m"].toObject()["bars"].toArray())
            for (const QJsonValue &row : b.toObject()["rows"].toArray()) {
                const QJsonArray a = row.toArray();
                rows[qRound64(a[0].toDouble() * 10)] += a[1].toDouble() + a[2].toDouble();
            }
        for (const auto &[tick, vol] : r.profile)
            QVERIFY(std::fabs(double(rows[tick]) - double(vol) / 1000) < 1e-9);
    }
    void excludedTradesAreCounted()
    {
        // Raw trades with X other than MARKET stay out of the levels and are counted (spec §0).
        QTemporaryDir dir;
        QFile f(dir.filePath("trades.txt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        const char *frame = R"(1 {"stream":"btcusdt@trade","data":{"e":"trade","E":1,"T":%1,"s":"BTCUSDT","t":%2,"p":"%3","q":"1.000","X":"%4","m":false}})";
        f.write(QString(frame).arg(1723161000000).arg(1).arg("100.0").arg("MARKET").toUtf8() + "\n");
        f.write(QString(frame).arg(1723161000001).arg(2).arg("90.0").arg("INSURANCE_FUND").toUtf8() + "\n");
        f.write(QString(frame).arg(1723161000002).arg(3).arg("100.5").arg("MARKET").toUtf8() + "\n");
        f.close();
        const QJsonObject o = runReport({f.fileName()})[0].toObject();
        QCOMPARE(o["trades"].toInteger(), 2);
        QCOMPARE(o["low"].toDouble(), 100.0);
        QCOMPARE(o["dataQuality"].toObject()["excluded"].toObject()["INSURANCE_FUND"].toInteger(), 1);
        QCOMPARE(o["tickSize"].toDouble(), 0.5); // gcd of 100.0 and 100.5
    }
    void badArguments()
    {
        QProcess p;
        p.start(CO_APP_PATH, {"report", "--replay", "/nonexistent.gz", "--symbol", "BTCUSDT"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("/nonexistent.gz"));
        p.start(CO_APP_PATH, {"report", "--replay", "x.gz", "--symbol", "BTCUSDT", "--timeframe", "2m"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("--timeframe"));
        p.setProcessEnvironment([] {
            auto e = QProcessEnvironment::systemEnvironment();
            e.insert("VALUE_AREA_PERCENT", "170");
            return e;
        }());
        p.start(CO_APP_PATH, {"report", "--replay", "x.gz", "--symbol", "BTCUSDT"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("VALUE_AREA_PERCENT"));
    }
};

QTEST_GUILESS_MAIN(TestReportReplay)
#include "test_report_replay.moc"
