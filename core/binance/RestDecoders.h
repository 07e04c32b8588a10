#pragma once
// simdjson decoders for the fapi REST answers the live feed reads (binance.md §2): aggTrades
// pages, openInterest, openInterestHist, premiumIndex, fundingRate, fundingInfo, ticker/24hr and error bodies. Unknown
// fields are ignored (nq, st, ps, …); a missing required field or a bad value fails with a message
// naming it. Prices and quantities are parsed exactly (model/Fixed.h). The depth snapshot is read
// by FrameDecoder.
#include "model/Derivatives.h"
#include "model/Trade.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace co {

bool decodeAggTradesPage(std::string_view json, std::vector<Trade> &out, std::string *error = nullptr);
bool decodeOpenInterest(std::string_view json, OpenInterest &out, std::string *error = nullptr);
bool decodeOpenInterestHist(std::string_view json, std::vector<OpenInterest> &out, std::string *error = nullptr);
bool decodePremiumIndex(std::string_view json, MarkPrice &out, std::string *error = nullptr);

// fundingRate: settled rates ascending; markPrice "" (old records) gives 0. intervalHours is left
// at 8 (the poller sets it from fundingInfo).
bool decodeFundingRates(std::string_view json, std::vector<FundingSettlement> &out, std::string *error = nullptr);
// fundingInfo: fundingIntervalHours of the symbols listed (the others settle every 8 h).
bool decodeFundingInfo(std::string_view json, std::map<std::string, int> &hoursBySymbol, std::string *error = nullptr);

// Rolling 24 h statistics of one symbol (prices, volumes in 1e-8 units).
struct Ticker24h {
    int64_t lastPrice = 0, highPrice = 0, lowPrice = 0, openPrice = 0;
    int64_t priceChangePercent = 0;
    int64_t volume = 0, quoteVolume = 0;
    int64_t openTimeMs = 0, closeTimeMs = 0, count = 0;
};
bool decodeTicker24h(std::string_view json, Ticker24h &out, std::string *error = nullptr);
// ticker/24hr without a symbol (every trading contract): symbol → 24 h quote volume (fixed).
bool decodeQuoteVolumes(std::string_view json, std::map<std::string, int64_t> &out, std::string *error = nullptr);

// {"code":-1121,"msg":"Invalid symbol."}
struct ApiError {
    int64_t code = 0;
    std::string msg;
};
std::optional<ApiError> decodeApiError(std::string_view json);

} // namespace co
