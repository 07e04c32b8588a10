#pragma once
// ASCII field helpers shared by the text readers (CSV rows, recorder lines): no locale, no
// allocation, whole-field checks.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string_view>

namespace co {

inline bool isDigit(char c) noexcept { return c >= '0' && c <= '9'; }

inline bool allDigits(std::string_view s) noexcept
{
    return !s.empty() && std::all_of(s.begin(), s.end(), isDigit);
}

// The whole field must be a non-negative integer.
inline bool parseInt(std::string_view s, int64_t &out) noexcept
{
    if (!allDigits(s))
        return false;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
}

// s equals lower ignoring the case of s.
inline bool equalsNoCase(std::string_view s, std::string_view lower) noexcept
{
    if (s.size() != lower.size())
        return false;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = (s[i] >= 'A' && s[i] <= 'Z') ? char(s[i] + 32) : s[i];
        if (c != lower[i])
            return false;
    }
    return true;
}

inline bool endsWithNoCase(std::string_view s, std::string_view lowerSuffix) noexcept
{
    return s.size() >= lowerSuffix.size() && equalsNoCase(s.substr(s.size() - lowerSuffix.size()), lowerSuffix);
}

} // namespace co
