#pragma once
// What a decoder produces: one typed market event for one symbol.
#include "model/Depth.h"
#include "model/Derivatives.h"
#include "model/Trade.h"

#include <array>
#include <cstring>
#include <string_view>
#include <variant>

namespace co {

// Upper-case symbol without allocation (frames are decoded at millions per second).
class SymbolName {
public:
    SymbolName() = default;
    explicit SymbolName(std::string_view s) { assign(s); }
    void assign(std::string_view s) noexcept
    {
        len_ = uint8_t(s.size() < buf_.size() ? s.size() : buf_.size());
        for (size_t i = 0; i < len_; ++i)
            buf_[i] = (s[i] >= 'a' && s[i] <= 'z') ? char(s[i] - 32) : s[i];
    }
    std::string_view view() const noexcept { return {buf_.data(), len_}; }
    bool empty() const noexcept { return len_ == 0; }
    bool operator==(const SymbolName &o) const noexcept { return view() == o.view(); }

private:
    std::array<char, 31> buf_{};
    uint8_t len_ = 0;
};

// A raw trade left out of the indicators because its order type is not MARKET (insurance fund,
// ADL): kept as an event so dataQuality.excluded is counted per symbol.
struct ExcludedTrade {
    int64_t id = 0;
    int64_t timeMs = 0;
    std::array<char, 24> orderType{}; // "INSURANCE_FUND", NUL padded
    std::string_view type() const noexcept { return {orderType.data(), ::strnlen(orderType.data(), orderType.size())}; }
};

using EventPayload = std::variant<std::monostate, Trade, DepthUpdate, DepthSnapshot, MarkPrice, Liquidation,
                                  OpenInterest, Kline, ExcludedTrade, FundingSettlement>;

struct MarketEvent {
    SymbolName symbol;
    int64_t localMs = 0; // receive time (recorder's or ours); never used for bucketing
    EventPayload payload;
};

} // namespace co
