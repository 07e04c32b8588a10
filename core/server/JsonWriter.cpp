#include "server/JsonWriter.h"

#include <QCborValue>

#include <charconv>
#include <cmath>
#include <cstring>

namespace co::json {

namespace {

constexpr double kMaxExact = 9007199254740992.0; // 2^53

void appendEscape(std::string &out, char u);

// Qt's choice between decimal and exponent form for the shortest digits (QLocaleData's
// resolveFormat): the shorter text wins, exponents have at least two digits.
bool useDecimal(int decpt, int length)
{
    int bias = 2 + 2;
    if (length <= decpt && length > 1)
        ++bias;
    else if (length == 1 && decpt <= 0)
        --bias;
    if (decpt <= 0)
        return 1 - decpt <= bias;
    if (decpt <= length)
        return true;
    return decpt <= length + bias;
}

// The shortest digits of a decimal with few places, the usual number of a report (a price, a
// quantity): m / 10^k == a for the smallest k in 1..8, with m < 2^52. Those are the digits to_chars
// finds: fewer places do not read back as a (their nearest candidate was tried), and as
// ulp(a) < 10^-k, no other m of as many digits does. False: not such a number (a > 0).
bool fewPlaces(double a, char *digits, int &length, int &decpt)
{
    static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    constexpr double kLimit = 4503599627370496.0; // 2^52
    for (int k = 1; k <= 8; ++k) {
        const double scaled = a * kPow10[k];
        if (!(scaled < kLimit))
            return false;
        const double m = std::nearbyint(scaled);
        if (m == 0 || m / kPow10[k] != a)
            continue;
        length = int(std::to_chars(digits, digits + 20, int64_t(m)).ptr - digits);
        decpt = length - k;
        return true;
    }
    return false;
}

void appendDouble(std::string &out, double d)
{
    if (d < 0) {
        out += '-';
        d = -d;
    }
    char digits[24];
    int length = 0, decpt = 0; // value = 0.digits * 10^decpt
    if (!fewPlaces(d, digits, length, decpt)) {
        // Shortest round-trip digits and exponent: "d[.ddd]e±XX".
        char sci[40];
        const auto r = std::to_chars(sci, sci + sizeof sci, d, std::chars_format::scientific);
        const char *e = sci;
        for (; e < r.ptr && *e != 'e'; ++e)
            if (*e != '.')
                digits[length++] = *e;
        int exp10 = 0;
        std::from_chars(e + 1 + (e[1] == '+'), r.ptr, exp10);
        decpt = exp10 + 1;
    }
    const int exp10 = decpt - 1;
    if (useDecimal(decpt, length)) {
        if (decpt <= 0) {
            out += "0.";
            out.append(size_t(-decpt), '0');
            out.append(digits, size_t(length));
        } else if (decpt >= length) {
            out.append(digits, size_t(length));
            out.append(size_t(decpt - length), '0');
        } else {
            out.append(digits, size_t(decpt));
            out += '.';
            out.append(digits + decpt, size_t(length - decpt));
        }
        return;
    }
    out += digits[0];
    if (length > 1) {
        out += '.';
        out.append(digits + 1, size_t(length - 1));
    }
    out += 'e';
    out += exp10 < 0 ? '-' : '+';
    const int a = std::abs(exp10);
    if (a < 10)
        out += '0';
    appendInteger(out, a);
}

const char kHex[] = "0123456789abcdef";

// One non-ASCII UTF-16 unit (two for a surrogate pair) as UTF-8; a lone surrogate becomes
// "\\uXXXX" as in Qt's writer. Leaves src on the last unit used.
void appendUtf8(std::string &out, const char16_t *&src, const char16_t *end)
{
    const char16_t u = *src;
    if (u < 0x800) {
        out += char(0xc0 | (u >> 6));
        out += char(0x80 | (u & 0x3f));
    } else if (u < 0xd800 || u > 0xdfff) {
        out += char(0xe0 | (u >> 12));
        out += char(0x80 | ((u >> 6) & 0x3f));
        out += char(0x80 | (u & 0x3f));
    } else if (u < 0xdc00 && src + 1 != end && src[1] >= 0xdc00 && src[1] <= 0xdfff) {
        const char32_t c = 0x10000 + ((char32_t(u) - 0xd800) << 10) + (char32_t(src[1]) - 0xdc00);
        ++src;
        out += char(0xf0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3f));
        out += char(0x80 | ((c >> 6) & 0x3f));
        out += char(0x80 | (c & 0x3f));
    } else {
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4)
            out += kHex[(u >> shift) & 0xf];
    }
}

void appendString(std::string &out, const QString &s)
{
    out += '"';
    const char16_t *src = reinterpret_cast<const char16_t *>(s.constData());
    const char16_t *const end = src + s.size();
    for (; src != end; ++src) {
        const char16_t u = *src;
        if (u >= 0x20 && u < 0x80 && u != '"' && u != '\\') {
            out += char(u);
            continue;
        }
        if (u >= 0x80) {
            appendUtf8(out, src, end);
            continue;
        }
        appendEscape(out, char(u));
    }
    out += '"';
}

// '"', '\\' and control characters as Qt escapes them.
void appendEscape(std::string &out, char u)
{
    out += '\\';
    switch (u) {
    case '"': out += '"'; break;
    case '\\': out += '\\'; break;
    case 0x8: out += 'b'; break;
    case 0xc: out += 'f'; break;
    case 0xa: out += 'n'; break;
    case 0xd: out += 'r'; break;
    case 0x9: out += 't'; break;
    default:
        out += "u00";
        out += kHex[uint8_t(u) >> 4];
        out += kHex[u & 0xf];
    }
}

struct Writer {
    std::string &out;
    bool compact;

    void indent(int level) { out.append(size_t(4 * level), ' '); }

    void value(const QJsonValue &v, int level)
    {
        switch (v.type()) {
        case QJsonValue::Bool: out += v.toBool() ? "true" : "false"; break;
        case QJsonValue::Double: number(v); break;
        case QJsonValue::String: appendString(out, v.toString()); break;
        case QJsonValue::Array: array(v.toArray(), level); break;
        case QJsonValue::Object: object(v.toObject(), level); break;
        default: out += "null";
        }
    }

    // Past 2^53 an integral number may be stored as an integer (exact) or a double ('g' form).
    void number(const QJsonValue &v)
    {
        const double d = v.toDouble();
        if (std::isfinite(d) && std::fabs(d) >= kMaxExact && d == std::trunc(d)) {
            const QCborValue c = QCborValue::fromJsonValue(v);
            if (c.isInteger())
                appendInteger(out, c.toInteger());
            else
                appendDouble(out, d);
            return;
        }
        appendNumber(out, d);
    }

    void array(const QJsonArray &a, int level)
    {
        out += compact ? "[" : "[\n";
        const int inner = level + (compact ? 0 : 1);
        for (qsizetype i = 0, n = a.size(); i < n; ++i) {
            indent(inner);
            value(a.at(i), inner);
            out += i + 1 == n ? (compact ? "" : "\n") : (compact ? "," : ",\n");
        }
        indent(level);
        out += ']';
    }

    void object(const QJsonObject &o, int level)
    {
        out += compact ? "{" : "{\n";
        const int inner = level + (compact ? 0 : 1);
        for (auto it = o.begin(), end = o.end(); it != end;) {
            indent(inner);
            appendString(out, it.key());
            out += compact ? ":" : ": ";
            value(it.value(), inner);
            ++it;
            out += it == end ? (compact ? "" : "\n") : (compact ? "," : ",\n");
        }
        indent(level);
        out += '}';
    }
};

} // namespace

void appendInteger(std::string &out, int64_t v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

void appendString(std::string &out, std::string_view utf8)
{
    out += '"';
    for (const char c : utf8) {
        if (uint8_t(c) >= 0x20 && c != '"' && c != '\\')
            out += c; // bytes >= 0x80 too: Qt's UTF-16 → UTF-8 gives valid UTF-8 back unchanged
        else
            appendEscape(out, c);
    }
    out += '"';
}

void appendValue(std::string &out, const QJsonValue &v, bool indented, int level)
{
    Writer{out, !indented}.value(v, indented ? level : 0); // compact text is never indented
}

void appendNumber(std::string &out, double d)
{
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    // QJsonValue(double) keeps integral values of at most 53 bits as integers.
    if (d == std::trunc(d) && std::fabs(d) <= kMaxExact) {
        appendInteger(out, int64_t(d));
        return;
    }
    appendDouble(out, d);
}

std::string writeJson(const QJsonObject &o, bool indented)
{
    std::string out;
    out.reserve(1024);
    Writer{out, !indented}.object(o, 0);
    if (indented)
        out += '\n';
    return out;
}

std::string writeJson(const QJsonArray &a, bool indented)
{
    std::string out;
    out.reserve(1024);
    Writer{out, !indented}.array(a, 0);
    if (indented)
        out += '\n';
    return out;
}

} // namespace co::json
