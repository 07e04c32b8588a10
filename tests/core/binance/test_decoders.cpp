// FrameDecoder on spec frames (binance.md §2, §4): every event type, envelope handling, exclusion
// of non-MARKET trades. Bad frames and fuzzing are in test_bad_frames.cpp, ExchangeInfo and the
// recorded captures in test_decoders_recorded.cpp.
#include "DecoderTestSupport.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace decodertest;


class TestDecoders : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aggTrade();
    void aggTradeCombinedAnyOrder();
    void rawTrade();
    void tradeExcludedByX();
    void depthDiff();
    void depthPartialByStream_data();
    void depthPartialByStream();
    void depthSnapshot();
    void markPrice();
    void forceOrder();
    void kline();
    void ignoredFrames();
    void unknownType();
    void lastErrorNamesTheProblem();
    void inPlaceMatchesCopy();
};

void TestDecoders::aggTrade()
{
    co::FrameDecoder dec;
    co::MarketEvent ev;
    QCOMPARE(dec.decode(sv(kAggTradeSpec), ev), DecodeResult::Event);
    const auto *t = std::get_if<co::Trade>(&ev.payload);
    QVERIFY(t);
    QCOMPARE(symbolOf(ev), QByteArray("BTCUSDT"));
    QCOMPARE(t->id, int64_t(5933014));
    QCOMPARE(t->timeMs, int64_t(123456785));
    QCOMPARE(t->price, int64_t(100'000));          // "0.001"
    QCOMPARE(t->qty, int64_t(10'000'000'000));     // "100"; nq is ignored
    QVERIFY(t->buyerMaker);
    QCOMPARE(t->source, co::TradeSource::AggTrade);
    QCOMPARE(dec.stats().frames, uint64_t(1));
    QCOMPARE(dec.stats().decoded, uint64_t(1));
}

void TestDecoders::aggTradeCombinedAnyOrder()
{
    const QByteArray dataFirst =
        R"({"data":{"m":false,"T":1626992741421,"l":23961322,"f":23961322,"q":"10","p":"1.01100","s":"ctkusdt","a":16599292,"E":1626992741575,"e":"aggTrade","zz":{"x":[1,2,{"y":null}]}},"stream":"ctkusdt@aggTrade","extra":[1]})";
    co::FrameDecoder dec;
    for (const QByteArray &frame : {kAggTradeCombined, dataFirst}) {
        co::MarketEvent ev;
        QCOMPARE(dec.decode(sv(frame), ev), DecodeResult::Event);
        const auto *t = std::get_if<co::Trade>(&ev.payload);
        QVERIFY(t);
        QCOMPARE(symbolOf(ev), QByteArray("CTKUSDT")); // upper-cased
        QCOMPARE(t->id, int64_t(16599292));
        QCOMPARE(t->timeMs, int64_t(1626992741421));
        QCOMPARE(t->price, int64_t(101'100'000));
        QCOMPARE(t->qty, int64_t(1'000'000'000));
        QVERIFY(!t->buyerMaker);
        QVERIFY(t->takerBuy());
    }
    QCOMPARE(dec.stats().decoded, uint64_t(2));
}

void TestDecoders::rawTrade()
{
    co::FrameDecoder dec;
    co::MarketEvent ev;
    QCOMPARE(dec.decode(sv(kTradeCombined), ev), DecodeResult::Event);
    const auto *t = std::get_if<co::Trade>(&ev.payload);
    QVERIFY(t);
    QCOMPARE(t->id, int64_t(5182006711)); // above 2^32
    QCOMPARE(t->timeMs, int64_t(1721347202812));
    QCOMPARE(t->price, int64_t(6'396'000'000'000)); // "63960.00"
    QCOMPARE(t->qty, int64_t(31'000'000));          // "0.310"
    QVERIFY(!t->buyerMaker);
    QCOMPARE(t->source, co::TradeSource::Trade);

    // No X at all (older recordings): a market trade.
    const QByteArray noX = R"({"e":"trade","E":1,"T":2,"s":"BTCUSDT","t":7,"p":"1.5","q":"2","m":true})";
    QCOMPARE(dec.decode(sv(noX), ev), DecodeResult::Event);
    QCOMPARE(std::get<co::Trade>(ev.payload).id, int64_t(7));
}

void TestDecoders::tradeExcludedByX()
{
    const QByteArray insurance =
        R"({"stream":"btcusdt@trade","data":{"e":"trade","E":1721347202813,"T":1721347202812,"s":"BTCUSDT","t":5182006712,"p":"63960.00","q":"0.310","X":"INSURANCE_FUND","m":false}})";
    const QByteArray adl = R"({"e":"trade","E":1,"T":2,"s":"BTCUSDT","X":"ADL","t":8,"p":"1","q":"1","m":true})";
    co::FrameDecoder dec;
    co::MarketEvent ev;
    QCOMPARE(dec.decode(sv(insurance), ev), DecodeResult::Excluded);
    QCOMPARE(dec.decode(sv(insurance), ev), DecodeResult::Excluded);
    QCOMPARE(dec.decode(sv(adl), ev), DecodeResult::Excluded);
    const auto *ex = std::get_if<co::ExcludedTrade>(&ev.payload); // counted per symbol downstream
    QVERIFY(ex);
    QCOMPARE(ex->type(), std::string_view("ADL"));
    QCOMPARE(ex->id, int64_t(8));
    QCOMPARE(ev.symbol.view(), std::string_view("BTCUSDT"));
    QCOMPARE(dec.stats().excluded.at("INSURANCE_FUND"), uint64_t(2));
    QCOMPARE(dec.stats().excluded.at("ADL"), uint64_t(1));
    QCOMPARE(dec.stats().decoded, uint64_t(0));
    // X belongs to raw trades only; an aggTrade carrying it is still a trade.
    QByteArray agg = kAggTradeSpec;
    agg.replace(R"("m":true)", R"("m":true,"X":"ADL")");
    QCOMPARE(dec.decode(sv(agg), ev), DecodeResult::Event);
}

void TestDecoders::depthDiff()
{
    co::FrameDecoder dec;
    co::MarketEvent ev;
    QCOMPARE(dec.decode(sv(kDepthSpec), ev), DecodeResult::Event);
    const auto *d = std::get_if<co::DepthUpdate>(&ev.payload);
    QVERIFY(d);
    QCOMPARE(symbolOf(ev), QByteArray("BTCUSDT"));
    QVERIFY(!d->partial); // raw frame: diff
    QCOMPARE(d->eventMs, int64_t(123456789));
    QCOMPARE(d->txMs, int64_t(123456788));
    QCOMPARE(d->firstId, int64_t(157));
    QCOMPARE(d->lastId, int64_t(160));
    QCOMPARE(d->prevLastId, int64_t(149));
    QCOMPARE(d->bids.size(), size_t(1));
    QCOMPARE(d->bids[0].price, int64_t(240'000));
    QCOMPARE(d->bids[0].qty, int64_t(1'000'000'000));
    QCOMPARE(d->asks.size(), size_t(1));
    QCOMPARE(d->asks[0].price, int64_t(260'000));
    QCOMPARE(d->asks[0].qty, int64_t(10'000'000'000));

    // The same MarketEvent again: vectors are replaced, not appended to.
    QCOMPARE(dec.decode(sv(kDepthCombined), ev), DecodeResult::Event);
    d = std::get_if<co::DepthUpdate>(&ev.payload);
    QVERIFY(d);
    QCOMPARE(symbolOf(ev), QByteArray("SUSHIUSDT"));
    QCOMPARE(d->firstId, int64_t(600859599090));
    QCOMPARE(d->lastId, int64_t(600859600917));
    QCOMPARE(d->prevLastId, int64_t(600859598061));
    QCOMPARE(d->bids.size(), size_t(3));
    QCOMPARE(d->bids[1].price, int64_t(760'900'000));
    QCOMPARE(d->bids[1].qty, int64_t(0)); // "0" removes the level
    QCOMPARE(d->asks.size(), size_t(2));
    QCOMPARE(d->asks[1].qty, int64_t(328'400'000'000));
    QVERIFY(!d->partial);
}

void TestDecoders::depthPartialByStream_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<bool>("partial");
    QTest::newRow("@depth") << QByteArray("btcusdt@depth") << false;
    QTest::newRow("@depth@100ms") << QByteArray("btcusdt@depth@100ms") << false;
    QTest::newRow("@depth@0ms") << QByteArray("btcusdt@depth@0ms") << false;
    QTest::newRow("@depth@500ms") << QByteArray("btcusdt@depth@500ms") << false;
    QTest::newRow("@depth5") << QByteArray("btcusdt@depth5") << true;
    QTest::newRow("@depth10@100ms") << QByteArray("btcusdt@depth10@100ms") << true;
    QTest::newRow("@depth20@500ms") << QByteArray("btcusdt@depth20@500ms") << true;
}

void TestDecoders::depthPartialByStream()
{
    QFETCH(QByteArray, stream);
    QFETCH(bool, partial);
    const QByteArray streamFirst = R"({"stream":")" + stream + R"(","data":)" + kDepthSpec + "}";
    const QByteArray dataFirst = R"({"data":)" + kDepthSpec + R"(,"stream":")" + stream + R"("})";
    co::FrameDecoder dec;
    for (const QByteArray &frame : {streamFirst, dataFirst}) {
        co::MarketEvent ev;
        QCOMPARE(dec.decode(sv(frame), ev), DecodeResult::Event);
        const auto *d = std::get_if<co::DepthUpdate>(&ev.payload);
        QVERIFY(d);
        QCOMPARE(d->partial, partial);
        QCOMPARE(d->lastId, int64_t(160));
    }
}

void TestDecoders::depthSnapshot()
{
    co::FrameDecoder dec;
    co::MarketEvent ev;
    QCOMPARE(dec.decode(sv(kSnapshotSpec), ev, "BTCUSDT"), DecodeResult::Event);
    const auto *s = std::get_if<co::DepthSnapshot>(&ev.payload);
    QVERIFY(s);
    QCOMPARE(symbolOf(ev), QByteArray("BTCUSDT")); // from fallbackSymbol
    QCOMPARE(s->lastUpdateId, int64_t(1027024));
    QCOMPARE(s->eventMs, int64_t(1589436922972));
    QCOMPARE(s->txMs, int64_t(1589436922959));
    QCOMPARE(s->bids.size(), size_t(1));
    QCOMPARE(s->bids[0].price, int64_t(400'000'000));
    QCOMPARE(s->bids[0].qty, int64_t(43'100'000'000));
    QCOMPARE(s->asks[0].price, int64_t(400'000'200));
    QCOMPARE(s->asks[0].qty, int64_t(1'200'000'000));

    // E and T are optional; field order does not matter.
    const QByteArray bare = R"({"asks":[],"bids":[["1.5","2"],["1.4","3"]],"lastUpdateId":5123107852948})";
    QCOMPARE(dec.decode(sv(bare), ev, "ethusdt"), DecodeResult::Event);
    s = std::get_if<co::DepthSnapshot>(&ev.payload);
    QVERIFY(s);
    QCOMPARE(symbolOf(ev), QByteArray("ETHUSDT"));
    QCOMPARE(s->lastUpdateId, int64_t(5123107852948));
    QCOMPARE(s->eventMs, int64_t(0));
    QCOMPARE(s->bids.size(), size_t(2));
    QVERIFY(s->asks.empty());
}

void TestDecoders::markPrice()
{
    co::FrameDecoder dec;
    co::MarketEvent ev;
    const QByteArray combined = R"({"stream":"btcusdt@markPrice@1s","data":)" + kMarkPriceSpec + "}";
    for (const QByteArray &frame : {kMarkPriceSpec, combined}) {
        QCOMPARE(dec.decode(sv(frame), ev), DecodeResult::Event);
        const auto *m = std::get_if<co::MarkPrice>(&ev.payload);
        QVERIFY(m);
        QCOMPARE(symbolOf(ev), QByteArray("BTCUSDT"));
        QCOMPARE(m->eventMs, int64_t(1562305380000));
        QCOMPARE(m->markPrice, int64_t(1'179'415'000'000));
        QCOMPARE(m->indexPrice, int64_t(1'178'462'659'091));
        QCOMPARE(m->settlePrice, int64_t(1'178'425'641'265));
        QCOMPARE(m->fundingRate, int64_t(38'167)); // "0.00038167"
        QCOMPARE(m->nextFundingMs, int64_t(1562306400000));
    }
    // No funding scheduled: "T":0, "r":"0.00000000" (binance.md §4).
    QByteArray none = kMarkPriceSpec;
    none.replace(R"("r":"0.00038167","T":1562306400000)", R"("r":"0.00000000","T":0,"st":1,"ps":"BTCUSDT")");
    QCOMPARE(dec.decode(sv(none), ev), DecodeResult::Event);
    QCOMPARE(std::get<co::MarkPrice>(ev.payload).fundingRate, int64_t(0));
    QCOMPARE(std::get<co::MarkPrice>(ev.payload).nextFundingMs, int64_t(0));
}

void TestDecoders::forceOrder()
{
    co::FrameDecoder dec;
    co::MarketEvent ev;
    QCOMPARE(dec.decode(sv(kForceOrderSpec), ev), DecodeResult::Event);
    const auto *l = std::get_if<co::Liquidation>(&ev.payload);
    QVERIFY(l);
    QCOMPARE(symbolOf(ev), QByteArray("BTCUSDT"));
    QCOMPARE(l->eventMs, int64_t(1568014460893));
    QCOMPARE(l->tradeMs, int64_t(1568014460893));
    QCOMPARE(l->side, co::Side::Sell); // a long was liquidated
    QCOMPARE(l->price, int64_t(991'000'000'000));
    QCOMPARE(l->avgPrice, int64_t(991'000'000'000));
    QCOMPARE(l->origQty, int64_t(1'400'000));
    QCOMPARE(l->lastFilledQty, int64_t(1'400'000));
    QCOMPARE(l->filledQty, int64_t(1'400'000));

    QByteArray buy = R"({"stream":"!forceOrder@arr","data":)" + kForceOrderSpec + "}";
    buy.replace(R"("S":"SELL")", R"("S":"BUY")");
    buy.replace(R"("z":"0.014")", R"("z":"0.010")");
    QCOMPARE(dec.decode(sv(buy), ev), DecodeResult::Event);
    l = std::get_if<co::Liquidation>(&ev.payload);
    QVERIFY(l);
    QCOMPARE(l->side, co::Side::Buy);
    QCOMPARE(l->filledQty, int64_t(1'000'000));
}

void TestDecoders::kline()
{
    co::FrameDecoder dec;
    co::MarketEvent ev;
    QCOMPARE(dec.decode(sv(kKlineSpec), ev), DecodeResult::Event);
    const auto *k = std::get_if<co::Kline>(&ev.payload);
    QVERIFY(k);
    QCOMPARE(symbolOf(ev), QByteArray("BTCUSDT"));
    QCOMPARE(k->openMs, int64_t(1638747660000));
    QCOMPARE(k->closeMs, int64_t(1638747719999));
    QCOMPARE(k->intervalMs, 60'000);
    QCOMPARE(k->firstTradeId, int64_t(100));
    QCOMPARE(k->lastTradeId, int64_t(200));
    QCOMPARE(k->open, int64_t(100'000));
    QCOMPARE(k->close, int64_t(200'000));
    QCOMPARE(k->high, int64_t(250'000));
    QCOMPARE(k->low, int64_t(150'000));
    QCOMPARE(k->volume, int64_t(100'000'000'000));
    QCOMPARE(k->trades, int64_t(100));
    QVERIFY(!k->closed);
    QCOMPARE(k->quoteVolume, int64_t(100'000'000));
    QCOMPARE(k->takerBuyVolume, int64_t(50'000'000'000));
    QCOMPARE(k->takerBuyQuoteVolume, int64_t(50'000'000));

    QByteArray closed4h = kKlineCombined;
    closed4h.replace(R"("x":false)", R"("x":true)");
    closed4h.replace(R"("i":"1m")", R"("i":"4h")");
    QCOMPARE(dec.decode(sv(closed4h), ev), DecodeResult::Event);
    k = std::get_if<co::Kline>(&ev.payload);
    QVERIFY(k);
    QCOMPARE(symbolOf(ev), QByteArray("CTKUSDT"));
    QVERIFY(k->closed);
    QCOMPARE(k->intervalMs, 4 * 3'600'000);
    QCOMPARE(k->quoteVolume, int64_t(395'789'900'000));
    QCOMPARE(k->trades, int64_t(48));

    QByteArray month = kKlineSpec;
    month.replace(R"("i":"1m")", R"("i":"1M")");
    QCOMPARE(dec.decode(sv(month), ev), DecodeResult::Event);
    QCOMPARE(std::get<co::Kline>(ev.payload).intervalMs, 0); // calendar month: no fixed length
}

void TestDecoders::ignoredFrames()
{
    const QList<QByteArray> frames = {
        kBookTickerCombined,
        R"({"e":"bookTicker","u":400900217,"E":1568014460893,"T":1568014460891,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"})",
        R"({"result":null,"id":1})",
        R"({"id":3,"result":["btcusdt@aggTrade"]})",
        R"({"error":{"code":2,"msg":"Invalid request"},"id":4})",
        R"({"code":2,"msg":"Invalid request: unknown stream"})",
        R"({"stream":"btcusdt@ticker","data":{"e":"24hrTicker","E":1,"s":"BTCUSDT"}})",
    };
    co::FrameDecoder dec;
    for (const QByteArray &frame : frames) {
        co::MarketEvent ev;
        QCOMPARE(dec.decode(sv(frame), ev), DecodeResult::Ignored);
    }
    QCOMPARE(dec.stats().ignored, uint64_t(frames.size()));
    QCOMPARE(dec.stats().frames, uint64_t(frames.size()));
}

void TestDecoders::unknownType()
{
    co::FrameDecoder dec;
    co::MarketEvent ev;
    QCOMPARE(dec.decode(R"({"e":"fancyNewEvent","E":1,"s":"BTCUSDT"})", ev), DecodeResult::UnknownType);
    QCOMPARE(dec.decode(R"({"stream":"x","data":{"E":1,"e":"ACCOUNT_UPDATE"}})", ev), DecodeResult::UnknownType);
    QCOMPARE(dec.stats().unknownType, uint64_t(2));
    QVERIFY2(dec.stats().lastError.find("ACCOUNT_UPDATE") != std::string::npos, dec.stats().lastError.c_str());
}

void TestDecoders::lastErrorNamesTheProblem()
{
    struct Case {
        QByteArray frame;
        DecodeResult result;
        std::vector<std::string> mentions;
    };
    const std::vector<Case> cases = {
        {QByteArray(kAggTradeSpec).replace(R"("p":"0.001",)", ""), DecodeResult::MissingField, {"aggTrade", "'p'"}},
        {QByteArray(kForceOrderSpec).replace(R"("ap":"9910",)", ""), DecodeResult::MissingField, {"forceOrder", "'o.ap'"}},
        {QByteArray(kDepthSpec).replace(R"("b":[["0.0024","10"]])", R"("b":[["x","1"]])"), DecodeResult::Malformed,
         {"depthUpdate", "'b'"}},
        {QByteArray(kTradeCombined).replace(R"("q":"0.310")", R"("q":"0.3.1")"), DecodeResult::Malformed, {"trade", "'q'"}},
        {"{\"e\":", DecodeResult::Malformed, {"malformed"}},
        {"[]", DecodeResult::Malformed, {"not a JSON object"}},
    };
    for (const Case &c : cases) {
        co::FrameDecoder dec;
        co::MarketEvent ev;
        QCOMPARE(dec.decode(sv(c.frame), ev), c.result);
        for (const std::string &m : c.mentions)
            QVERIFY2(dec.stats().lastError.find(m) != std::string::npos, dec.stats().lastError.c_str());
    }
}

void TestDecoders::inPlaceMatchesCopy()
{
    // A frame followed by other bytes in a larger buffer (as a socket buffer would hold it).
    for (const QByteArray &frame : {kAggTradeCombined, kDepthCombined, kKlineCombined}) {
        QByteArray buffer = frame + frame + QByteArray(int(kPadding), '}');
        co::FrameDecoder dec;
        co::MarketEvent inPlace, copied;
        QCOMPARE(dec.decode(std::string_view(buffer.constData(), size_t(frame.size())), size_t(buffer.size()), inPlace),
                 DecodeResult::Event);
        QCOMPARE(dec.decode(sv(frame), 0, copied), DecodeResult::Event);
        QVERIFY(inPlace.symbol == copied.symbol);
        QCOMPARE(inPlace.payload.index(), copied.payload.index());
    }
}

QTEST_APPLESS_MAIN(TestDecoders)
#include "test_decoders.moc"
