// JsonStream and writeKeyLevels against Qt's own writer: the streamed bytes must be those of
// QJsonDocument::toJson for the tree toJson(KeyLevels) builds (compact and indented), whatever
// the size of the pieces handed to the sink.
#include "server/JsonEncoders.h"
#include "server/JsonStream.h"
#include "server/KeyLevelsStream.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <limits>
#include <random>

using co::json::JsonStream;

namespace {

QByteArray qt(const QJsonObject &o, bool indented)
{
    return QJsonDocument(o).toJson(indented ? QJsonDocument::Indented : QJsonDocument::Compact);
}

// Runs write(stream) and returns everything the sink got; pieces flushed every `flushAt` bytes.
template <class Fn> QByteArray streamed(bool indented, size_t flushAt, Fn &&write)
{
    QByteArray out;
    JsonStream js(indented, [&](std::string_view p) { out.append(p.data(), qsizetype(p.size())); }, flushAt);
    write(js);
    js.finish();
    return out;
}

co::FootprintBarResult randomBar(std::mt19937_64 &rng, int i)
{
    auto price = [&] { return double(int64_t(rng() % 1000000) + 600000) / 10.0; };
    auto qty = [&] { return double(rng() % 10000000) / 1000.0; };
    co::FootprintBarResult b;
    b.openTime = 1723161600000 + int64_t(i) * 60000;
    b.trades = i % 7 == 0 ? 0 : int64_t(rng() % 5000);
    b.open = price(), b.high = price(), b.low = price(), b.close = price(), b.poc = price();
    b.volume = qty(), b.buyVolume = qty(), b.sellVolume = qty();
    b.delta = b.buyVolume - b.sellVolume, b.cvd = -qty() * 3.7;
    b.deltaMax = qty(), b.deltaMin = -qty(), b.quoteVolume = qty() * price(), b.vah = price(), b.val = price();
    b.unfinishedHigh = rng() % 2, b.unfinishedLow = rng() % 2;
    b.bigTradeCount = rng() % 40;
    for (size_t n = rng() % 12; n; --n)
        b.buyImbalances.push_back(price());
    for (size_t n = rng() % 12; n; --n)
        b.sellImbalances.push_back(price());
    for (size_t n = rng() % 5; n; --n)
        b.zeroPrints.push_back(price());
    for (size_t n = rng() % 4; n; --n)
        b.stacked.push_back({price(), price(), rng() % 2 ? "BUY" : "SELL", int(rng() % 9) + 3, true});
    if (i % 3 == 0)
        for (size_t n = rng() % 30; n; --n)
            b.rows.push_back({price(), qty(), qty(), int64_t(rng() % 100)});
    return b;
}

co::KeyLevels randomLevels(std::mt19937_64 &rng)
{
    co::KeyLevels k;
    k.symbol = "BTCUSDT";
    k.date = "2024-08-09";
    k.tickSize = 0.1;
    k.trades = 3000000;
    k.volume = 123456.789, k.buyVolume = 60000.5, k.sellVolume = 63456.289;
    k.delta = k.buyVolume - k.sellVolume, k.cvd = -3456.0;
    k.open = 61800.3, k.high = 62000, k.low = 61000.1, k.close = 61500.7;
    k.dPOC = 61808;
    k.sessions.push_back({"tokyo", "00:00", "09:00", 10, 61900.5, 61000.1, 61800.3, 61500, 1.5, 0.5, 1, 0.5, 61700.25, false});
    k.nakedPOCs.push_back({"2024-08-08", 60000.4, -1500.3, -2.4});
    k.quality.source = "replay";
    k.quality.warnings.push_back("quote \" and \\ and \n stay escaped");
    int i = 0;
    for (const char *tf : {"1m", "5m", "15m", "1h", "4h", "1d", "30m"}) {
        auto &bars = k.footprint[tf];
        for (int n = int(rng() % 20); n; --n)
            bars.push_back(randomBar(rng, i++));
    }
    return k;
}

} // namespace

class TestJsonStream : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void containersAndScalars()
    {
        const QJsonObject tree{{"a", QJsonArray{}},
                               {"b", QJsonObject{}},
                               {"c", QJsonArray{1, 2.5, QJsonArray{QJsonObject{}}, "x\ty"}},
                               {"d", QJsonObject{{"e", true}, {"f", false}, {"g", qint64(9007199254740993)}}},
                               {"h", -0.0},
                               {"i", std::numeric_limits<double>::quiet_NaN()}};
        for (bool indented : {false, true})
            for (size_t flushAt : {size_t(1), size_t(1) << 16}) {
                const QByteArray got = streamed(indented, flushAt, [](JsonStream &js) {
                    js.beginObject();
                    js.key("a");
                    js.beginArray();
                    js.endArray();
                    js.key("b");
                    js.beginObject();
                    js.endObject();
                    js.key("c");
                    js.beginArray();
                    js.integer(1);
                    js.number(2.5);
                    js.beginArray();
                    js.beginObject();
                    js.endObject();
                    js.endArray();
                    js.string("x\ty");
                    js.endArray();
                    js.key("d");
                    js.value(QJsonObject{{"e", true}, {"f", false}, {"g", qint64(9007199254740993)}});
                    js.key("h");
                    js.number(-0.0);
                    js.key("i");
                    js.number(std::numeric_limits<double>::quiet_NaN());
                    js.endObject();
                });
                QCOMPARE(got, qt(tree, indented));
            }
    }

    // The spliced member lands in its sorted place: first, between, last.
    void objectWithSplicesInOrder()
    {
        const QJsonObject base{{"b", 1}, {"d", QJsonArray{2, 3}}};
        for (const char *k : {"a", "c", "e"})
            for (bool indented : {false, true}) {
                QJsonObject want = base;
                want.insert(k, QJsonObject{{"x", 1.25}});
                const QByteArray got = streamed(indented, 7, [&](JsonStream &js) {
                    js.objectWith(base, k, [&] {
                        js.beginObject();
                        js.key("x");
                        js.number(1.25);
                        js.endObject();
                    });
                });
                QCOMPARE(got, qt(want, indented));
            }
    }

    // writeKeyLevels == QJsonDocument(toJson(k) + extra), for days of random bars.
    void keyLevelsAsQtWritesThem()
    {
        std::mt19937_64 rng(16);
        for (int round = 0; round < 20; ++round) {
            const co::KeyLevels k = randomLevels(rng);
            QJsonObject extra;
            if (round % 2)
                extra = QJsonObject{{"ticksPerRow", qint64(5)}, {"binSize", 0.5}};
            QJsonObject want = co::toJson(k);
            for (auto it = extra.begin(); it != extra.end(); ++it)
                want.insert(it.key(), it.value());
            const QJsonObject doc{{"days", QJsonArray{want}}};
            for (bool indented : {false, true}) {
                const QByteArray got = streamed(indented, round % 3 ? size_t(1) << 16 : size_t(1), [&](JsonStream &js) {
                    js.beginObject();
                    js.key("days");
                    js.beginArray();
                    co::writeKeyLevels(js, k, extra);
                    js.endArray();
                    js.endObject();
                });
                QVERIFY2(got == qt(doc, indented), qPrintable(QStringLiteral("round %1 indented %2").arg(round).arg(indented)));
            }
        }
    }

    // A day without footprint bars is the encoder's object alone.
    void keyLevelsWithoutFootprint()
    {
        std::mt19937_64 rng(7);
        co::KeyLevels k = randomLevels(rng);
        k.footprint.clear();
        for (bool indented : {false, true}) {
            const QByteArray got = streamed(indented, 1 << 16, [&](JsonStream &js) { co::writeKeyLevels(js, k); });
            QCOMPARE(got, qt(co::toJson(k), indented));
        }
    }
};

QTEST_GUILESS_MAIN(TestJsonStream)
#include "test_json_stream.moc"
