#include "model/Time.h"

#include <cstdio>

namespace co {

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t daysFromCivil(CivilDate d) noexcept
{
    const int64_t y = d.year - (d.month <= 2);
    const int64_t era = floorDiv(y, 400);
    const int64_t yoe = y - era * 400;
    const int64_t mp = (d.month + 9) % 12;
    const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilDate civilFromDays(int64_t z) noexcept
{
    z += 719468;
    const int64_t era = floorDiv(z, 146097);
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int d = int(doy - (153 * mp + 2) / 5 + 1);
    const int m = int(mp < 10 ? mp + 3 : mp - 9);
    return {int(yoe + era * 400 + (m <= 2)), m, d};
}

std::string isoDate(int64_t epochDay)
{
    const CivilDate c = civilFromDays(epochDay);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buf;
}

bool parseIsoDate(const std::string &s, int64_t &epochDay)
{
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9')
            return false;
    CivilDate c{std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2))};
    if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > 31)
        return false;
    const int64_t d = daysFromCivil(c);
    if (civilFromDays(d) != c)
        return false; // e.g. 2024-02-30
    epochDay = d;
    return true;
}

std::string isoTimeMs(int64_t ms)
{
    const int64_t day = utcDayOf(ms);
    const int64_t rem = ms - day * kMsPerDay;
    const CivilDate c = civilFromDays(day);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day,
                  int(rem / kMsPerHour), int(rem / kMsPerMinute % 60), int(rem / 1000 % 60), int(rem % 1000));
    return buf;
}

std::string hhmm(int minuteOfDay)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (minuteOfDay / 60) % 100, minuteOfDay % 60);
    return buf;
}

} // namespace co
