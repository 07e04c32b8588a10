// The in-order reading of combined aggTrade frames (Binance's field order, "m" last) against the
// general field loop: the same trade when the order holds, the loop's answer (and error text) when
// it does not. Values are the frame's own digits, worked by hand.
#include "DecoderTestSupport.h"

#include <QtTest>

using namespace decodertest;

namespace {
const QByteArray kInOrder =
    R"({"stream":"ctkusdt@aggTrade","data":{"e":"aggTrade","E":1626992741575,"a":16599292,"s":"ctkusdt","p":"1.01100","q":"10","f":23961322,"l":23961322,"T":1626992741421,"m":true}})";

QByteArray with(QByteArray frame, const char *from, const char *to) { return frame.replace(from, to); }
} // namespace

class TestDecodersInOrder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // In order, "m" not last (a field after it), "s" after "p": each gives the same trade.
    void sameTradeInAnyLayout()
    {
        const QList<QByteArray> frames = {
            kInOrder, with(kInOrder, R"("m":true})", R"("m":true,"zz":{"x":[1]}})"),
            with(kInOrder, R"("s":"ctkusdt","p":"1.01100")", R"("p":"1.01100","s":"ctkusdt")"),
            with(kInOrder, R"("E":1626992741575,)", "")};
        co::FrameDecoder dec;
        for (const QByteArray &frame : frames) {
            co::MarketEvent ev;
            QCOMPARE(dec.decode(sv(frame), ev), DecodeResult::Event);
            const auto *t = std::get_if<co::Trade>(&ev.payload);
            QVERIFY(t);
            QCOMPARE(symbolOf(ev), QByteArray("CTKUSDT"));
            QCOMPARE(t->id, int64_t(16599292));
            QCOMPARE(t->timeMs, int64_t(1626992741421));
            QCOMPARE(t->price, int64_t(101'100'000)); // 1.011 × 1e8
            QCOMPARE(t->qty, int64_t(1'000'000'000)); // 10 × 1e8
            QVERIFY(t->buyerMaker);
            QCOMPARE(t->source, co::TradeSource::AggTrade);
        }
        QCOMPARE(dec.stats().decoded, uint64_t(frames.size()));
    }

    // A bad or missing field in Binance's order is reported as the field loop reports it.
    void errorsAsTheLoopSaysThem_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<DecodeResult>("result");
        QTest::addColumn<QString>("error");
        QTest::newRow("price number") << with(kInOrder, R"("1.01100")", "1.011") << DecodeResult::Malformed
                                      << "aggTrade: bad value for field 'p'";
        QTest::newRow("m text") << with(kInOrder, R"("m":true)", R"("m":"true")") << DecodeResult::Malformed
                                << "aggTrade: bad value for field 'm'";
        QTest::newRow("no T") << with(kInOrder, R"("T":1626992741421,)", "") << DecodeResult::MissingField
                              << "aggTrade: missing required field 'T'";
        QTest::newRow("no s, no a") << with(with(kInOrder, R"("s":"ctkusdt",)", ""), R"("a":16599292,)", "")
                                    << DecodeResult::MissingField << "aggTrade: missing required field 's'";
        QTest::newRow("garbage after m") << with(kInOrder, R"("m":true})", R"("m":true,})") << DecodeResult::Malformed
                                         << "";
    }
    void errorsAsTheLoopSaysThem()
    {
        QFETCH(QByteArray, frame);
        QFETCH(DecodeResult, result);
        QFETCH(QString, error);
        co::FrameDecoder dec;
        co::MarketEvent ev;
        QCOMPARE(dec.decode(sv(frame), ev), result);
        if (!error.isEmpty())
            QCOMPARE(QString::fromStdString(dec.stats().lastError), error);
        QCOMPARE(dec.decode(sv(kInOrder), ev), DecodeResult::Event); // still usable
    }
};

QTEST_GUILESS_MAIN(TestDecodersInOrder)
#include "test_decoders_in_order.moc"
