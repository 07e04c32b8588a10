// Every REST decoder on the same bytes.
#include "binance/RestDecoders.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view json(reinterpret_cast<const char *>(data), size);
    std::string error;
    std::vector<co::Trade> trades;
    co::decodeAggTradesPage(json, trades, &error);
    co::OpenInterest oi;
    co::decodeOpenInterest(json, oi, &error);
    std::vector<co::OpenInterest> hist;
    co::decodeOpenInterestHist(json, hist, &error);
    co::MarkPrice mark;
    co::decodePremiumIndex(json, mark, &error);
    std::vector<co::FundingSettlement> funding;
    co::decodeFundingRates(json, funding, &error);
    std::map<std::string, int> intervals;
    co::decodeFundingInfo(json, intervals, &error);
    co::Ticker24h ticker;
    co::decodeTicker24h(json, ticker, &error);
    co::decodeApiError(json);
    return 0;
}
