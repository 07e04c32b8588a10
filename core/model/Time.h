#pragma once
// UTC calendar arithmetic in plain C++ (no time zone database needed for UTC days).
#include <cstdint>
#include <string>

namespace co {

inline constexpr int64_t kMsPerMinute = 60'000;
inline constexpr int64_t kMsPerHour = 3'600'000;
inline constexpr int64_t kMsPerDay = 86'400'000;

// Floor division that is right for negative numerators too.
constexpr int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
constexpr int64_t floorMod(int64_t a, int64_t b) { return a - floorDiv(a, b) * b; }

struct CivilDate {
    int year = 1970;
    int month = 1;
    int day = 1;
    auto operator<=>(const CivilDate &) const = default;
};

int64_t daysFromCivil(CivilDate d) noexcept;  // days since 1970-01-01
CivilDate civilFromDays(int64_t days) noexcept;
inline int64_t utcDayOf(int64_t ms) noexcept { return floorDiv(ms, kMsPerDay); }

std::string isoDate(int64_t epochDay);             // "2024-07-19"
bool parseIsoDate(const std::string &s, int64_t &epochDay); // strict YYYY-MM-DD
std::string isoTimeMs(int64_t ms);                 // "2024-07-19T00:00:01.585Z"
std::string hhmm(int minuteOfDay);                 // "09:00", "24:00"

} // namespace co
