// The one aggTrades CSV/zip reader (core/archive): the row parser, strict mode (an import stops at
// a bad row, naming file and line) and lenient mode (a replay counts and skips it), plain, zip and
// gzipped CSV.
#include "archive/AggTradeFile.h"

#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

using namespace co;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

bool writeGzip(const QString &path, const QByteArray &bytes)
{
    gzFile f = gzopen(path.toLocal8Bit().constData(), "wb");
    if (!f)
        return false;
    const bool ok = gzwrite(f, bytes.constData(), unsigned(bytes.size())) == int(bytes.size());
    return gzclose(f) == Z_OK && ok;
}

const QByteArray kRows = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n"
                         "1,100.5,0.25,1,2,1743465600000,true\n"
                         "2,oops,0.25,3,3,1743465600001,false\n"
                         "3,101,1,4,4,1743465600002,false\n";

std::vector<Trade> readAll(AggTradeFile &f)
{
    std::vector<Trade> out;
    while (f.read(out, 2)) {
    }
    return out;
}

} // namespace

class TestAggTradeFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void csvRowParser()
    {
        Trade t;
        QVERIFY(parseAggTradeCsvRow("2639201000,83624.5,0.004,6187001000,6187001000,1743465600008,true\r", t));
        QCOMPARE(t.id, int64_t(2639201000));
        QCOMPARE(t.price, int64_t(8362450000000));
        QCOMPARE(t.qty, int64_t(400000));
        QCOMPARE(t.timeMs, int64_t(1743465600008));
        QCOMPARE(t.buyerMaker, true);
        QCOMPARE(t.source, TradeSource::AggTrade);
        QVERIFY(parseAggTradeCsvRow("7,0.00001234,100,8,8,1743465600123456,False", t)); // µs, Spot-style bool
        QCOMPARE(t.timeMs, int64_t(1743465600123));
        QCOMPARE(t.price, int64_t(1234));
        QCOMPARE(t.buyerMaker, false);
        QVERIFY(parseAggTradeCsvRow("7,1,1,8,8,1743465600123,TRUE", t));
        QCOMPARE(t.buyerMaker, true);

        const char *bad[] = {
            "",
            "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker",
            "1,83624.5,0.1,1,1,1743465600008",            // 6 fields
            "1,83624.5,0.1,1,1,1743465600008,true,true",  // 8 fields
            "1,83624.5,0.1,1,1,1743465600008,yes",
            "1,83624.5,0.1,1,1,1743465600008,",
            "-1,83624.5,0.1,1,1,1743465600008,true",
            "x,83624.5,0.1,1,1,1743465600008,true",
            "1,1.000000001,0.1,1,1,1743465600008,true",   // beyond 8 decimals
            "1,1e3,0.1,1,1,1743465600008,true",
            "1,0,0.1,1,1,1743465600008,true",
            "1,83624.5,,1,1,1743465600008,true",
            "1,83624.5,0.1,5,4,1743465600008,true",       // first > last trade id
            "1,83624.5,0.1,1,1,1743465600,true",          // seconds: unexpected unit
            "1,83624.5,0.1,1,1,1743465600008000000,true", // ns: unexpected unit
            "1,83624.5,0.1,1,1,99999999999999999999,true",
            "1, 83624.5,0.1,1,1,1743465600008,true",
        };
        for (const char *row : bad)
            QVERIFY2(!parseAggTradeCsvRow(row, t), row);

        QVERIFY(isCsvHeader("agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker"));
        QVERIFY(isCsvHeader("\xEF\xBB\xBF" "agg_trade_id,price"));
        QVERIFY(!isCsvHeader("2639201000,83624.5,0.004,6187001000,6187001000,1743465600008,true"));
        QVERIFY(!isCsvHeader("2639201000"));
    }

    void strictStopsAtTheBadRow()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("BTCUSDT-aggTrades-2025-04-01.csv");
        QVERIFY(writeFile(path, kRows));
        AggTradeFile f(AggTradeFile::Mode::Strict);
        QVERIFY(f.open(path, nullptr));
        const std::vector<Trade> got = readAll(f);
        QCOMPARE(got.size(), size_t(1));
        QVERIFY2(f.error().contains("line 3") && f.error().contains("BTCUSDT-aggTrades-2025-04-01.csv"), qPrintable(f.error()));
        QVERIFY(f.hadHeader());
    }

    void lenientCountsAndSkips()
    {
        QTemporaryDir dir;
        const QString plain = dir.filePath("a.csv"), gz = dir.filePath("b.csv");
        QVERIFY(writeFile(plain, kRows));
        QVERIFY(writeGzip(gz, kRows)); // a gzipped CSV reads the same
        for (const QString &path : {plain, gz}) {
            AggTradeFile f(AggTradeFile::Mode::Lenient);
            QVERIFY(f.open(path, nullptr));
            const std::vector<Trade> got = readAll(f);
            QVERIFY2(f.error().isEmpty(), qPrintable(f.error()));
            QCOMPARE(got.size(), size_t(2));
            QCOMPARE(got[0].id, int64_t(1));
            QCOMPARE(got[0].price, int64_t(10'050'000'000));
            QCOMPARE(got[1].id, int64_t(3));
            QCOMPARE(f.rows(), int64_t(3));
            QCOMPARE(f.badRows(), int64_t(1));
            QCOMPARE(f.line(), int64_t(4));
            QVERIFY(f.atEnd());
        }
    }

    void truncatedGzipIsAnError()
    {
        QTemporaryDir dir;
        QByteArray rows;
        for (int i = 1; i <= 20000; ++i)
            rows += QByteArray::number(i) + ",100,1," + QByteArray::number(i) + "," + QByteArray::number(i) + ",1743465600000,true\n";
        const QString full = dir.filePath("full.csv"), cut = dir.filePath("cut.csv");
        QVERIFY(writeGzip(full, rows));
        QFile in(full);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QVERIFY(writeFile(cut, in.readAll().chopped(100)));
        AggTradeFile f(AggTradeFile::Mode::Lenient);
        QVERIFY(f.open(cut, nullptr));
        const std::vector<Trade> got = readAll(f);
        QVERIFY(got.size() < 20000);
        QVERIFY2(!f.error().isEmpty(), "a cut gzip stream must be reported");
    }
};

QTEST_GUILESS_MAIN(TestAggTradeFile)
#include "test_aggtrade_file.moc"
