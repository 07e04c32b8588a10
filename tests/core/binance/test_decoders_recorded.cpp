// ExchangeInfo (a literal, errors, recorded files) and FrameDecoder over the recorded captures of
// shared/data/binance (skipped without them): counts, id continuity and the pu chain.
#include "DecoderTestSupport.h"
#include "binance/ExchangeInfo.h"
#include "support/SharedData.h"

#include <QMap>
#include <QtTest>

#include <string>
#include <utility>
#include <vector>

using namespace decodertest;

class TestDecodersRecorded : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exchangeInfoLiteral();
    void exchangeInfoErrors();
    void exchangeInfoCryptofeed();
    void exchangeInfoNautilus();
    void recordedHftbacktest();
    void recordedCryptofeed();
};

void TestDecodersRecorded::exchangeInfoLiteral()
{
    // binance.md §2 example as a recorder line followed by an unrelated line.
    const std::string text =
        "https://fapi.binance.com/fapi/v1/exchangeInfo -> 1626992740.175661: "
        R"({"timezone":"UTC","serverTime":1565613908500,"futuresType":"U_MARGINED",)"
        R"("rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":2400},)"
        R"({"rateLimitType":"ORDERS","interval":"MINUTE","intervalNum":1,"limit":1200}],)"
        R"("symbols":[{"symbol":"BTCUSDT","pair":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING",)"
        R"("baseAsset":"BTC","quoteAsset":"USDT","marginAsset":"USDT","pricePrecision":2,"quantityPrecision":3,)"
        R"("filters":[{"filterType":"PRICE_FILTER","minPrice":"556.80","maxPrice":"4529764","tickSize":"0.10"},)"
        R"({"filterType":"LOT_SIZE","minQty":"0.001","maxQty":"1000","stepSize":"0.001"},)"
        R"({"filterType":"MARKET_LOT_SIZE","minQty":"0.001","maxQty":"120","stepSize":"0.002"}]}]})"
        "\nconfiguration: {\"trades\":[\"BTC-USDT-PERP\"]}\n";
    std::string error;
    const auto info = co::parseExchangeInfo(text, &error);
    QVERIFY2(info, error.c_str());
    QCOMPARE(info->serverTimeMs, int64_t(1565613908500));
    QCOMPARE(info->requestWeightPerMinute, 2400);
    QCOMPARE(info->symbols.size(), size_t(1));
    const co::SymbolInfo *btc = info->find("BTCUSDT");
    QVERIFY(btc);
    QCOMPARE(btc->tickSize, int64_t(10'000'000));
    QCOMPARE(btc->stepSize, int64_t(100'000)); // LOT_SIZE, not MARKET_LOT_SIZE
    QCOMPARE(btc->tickSource, co::TickSource::ExchangeInfo);
    QCOMPARE(btc->status, std::string("TRADING"));
    QCOMPARE(btc->contractType, std::string("PERPETUAL"));
    QCOMPARE(btc->quoteAsset, std::string("USDT"));
    QVERIFY(!info->find("btcusdt"));
    QVERIFY(!info->find("ETHUSDT"));
}

void TestDecodersRecorded::exchangeInfoErrors()
{
    std::string error;
    QVERIFY(!co::parseExchangeInfo("", &error));
    QVERIFY(!error.empty());
    error.clear();
    QVERIFY(!co::parseExchangeInfo("no json here", &error));
    QVERIFY(!error.empty());
    error.clear();
    QVERIFY(!co::parseExchangeInfo(R"({"symbols":[{"symbol":"BTCUSDT")", &error));
    QVERIFY(!error.empty());
    error.clear();
    QVERIFY(!co::parseExchangeInfo(R"({"code":-1121,"msg":"Invalid symbol."})", &error));
    QVERIFY2(error.find("symbols") != std::string::npos, error.c_str());
    QVERIFY(!co::parseExchangeInfo("{}")); // error pointer is optional
    error.clear();
    QVERIFY(!co::loadExchangeInfoFile("/nonexistent/exchangeInfo.json", &error));
    QVERIFY2(error.find("/nonexistent/exchangeInfo.json") != std::string::npos, error.c_str());
}

void TestDecodersRecorded::exchangeInfoCryptofeed()
{
    CO_REQUIRE_SHARED_FILE(path, "cryptofeed/BINANCE_FUTURES.0");
    std::string error;
    const auto info = co::loadExchangeInfoFile(path.toStdString(), &error);
    QVERIFY2(info, error.c_str());
    QCOMPARE(info->symbols.size(), size_t(122));
    QCOMPARE(info->serverTimeMs, int64_t(1626858243909));
    QCOMPARE(info->requestWeightPerMinute, 2400);
    int perpetual = 0;
    for (const co::SymbolInfo &s : info->symbols) {
        perpetual += s.contractType == "PERPETUAL";
        QVERIFY2(s.tickSize > 0 && s.stepSize > 0, s.name.c_str());
    }
    QCOMPARE(perpetual, 119);
    const co::SymbolInfo *btc = info->find("BTCUSDT");
    QVERIFY(btc);
    QCOMPARE(btc->tickSize, int64_t(1'000'000)); // 0.01 in 2021
    QCOMPARE(btc->stepSize, int64_t(100'000));
    QCOMPARE(btc->tickSource, co::TickSource::ExchangeInfo);
    QCOMPARE(btc->status, std::string("TRADING"));
    QCOMPARE(btc->quoteAsset, std::string("USDT"));
    QVERIFY(info->find("SUSHIUSDT"));
}

void TestDecodersRecorded::exchangeInfoNautilus()
{
    CO_REQUIRE_SHARED_FILE(path, "nautilus_trader/http_futures_market_exchange_info.json");
    std::string error;
    const auto info = co::loadExchangeInfoFile(path.toStdString(), &error);
    QVERIFY2(info, error.c_str());
    QCOMPARE(info->symbols.size(), size_t(3));
    QCOMPARE(info->serverTimeMs, int64_t(1645233611962));
    QCOMPARE(info->requestWeightPerMinute, 6000);
    const co::SymbolInfo *btc = info->find("BTCUSDT");
    QVERIFY(btc);
    QCOMPARE(btc->tickSize, int64_t(10'000'000)); // 0.10 in 2022
    QCOMPARE(btc->stepSize, int64_t(100'000));
    QCOMPARE(btc->contractType, std::string("PERPETUAL"));
    const co::SymbolInfo *quarterly = info->find("BTCUSDT_220325");
    QVERIFY(quarterly);
    QCOMPARE(quarterly->contractType, std::string("CURRENT_QUARTER"));
    QCOMPARE(quarterly->tickSize, int64_t(10'000'000));
    QCOMPARE(info->find("ETHUSDT")->tickSize, int64_t(1'000'000));
}

void TestDecodersRecorded::recordedHftbacktest()
{
    CO_REQUIRE_SHARED_FILE(path, "hftbacktest/btcusdt_20240718.gz");
    co::FrameDecoder dec;
    co::MarketEvent ev;
    int lines = 0, trades = 0, diffs = 0, snapshots = 0;
    int64_t qty = 0, lastTradeId = 0, prevU = 0;
    bool idsConsecutive = true, puChain = true;
    const bool read = forEachGzLine(path, [&](std::string &line) {
        ++lines;
        const size_t space = line.find(' '); // "<local ns> <frame>"
        if (space == std::string::npos)
            return;
        const size_t size = line.size() - space - 1;
        line.append(kPadding, ' '); // decode in place
        const std::string_view frame(line.data() + space + 1, size);
        if (dec.decode(frame, line.size() - space - 1, ev, "BTCUSDT") != DecodeResult::Event)
            return;
        if (const auto *t = std::get_if<co::Trade>(&ev.payload)) {
            ++trades;
            qty += t->qty;
            idsConsecutive = idsConsecutive && (lastTradeId == 0 || t->id == lastTradeId + 1);
            lastTradeId = t->id;
        } else if (const auto *d = std::get_if<co::DepthUpdate>(&ev.payload)) {
            ++diffs;
            QVERIFY(!d->partial);
            puChain = puChain && (prevU == 0 || d->prevLastId == prevU);
            prevU = d->lastId;
        } else if (const auto *s = std::get_if<co::DepthSnapshot>(&ev.payload)) {
            ++snapshots;
            QCOMPARE(s->lastUpdateId, int64_t(4984028384061));
            QCOMPARE(s->bids.size(), size_t(1000));
            QCOMPARE(s->asks.size(), size_t(1000));
            QCOMPARE(s->bids[0].price, int64_t(6'394'390'000'000));
            QCOMPARE(s->asks[0].qty, int64_t(9'500'000));
            QCOMPARE(symbolOf(ev), QByteArray("BTCUSDT"));
        }
    });
    QVERIFY(read);
    const co::DecodeStats &st = dec.stats();
    QVERIFY2(st.malformed == 0, st.lastError.c_str());
    QCOMPARE(lines, 11414);
    QCOMPARE(trades, 974);
    QCOMPARE(diffs, 3326);
    QCOMPARE(snapshots, 1);
    QCOMPARE(st.ignored, uint64_t(7113));
    QCOMPARE(st.missingField + st.unknownType, uint64_t(0));
    QVERIFY(st.excluded.empty());
    QCOMPARE(qty, int64_t(9'591'300'000)); // 95.913 BTC, exact
    QCOMPARE(lastTradeId, int64_t(5182006710));
    QVERIFY(idsConsecutive);
    QVERIFY(puChain);
}

void TestDecodersRecorded::recordedCryptofeed()
{
    CO_REQUIRE_SHARED_FILE(ws, "cryptofeed/BINANCE_FUTURES.ws.1.0");
    CO_REQUIRE_SHARED_FILE(http, "cryptofeed/BINANCE_FUTURES.http.0.0");
    co::FrameDecoder dec;
    co::MarketEvent ev;
    int aggTrades = 0, diffs = 0, klines = 0, closedKlines = 0;
    QMap<QByteArray, int64_t> lastAggId;
    bool aggContiguous = true;
    // "<recv ts>: {frame}"; copied into the decoder's padded buffer (no capacity given).
    QVERIFY(forEachGzLine(ws, [&](std::string &line) {
        const size_t brace = line.find('{');
        if (brace == std::string::npos)
            return;
        if (dec.decode(std::string_view(line).substr(brace), ev) != DecodeResult::Event)
            return;
        const QByteArray sym = symbolOf(ev);
        if (const auto *t = std::get_if<co::Trade>(&ev.payload)) {
            ++aggTrades;
            QCOMPARE(t->source, co::TradeSource::AggTrade);
            aggContiguous = aggContiguous && (!lastAggId.contains(sym) || t->id == lastAggId[sym] + 1);
            lastAggId[sym] = t->id;
        } else if (std::holds_alternative<co::DepthUpdate>(ev.payload)) {
            ++diffs;
        } else if (const auto *k = std::get_if<co::Kline>(&ev.payload)) {
            ++klines;
            closedKlines += k->closed;
            QCOMPARE(k->intervalMs, 60'000);
        }
    }));
    QCOMPARE(dec.stats().malformed + dec.stats().missingField + dec.stats().unknownType, uint64_t(0));
    QCOMPARE(aggTrades, 91);
    QCOMPARE(diffs, 764);
    QCOMPARE(klines, 67);
    QCOMPARE(closedKlines, 4);
    QCOMPARE(dec.stats().ignored, uint64_t(613));
    QCOMPARE(lastAggId.size(), 4);
    QVERIFY(aggContiguous);

    // REST snapshots of thin books, one "<url> -> <ts>: {json}" per line.
    std::vector<std::pair<size_t, size_t>> sizes;
    QVERIFY(forEachGzLine(http, [&](std::string &line) {
        const size_t brace = line.find('{');
        if (brace == std::string::npos)
            return;
        QCOMPARE(dec.decode(std::string_view(line).substr(brace), ev, "SUSHIUSDT"), DecodeResult::Event);
        const auto &s = std::get<co::DepthSnapshot>(ev.payload);
        sizes.emplace_back(s.bids.size(), s.asks.size());
    }));
    const std::vector<std::pair<size_t, size_t>> expected = {{1000, 1000}, {609, 763}, {400, 612}, {485, 744}};
    QVERIFY(sizes == expected);
}

QTEST_APPLESS_MAIN(TestDecodersRecorded)
#include "test_decoders_recorded.moc"
