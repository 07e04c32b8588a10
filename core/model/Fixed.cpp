#include "model/Fixed.h"

#include <cstdlib>
#include <limits>

namespace co {

bool parseFixed(std::string_view s, int64_t &out) noexcept
{
    size_t i = 0;
    const size_t n = s.size();
    bool neg = false;
    if (i < n && (s[i] == '-' || s[i] == '+')) {
        neg = s[i] == '-';
        ++i;
    }
    uint64_t v = 0;
    bool digits = false;
    constexpr uint64_t limit = uint64_t(std::numeric_limits<int64_t>::max());
    for (; i < n && s[i] >= '0' && s[i] <= '9'; ++i) {
        v = v * 10 + uint64_t(s[i] - '0');
        if (v > limit / kFixedOne)
            return false;
        digits = true;
    }
    v *= uint64_t(kFixedOne);
    if (i < n && s[i] == '.') {
        ++i;
        uint64_t scale = uint64_t(kFixedOne) / 10;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; ++i) {
            const uint64_t d = uint64_t(s[i] - '0');
            if (scale == 0) {
                if (d != 0)
                    return false; // finer than 1e-8: cannot be exact
            } else {
                v += d * scale;
                scale /= 10;
            }
            digits = true;
        }
    }
    if (!digits || i != n || v > limit)
        return false;
    out = neg ? -int64_t(v) : int64_t(v);
    return true;
}

std::string formatFixed(int64_t units)
{
    std::string r;
    uint64_t u = units < 0 ? uint64_t(0) - uint64_t(units) : uint64_t(units);
    if (units < 0)
        r.push_back('-');
    r += std::to_string(u / uint64_t(kFixedOne));
    uint64_t frac = u % uint64_t(kFixedOne);
    if (frac) {
        std::string f = std::to_string(frac);
        f.insert(0, size_t(kFixedDecimals) - f.size(), '0');
        while (!f.empty() && f.back() == '0')
            f.pop_back();
        r += '.';
        r += f;
    }
    return r;
}

int fixedDecimals(int64_t units) noexcept
{
    int d = kFixedDecimals;
    int64_t u = units < 0 ? -units : units;
    while (d > 0 && u % 10 == 0) {
        u /= 10;
        --d;
    }
    return u == 0 ? 0 : d;
}

int64_t gcd64(int64_t a, int64_t b) noexcept
{
    a = a < 0 ? -a : a;
    b = b < 0 ? -b : b;
    while (b) {
        const int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

} // namespace co
