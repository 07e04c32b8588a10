#pragma once
// Helpers shared by the decoder tests (test_decoders, test_decoders_recorded): DecodeResult by
// name in QCOMPARE, views of test frames, the stats balance and a gzip line reader.
#include "binance/FrameDecoder.h"

#include <QByteArray>
#include <QFile>
#include <QMetaType>
#include <QTest>

#include <zlib.h>

#include <string>
#include <string_view>

using co::DecodeResult;
Q_DECLARE_METATYPE(co::DecodeResult)

namespace co {
// QCOMPARE prints DecodeResult by name (found by ADL).
inline char *toString(DecodeResult r)
{
    static const char *const names[] = {"Event", "Ignored", "Excluded", "Malformed", "MissingField", "UnknownType"};
    return qstrdup(names[int(r)]);
}
} // namespace co

namespace decodertest {

// Spec examples (binance.md §2/§4) and real frames (shared/data/binance).
inline const QByteArray kAggTradeSpec =
    R"({"e":"aggTrade","E":123456789,"s":"BTCUSDT","a":5933014,"p":"0.001","q":"100","nq":"100","f":100,"l":105,"T":123456785,"m":true,"st":1})";
inline const QByteArray kAggTradeCombined =
    R"({"stream":"ctkusdt@aggTrade","data":{"e":"aggTrade","E":1626992741575,"a":16599292,"s":"CTKUSDT","p":"1.01100","q":"10","f":23961322,"l":23961322,"T":1626992741421,"m":false}})";
inline const QByteArray kTradeCombined =
    R"({"stream":"btcusdt@trade","data":{"e":"trade","E":1721347202813,"T":1721347202812,"s":"BTCUSDT","t":5182006711,"p":"63960.00","q":"0.310","X":"MARKET","m":false}})";
inline const QByteArray kDepthSpec =
    R"({"e":"depthUpdate","E":123456789,"T":123456788,"s":"BTCUSDT","U":157,"u":160,"pu":149,"b":[["0.0024","10"]],"a":[["0.0026","100"]]})";
inline const QByteArray kDepthCombined =
    R"({"stream":"sushiusdt@depth@100ms","data":{"e":"depthUpdate","E":1626992741037,"T":1626992741024,"s":"SUSHIUSDT","U":600859599090,"u":600859600917,"pu":600859598061,"b":[["7.5040","813"],["7.6090","0"],["7.6110","2"]],"a":[["7.6150","1563"],["7.6220","3284"]]}})";
inline const QByteArray kSnapshotSpec =
    R"({"lastUpdateId":1027024,"E":1589436922972,"T":1589436922959,"bids":[["4.00000000","431.00000000"]],"asks":[["4.00000200","12.00000000"]]})";
inline const QByteArray kMarkPriceSpec =
    R"({"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000","ap":"11794.15000000","i":"11784.62659091","P":"11784.25641265","r":"0.00038167","T":1562306400000})";
inline const QByteArray kForceOrderSpec =
    R"({"e":"forceOrder","E":1568014460893,"o":{"s":"BTCUSDT","S":"SELL","o":"LIMIT","f":"IOC","q":"0.014","p":"9910","ap":"9910","X":"FILLED","l":"0.014","z":"0.014","T":1568014460893}})";
inline const QByteArray kKlineSpec =
    R"({"e":"kline","E":1638747660000,"s":"BTCUSDT","k":{"t":1638747660000,"T":1638747719999,"s":"BTCUSDT","i":"1m","f":100,"L":200,"o":"0.0010","c":"0.0020","h":"0.0025","l":"0.0015","v":"1000","n":100,"x":false,"q":"1.0000","V":"500","Q":"0.500","B":"123456"}})";
inline const QByteArray kKlineCombined =
    R"({"stream":"ctkusdt@kline_1m","data":{"e":"kline","E":1626992741424,"s":"CTKUSDT","k":{"t":1626992700000,"T":1626992759999,"s":"CTKUSDT","i":"1m","f":23961275,"L":23961322,"o":"1.01000","c":"1.01100","h":"1.01100","l":"1.01000","v":"3917","n":48,"x":false,"q":"3957.89900","V":"1729","Q":"1748.01900","B":"0"}}})";
inline const QByteArray kBookTickerCombined =
    R"({"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":4984028370881,"s":"BTCUSDT","b":"63943.90","B":"46.371","a":"63944.00","A":"0.095","T":1721347022507,"E":1721347022507}})";

constexpr size_t kPadding = 64; // simdjson::SIMDJSON_PADDING, see FrameDecoder.h

inline std::string_view sv(const QByteArray &b) { return {b.constData(), size_t(b.size())}; }
inline QByteArray symbolOf(const co::MarketEvent &ev)
{
    return {ev.symbol.view().data(), qsizetype(ev.symbol.view().size())};
}

// Every decode() call lands in exactly one counter.
inline uint64_t accounted(const co::DecodeStats &s)
{
    uint64_t n = s.decoded + s.malformed + s.missingField + s.ignored + s.unknownType;
    for (const auto &[x, count] : s.excluded)
        n += count;
    return n;
}

// Reads a gzip (or plain) text file line by line, without the trailing newline.
template <class F>
bool forEachGzLine(const QString &path, F &&f)
{
    gzFile gz = gzopen(QFile::encodeName(path).constData(), "rb");
    if (!gz)
        return false;
    std::string line;
    char buf[1 << 16];
    while (gzgets(gz, buf, sizeof buf)) {
        line += buf;
        if (line.back() != '\n')
            continue; // longer than buf: keep reading
        line.pop_back();
        f(line);
        line.clear();
    }
    if (!line.empty())
        f(line);
    const bool ok = gzeof(gz);
    gzclose(gz);
    return ok;
}

} // namespace decodertest
