#pragma once
// Exact fixed-point numbers: every price and quantity is an int64 count of 1e-8 units
// ("wire units"), the finest precision Binance sends. Parsed from the decimal string,
// never through double (spec indicators.md §0).
#include <cstdint>
#include <string>
#include <string_view>

namespace co {

inline constexpr int kFixedDecimals = 8;
inline constexpr int64_t kFixedOne = 100'000'000;

// Parses "63960.00", "-0.00038", "1e-3" is NOT accepted. Returns false on a malformed string,
// overflow, or a non-zero digit beyond the 8th decimal.
bool parseFixed(std::string_view s, int64_t &out) noexcept;

// Exact value at the edge: double(units)/1e8 is correctly rounded, so 6396000000000 prints 63960.
inline double fixedToDouble(int64_t units) noexcept { return double(units) / double(kFixedOne); }

// Shortest decimal string ("0.1", "63960", "-0.00038").
std::string formatFixed(int64_t units);

// Number of decimals needed to write units exactly (0..8).
int fixedDecimals(int64_t units) noexcept;

int64_t gcd64(int64_t a, int64_t b) noexcept;

} // namespace co
