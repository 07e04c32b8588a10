// The fake's fundingRate and fundingInfo (binance.md §2): settlements generated on the symbol's
// interval grid up to the exchange's now, paged as Binance does (ascending, the first `limit` from
// startTime; without a range the newest `limit`).
#include "support/FakeBinance.h"

#include "model/Fixed.h"
#include "model/Time.h"

#include <algorithm>

namespace co::test {
namespace {
constexpr int64_t kFirstFundingMs = 1'577'836'800'000; // 2020-01-01
}

int64_t FakeBinance::fundingRateAt(int64_t fundingTimeMs, int intervalHours)
{
    const int64_t n = fundingTimeMs / (intervalHours * kMsPerHour);
    return (floorMod(n, 11) - 3) * 1000; // 1e-8 units: steps of 0.00001
}

int64_t FakeBinance::fundingMarkAt(int64_t fundingTimeMs, int intervalHours)
{
    const int64_t n = fundingTimeMs / (intervalHours * kMsPerHour);
    return (50'000 + floorMod(n, 100)) * kFixedOne;
}

QByteArray FakeBinance::fundingRateJson(const Sym &s, const QUrlQuery &q, int &status) const
{
    const int64_t now = exchangeNowMs();
    const int hours = s.data.fundingIntervalHours;
    const int64_t step = hours * kMsPerHour;
    const int limit = q.hasQueryItem("limit") ? q.queryItemValue("limit").toInt() : 100;
    if (limit < 1 || limit > 1000) {
        status = 400;
        return "{\"code\":-1130,\"msg\":\"Data sent for parameter 'limit' is not valid.\"}";
    }
    const int64_t end = std::min<int64_t>(now, q.hasQueryItem("endTime") ? q.queryItemValue("endTime").toLongLong() : now);
    const int64_t lastT = floorDiv(end, step) * step;
    int64_t firstT = 0;
    if (q.hasQueryItem("startTime")) {
        const int64_t start = std::max<int64_t>(kFirstFundingMs, q.queryItemValue("startTime").toLongLong());
        firstT = floorDiv(start + step - 1, step) * step;
    } else {
        firstT = std::max(kFirstFundingMs, lastT - (limit - 1) * step);
    }
    std::string rows = "[";
    int n = 0;
    for (int64_t t = firstT; t <= lastT && n < limit; t += step, ++n) {
        if (rows.size() > 1)
            rows += ',';
        rows += "{\"symbol\":\"" + s.data.symbol + "\",\"fundingTime\":" + std::to_string(t) + ",\"fundingRate\":\"" +
                formatFixed(fundingRateAt(t, hours)) + "\",\"markPrice\":\"" + formatFixed(fundingMarkAt(t, hours)) + "\"}";
    }
    return QByteArray::fromStdString(rows + "]");
}

QByteArray FakeBinance::fundingInfoJson() const
{
    std::string rows = "[";
    for (const Sym &s : syms_) {
        if (s.data.fundingIntervalHours == 8)
            continue; // Binance lists only the adjusted symbols
        if (rows.size() > 1)
            rows += ',';
        rows += "{\"symbol\":\"" + s.data.symbol + "\",\"adjustedFundingRateCap\":\"0.02000000\","
                "\"adjustedFundingRateFloor\":\"-0.02000000\",\"fundingIntervalHours\":" +
                std::to_string(s.data.fundingIntervalHours) + ",\"disclaimer\":false}";
    }
    return QByteArray::fromStdString(rows + "]");
}

} // namespace co::test
