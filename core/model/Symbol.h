#pragma once
#include <cstdint>
#include <string>

namespace co {

enum class TickSource : uint8_t { ExchangeInfo, Cache, Inferred };
const char *tickSourceName(TickSource s) noexcept;

// A USD-M perpetual's price and quantity grids, in 1e-8 units (tickSize 0.1 = 10'000'000).
struct SymbolInfo {
    std::string name;       // upper case, "BTCUSDT"
    int64_t tickSize = 0;   // 0 = unknown yet
    int64_t stepSize = 0;
    TickSource tickSource = TickSource::Inferred;
    std::string status;     // "TRADING"
    std::string contractType;
    std::string quoteAsset;
};

inline const char *tickSourceName(TickSource s) noexcept
{
    switch (s) {
    case TickSource::ExchangeInfo: return "exchangeInfo";
    case TickSource::Cache: return "cache";
    case TickSource::Inferred: return "inferred";
    }
    return "inferred";
}

} // namespace co
