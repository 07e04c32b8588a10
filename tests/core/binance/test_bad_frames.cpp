// FrameDecoder on bad input (binance.md §2): a table of malformed, truncated and mistyped frames,
// each counted under its reason and never an event; prefixes and byte mutations of good frames.
#include "DecoderTestSupport.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace decodertest;

class TestBadFrames : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void badFrames_data();
    void badFrames();
    void prefixAndMutationFuzz();
};

void TestBadFrames::badFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<DecodeResult>("expected");
    const auto M = DecodeResult::Malformed;
    const auto F = DecodeResult::MissingField;
    auto row = [](const char *name, const QByteArray &frame, DecodeResult r) { QTest::newRow(name) << frame << r; };

    row("empty", "", M);
    row("spaces", "   \n", M);
    row("null", "null", M);
    row("number", "42", M);
    row("huge number", "123456789012345678901234567890", M);
    row("string", R"("aggTrade")", M);
    row("true", "true", M);
    row("empty array", "[]", M);
    row("array of events", "[" + kAggTradeSpec + "]", M);
    row("open brace", "{", M);
    row("close brace", "}", M);
    row("empty object", "{}", F);
    row("not json", "not json at all", M);
    row("e colon", R"({"e":)", M);
    row("unclosed string", R"({"e":"aggTr)", M);
    row("half aggTrade", kAggTradeSpec.left(kAggTradeSpec.size() / 2), M);
    row("double comma", R"({"e":"aggTrade",,"s":"X"})", M);
    row("trailing garbage", kAggTradeSpec + " x", M);
    row("trailing brace", kAggTradeSpec + "}", M);
    row("two objects", kAggTradeSpec + kAggTradeSpec, M);
    row("envelope trailing brace", kAggTradeCombined + "}", M);
    row("invalid utf8", "{\"e\":\"aggTrade\",\"s\":\"\xff\xfe\"}", M);
    static const char nul[] = "{\"e\":\"aggTrade\"\0,\"s\":\"X\"}";
    row("nul byte", QByteArray(nul, sizeof nul - 1), M);
    row("e number", R"({"e":5,"s":"BTCUSDT"})", M);
    row("e null", R"({"e":null})", M);
    row("price number", QByteArray(kAggTradeSpec).replace(R"("p":"0.001")", R"("p":0.001)"), M);
    row("price exponent", QByteArray(kAggTradeSpec).replace(R"("p":"0.001")", R"("p":"1e-3")"), M);
    row("price text", QByteArray(kAggTradeSpec).replace(R"("p":"0.001")", R"("p":"abc")"), M);
    row("price empty", QByteArray(kAggTradeSpec).replace(R"("p":"0.001")", R"("p":"")"), M);
    row("price 9 decimals", QByteArray(kAggTradeSpec).replace(R"("p":"0.001")", R"("p":"0.000000001")"), M);
    row("price overflow", QByteArray(kAggTradeSpec).replace(R"("p":"0.001")", R"("p":"99999999999999999999")"), M);
    row("id overflow", QByteArray(kAggTradeSpec).replace(R"("a":5933014)", R"("a":99999999999999999999999)"), M);
    row("id string", QByteArray(kAggTradeSpec).replace(R"("a":5933014)", R"("a":"5933014")"), M);
    row("id float", QByteArray(kAggTradeSpec).replace(R"("a":5933014)", R"("a":5933014.5)"), M);
    row("time 1e999", QByteArray(kAggTradeSpec).replace(R"("T":123456785)", R"("T":1e999)"), M);
    row("m string", QByteArray(kAggTradeSpec).replace(R"("m":true)", R"("m":"true")"), M);
    row("m number", QByteArray(kAggTradeSpec).replace(R"("m":true)", R"("m":1)"), M);
    row("symbol number", QByteArray(kAggTradeSpec).replace(R"("s":"BTCUSDT")", R"("s":5)"), M);
    row("agg missing p", QByteArray(kAggTradeSpec).replace(R"("p":"0.001",)", ""), F);
    row("agg missing s", QByteArray(kAggTradeSpec).replace(R"("s":"BTCUSDT",)", ""), F);
    row("agg missing T", QByteArray(kAggTradeSpec).replace(R"("T":123456785,)", ""), F);
    row("agg missing a", QByteArray(kAggTradeSpec).replace(R"("a":5933014,)", ""), F);
    row("trade X number", QByteArray(kTradeCombined).replace(R"("X":"MARKET")", R"("X":5)"), M);
    row("trade missing t", QByteArray(kTradeCombined).replace(R"("t":5182006711,)", ""), F);
    row("depth b string", QByteArray(kDepthSpec).replace(R"("b":[["0.0024","10"]])", R"("b":"x")"), M);
    row("depth level short", QByteArray(kDepthSpec).replace(R"("b":[["0.0024","10"]])", R"("b":[["0.0024"]])"), M);
    row("depth level numbers", QByteArray(kDepthSpec).replace(R"("b":[["0.0024","10"]])", R"("b":[[1,2]])"), M);
    row("depth level scalar", QByteArray(kDepthSpec).replace(R"("b":[["0.0024","10"]])", R"("b":[5])"), M);
    row("depth u string", QByteArray(kDepthSpec).replace(R"("u":160)", R"("u":"160")"), M);
    row("depth missing pu", QByteArray(kDepthSpec).replace(R"("pu":149,)", ""), F);
    row("depth missing a", QByteArray(kDepthSpec).replace(R"(,"a":[["0.0026","100"]])", ""), F);
    row("envelope data array", R"({"stream":"btcusdt@aggTrade","data":[]})", M);
    row("envelope data number", R"({"stream":"btcusdt@aggTrade","data":5})", M);
    row("envelope data null", R"({"data":null,"stream":"x"})", M);
    row("envelope stream number", R"({"stream":5,"data":)" + kAggTradeSpec + "}", M);
    row("envelope without data", R"({"stream":"btcusdt@aggTrade"})", F);
    row("envelope empty data", R"({"stream":"btcusdt@aggTrade","data":{"e":"aggTrade"}})", F);
    row("envelope truncated", kAggTradeCombined.chopped(1), M);
    row("force o array", R"({"e":"forceOrder","E":1,"o":[]})", M);
    row("force side", QByteArray(kForceOrderSpec).replace(R"("S":"SELL")", R"("S":"HOLD")"), M);
    row("force missing o", R"({"e":"forceOrder","E":1})", F);
    row("force missing ap", QByteArray(kForceOrderSpec).replace(R"("ap":"9910",)", ""), F);
    row("kline k string", R"({"e":"kline","E":1,"s":"BTCUSDT","k":"x"})", M);
    row("kline interval", QByteArray(kKlineSpec).replace(R"("i":"1m")", R"("i":"7x")"), M);
    row("kline missing x", QByteArray(kKlineSpec).replace(R"("x":false,)", ""), F);
    row("mark r text", QByteArray(kMarkPriceSpec).replace(R"("r":"0.00038167")", R"("r":"abc")"), M);
    row("mark missing r", QByteArray(kMarkPriceSpec).replace(R"("r":"0.00038167",)", ""), F);
    row("snapshot bad bids", QByteArray(kSnapshotSpec).replace(R"("bids":[["4.00000000","431.00000000"]])", R"("bids":{})"), M);
    row("snapshot missing asks", R"({"lastUpdateId":1,"bids":[]})", F);
    row("snapshot id string", R"({"lastUpdateId":"1","bids":[],"asks":[]})", M);
    row("deep nesting", QByteArray(3000, '[') + QByteArray(3000, ']'), M);
    row("deep object without e", QByteArray(R"({"x":)").repeated(100000) + "1" + QByteArray(100000, '}'), F);
}

void TestBadFrames::badFrames()
{
    QFETCH(QByteArray, frame);
    QFETCH(DecodeResult, expected);
    co::FrameDecoder dec;
    co::MarketEvent ev;
    QCOMPARE(dec.decode(sv(frame), ev), expected);
    const co::DecodeStats &s = dec.stats();
    QCOMPARE(s.frames, uint64_t(1));
    QCOMPARE(accounted(s), uint64_t(1));
    QCOMPARE(expected == DecodeResult::Malformed ? s.malformed : s.missingField, uint64_t(1));
    QVERIFY(!s.lastError.empty());
    // The decoder stays usable after any bad frame.
    QCOMPARE(dec.decode(sv(kAggTradeSpec), ev), DecodeResult::Event);
}

void TestBadFrames::prefixAndMutationFuzz()
{
    const QList<QByteArray> frames = {kAggTradeSpec,  kAggTradeCombined, kTradeCombined,  kDepthCombined,
                                      kSnapshotSpec,  kMarkPriceSpec,    kForceOrderSpec, kKlineCombined,
                                      kBookTickerCombined};
    co::FrameDecoder dec;
    co::MarketEvent ev;
    uint64_t calls = 0;
    for (const QByteArray &frame : frames) {
        // Every proper prefix, copied and in place (the rest of the frame and '}' as padding).
        const QByteArray buffer = frame + QByteArray(int(kPadding), '}');
        for (qsizetype n = 0; n < frame.size(); ++n) {
            const std::string_view prefix(buffer.constData(), size_t(n));
            QVERIFY2(dec.decode(prefix, ev, "BTCUSDT") != DecodeResult::Event, frame.left(n).constData());
            QVERIFY2(dec.decode(prefix, size_t(buffer.size()), ev, "BTCUSDT") != DecodeResult::Event,
                     frame.left(n).constData());
            calls += 2;
        }
        // Single-byte mutations: anything may come out, but never a crash, and every frame is counted.
        for (qsizetype i = 0; i < frame.size(); ++i) {
            for (char c : {'"', '{', '}', '[', ']', ',', ':', '0', '\\', '\0', 'x'}) {
                QByteArray m = frame;
                m[i] = c;
                dec.decode(sv(m), ev, "BTCUSDT");
                ++calls;
            }
        }
    }
    QCOMPARE(dec.stats().frames, calls);
    QCOMPARE(accounted(dec.stats()), calls);
}

QTEST_APPLESS_MAIN(TestBadFrames)
#include "test_bad_frames.moc"
