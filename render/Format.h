#pragma once
// Numbers and times as the views print them: compact quantities for footprint cells, prices
// with the tick's decimals, signed deltas, USDT notionals, UTC clock times.
#include <QString>

#include <cstdint>

namespace co {

int decimalsFor(double step);                   // 0.1 → 1, 0.01 → 2, 5 → 0
QString formatQty(double v);                    // 0.005, 2.35, 48.2, 1250, 12.5K, 3.1M
QString formatSignedQty(double v);              // +12.5, −3.2
QString formatPrice(double v, int decimals);    // 63960.0
QString formatNotional(double usdt);            // 950, 12.3K, 4.56M
QString formatUtcTime(int64_t ms, bool seconds = false); // 23:57 or 23:57:02
QString formatUtcDateTime(int64_t ms);          // 2024-07-19 00:05:02

} // namespace co
