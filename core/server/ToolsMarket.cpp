// get_market_snapshot and scan_market.
#include "engine/MarketScan.h"
#include "engine/MarketSnapshot.h"
#include "server/JsonEncoders.h"
#include "server/ToolArgs.h"
#include "server/ToolResult.h"
#include "server/ToolSchema.h"
#include "server/Tools.h"

namespace co {

ToolDef marketSnapshotTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "get_market_snapshot";
    d.title = "Market snapshot";
    d.description = "Current state of one Binance USD-M perpetual: last/mark/index price, funding rate and next "
                    "funding time, open interest, best bid/ask and spread, rolling 24 h stats, today's VWAP, delta "
                    "and whether price is above/inside/below today's value area. Use it first to orient on a symbol.";
    d.inputSchema = input({{"symbol", symbol()}}, {"symbol"});
    d.outputSchema = output({{"symbol", typed("string")},
                             {"timestamp", typed("integer", "ms since epoch UTC of the latest event")},
                             {"price", typed("number", "last trade price")},
                             {"markPrice", typed("number")},
                             {"indexPrice", typed("number")},
                             {"fundingRate", typed("number", "fraction per interval: 0.0001 = 0.01 %")},
                             {"nextFundingTime", typed("integer")},
                             {"openInterest", typed("number", "base asset")},
                             {"openInterestNotional", typed("number", "USDT")},
                             {"bestBid", typed("number")},
                             {"bestAsk", typed("number")},
                             {"spread", typed("number")},
                             {"high24h", typed("number")},
                             {"low24h", typed("number")},
                             {"volume24h", typed("number", "base asset")},
                             {"quoteVolume24h", typed("number", "USDT")},
                             {"priceChangePercent", typed("number", "24 h, percent")},
                             {"stats24hSource",
                              {{"type", "string"}, {"enum", QJsonArray{"trades", "ticker"}},
                               {"description", "24 h fields from the engine's trades (24 h held) or Binance ticker/24hr"}}},
                             {"dVWAP", typed("number")},
                             {"dayDelta", typed("number")},
                             {"valueAreaPosition", {{"type", "string"}, {"enum", QJsonArray{"above", "inside", "below"}}}},
                             {"dataQuality", dataQuality()}},
                            {"symbol", "timestamp", "dataQuality"});
    d.run = [](const ToolArgs &a) {
        const SnapshotPtr s = a.snapshot(a.symbol());
        return toJson(valueOr(buildMarketSnapshot(*s, a.nowFor(*s))));
    };
    return d;
}

ToolDef scanMarketTool()
{
    using namespace schema;
    ToolDef d;
    d.name = "scan_market";
    d.title = "Scan all symbols";
    d.description = "One row per symbol (all configured symbols unless 'symbols' is given): price against today's "
                    "VWAP and value area (above/inside/below), the nearest naked POC and its distance, today's delta "
                    "and CVD sign, the last bar's stacked imbalances, funding rate and open-interest change over the "
                    "timeframe. Use it instead of calling the other tools once per symbol to find where to look.";
    d.inputSchema = input({{"symbols", QJsonObject{{"type", "array"},
                                                  {"items", symbol()},
                                                  {"maxItems", 50},
                                                  {"description", "an array of symbols such as [\"BTCUSDT\"] "
                                                                  "(default: all configured)"}}},
                           {"timeframe", timeframe("1h")}});
    d.outputSchema = output({{"timeframe", typed("string")},
                             {"rows", array(output({{"symbol", typed("string")},
                                                    {"price", typed("number")},
                                                    {"vsVWAP", typed("string")},
                                                    {"vsValueArea", typed("string")},
                                                    {"dayDelta", typed("number")},
                                                    {"cvd", typed("number")},
                                                    {"dataQuality", dataQuality()}},
                                                   {"symbol", "price", "dataQuality"}))},
                             {"unavailable", array(output({{"symbol", typed("string")}, {"reason", typed("string")}},
                                                          {"symbol", "reason"}))}},
                            {"timeframe", "rows"});
    d.cutKey = "rows";
    d.newestFirst = true; // rows have no age: cut from the end of the list
    d.cutHint = "ask for fewer symbols";
    d.run = [](const ToolArgs &a) {
        const QStringList symbols = a.symbolList("symbols");
        const Timeframe tf = a.timeframe();
        QJsonArray rows, unavailable;
        for (const QString &sym : symbols) {
            const SnapshotPtr s = a.context().registry.snapshot(sym.toStdString());
            const auto row = s ? buildScanRow(*s, tf, a.nowFor(*s))
                               : QueryResult<ScanRow>(QueryError{QueryErrorKind::NoData, "no data since start-up"});
            if (const QueryError *e = std::get_if<QueryError>(&row))
                unavailable.append(QJsonObject{{"symbol", sym}, {"reason", QString::fromStdString(e->message)}});
            else
                rows.append(toJson(std::get<ScanRow>(row)));
        }
        if (rows.isEmpty())
            throw ApiError{ApiErrorKind::NoData, "no trades yet for " + symbols.join(", ") + "; retry in a minute"};
        QJsonObject o{{"timeframe", QString::fromLatin1(timeframeName(tf).data(), qsizetype(timeframeName(tf).size()))},
                      {"rows", rows}};
        if (!unavailable.isEmpty())
            o.insert("unavailable", unavailable);
        return o;
    };
    return d;
}

} // namespace co
