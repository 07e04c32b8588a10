#include "binance/RestDecoders.h"

#include "model/Fixed.h"

#include <simdjson.h>

#include <charconv>
#include <type_traits>

namespace co {
namespace {

namespace dom = simdjson::dom;
using simdjson::SUCCESS;

// Parses into a thread-local parser; the element stays valid until the next parse on this thread.
bool parse(std::string_view json, dom::element &root, std::string *error)
{
    thread_local dom::parser parser;
    thread_local simdjson::padded_string buffer;
    buffer = simdjson::padded_string(json);
    if (auto e = parser.parse(buffer).get(root)) {
        if (error)
            *error = std::string("malformed JSON: ") + simdjson::error_message(e);
        return false;
    }
    return true;
}

bool fail(std::string *error, const char *what, const char *field, bool missing)
{
    if (error)
        *error = std::string(what) + (missing ? ": missing required field '" : ": bad value for field '") + field + "'";
    return false;
}

// Decimal string → fixed; missing → false with the field named.
bool fixedField(dom::object o, const char *key, int64_t &out, const char *what, std::string *error)
{
    dom::element v;
    if (o.at_key(key).get(v) != SUCCESS)
        return fail(error, what, key, true);
    std::string_view s;
    if (v.get_string().get(s) != SUCCESS || !parseFixed(s, out))
        return fail(error, what, key, false);
    return true;
}

// Integer given as a JSON number or a numeric string (openInterestHist timestamps come both ways).
bool intField(dom::object o, const char *key, int64_t &out, const char *what, std::string *error)
{
    dom::element v;
    if (o.at_key(key).get(v) != SUCCESS)
        return fail(error, what, key, true);
    if (v.get_int64().get(out) == SUCCESS)
        return true;
    std::string_view s;
    if (v.get_string().get(s) == SUCCESS) {
        const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
        if (r.ec == std::errc() && r.ptr == s.data() + s.size())
            return true;
    }
    return fail(error, what, key, false);
}

bool boolField(dom::object o, const char *key, bool &out, const char *what, std::string *error)
{
    dom::element v;
    if (o.at_key(key).get(v) != SUCCESS)
        return fail(error, what, key, true);
    if (v.get_bool().get(out) != SUCCESS)
        return fail(error, what, key, false);
    return true;
}

// The document's root as an object or an array.
template <class T> bool root(std::string_view json, T &out, const char *what, std::string *error)
{
    dom::element r;
    if (!parse(json, r, error))
        return false;
    if (r.get<T>().get(out) != SUCCESS) {
        if (error)
            *error = std::string(what) + (std::is_same_v<T, dom::object> ? ": not a JSON object" : ": not a JSON array");
        return false;
    }
    return true;
}

bool object(std::string_view json, dom::object &o, const char *what, std::string *error) { return root(json, o, what, error); }
bool array(std::string_view json, dom::array &a, const char *what, std::string *error) { return root(json, a, what, error); }

} // namespace

bool decodeAggTradesPage(std::string_view json, std::vector<Trade> &out, std::string *error)
{
    static constexpr const char *what = "aggTrades";
    out.clear();
    dom::array rows;
    if (!array(json, rows, what, error))
        return false;
    for (dom::element row : rows) {
        dom::object o;
        if (row.get_object().get(o) != SUCCESS)
            return fail(error, what, "row", false);
        Trade t;
        t.source = TradeSource::AggTrade;
        if (!intField(o, "a", t.id, what, error) || !fixedField(o, "p", t.price, what, error) ||
            !fixedField(o, "q", t.qty, what, error) || !intField(o, "T", t.timeMs, what, error) ||
            !boolField(o, "m", t.buyerMaker, what, error))
            return false;
        out.push_back(t);
    }
    return true;
}

bool decodeOpenInterest(std::string_view json, OpenInterest &out, std::string *error)
{
    static constexpr const char *what = "openInterest";
    dom::object o;
    if (!object(json, o, what, error))
        return false;
    out = {};
    return fixedField(o, "openInterest", out.openInterest, what, error) && intField(o, "time", out.timeMs, what, error);
}

bool decodeOpenInterestHist(std::string_view json, std::vector<OpenInterest> &out, std::string *error)
{
    static constexpr const char *what = "openInterestHist";
    out.clear();
    dom::array rows;
    if (!array(json, rows, what, error))
        return false;
    for (dom::element row : rows) {
        dom::object o;
        if (row.get_object().get(o) != SUCCESS)
            return fail(error, what, "row", false);
        OpenInterest oi;
        if (!fixedField(o, "sumOpenInterest", oi.openInterest, what, error) ||
            !fixedField(o, "sumOpenInterestValue", oi.valueUsdt, what, error) ||
            !intField(o, "timestamp", oi.timeMs, what, error))
            return false;
        out.push_back(oi);
    }
    return true;
}

bool decodeFundingRates(std::string_view json, std::vector<FundingSettlement> &out, std::string *error)
{
    static constexpr const char *what = "fundingRate";
    out.clear();
    dom::array rows;
    if (!array(json, rows, what, error))
        return false;
    for (dom::element row : rows) {
        dom::object o;
        if (row.get_object().get(o) != SUCCESS)
            return fail(error, what, "row", false);
        FundingSettlement f;
        if (!fixedField(o, "fundingRate", f.fundingRate, what, error) || !intField(o, "fundingTime", f.fundingTimeMs, what, error))
            return false;
        std::string_view mark;
        if (o.at_key("markPrice").get_string().get(mark) == SUCCESS && !mark.empty() && !parseFixed(mark, f.markPrice))
            return fail(error, what, "markPrice", false);
        out.push_back(f);
    }
    return true;
}

bool decodeFundingInfo(std::string_view json, std::map<std::string, int> &hoursBySymbol, std::string *error)
{
    static constexpr const char *what = "fundingInfo";
    hoursBySymbol.clear();
    dom::array rows;
    if (!array(json, rows, what, error))
        return false;
    for (dom::element row : rows) {
        dom::object o;
        std::string_view symbol;
        if (row.get_object().get(o) != SUCCESS)
            return fail(error, what, "row", false);
        if (o.at_key("symbol").get_string().get(symbol) != SUCCESS)
            return fail(error, what, "symbol", true);
        int64_t hours = 0;
        if (!intField(o, "fundingIntervalHours", hours, what, error))
            return false;
        if (hours <= 0 || hours > 24)
            return fail(error, what, "fundingIntervalHours", false);
        hoursBySymbol[std::string(symbol)] = int(hours);
    }
    return true;
}

bool decodePremiumIndex(std::string_view json, MarkPrice &out, std::string *error)
{
    static constexpr const char *what = "premiumIndex";
    dom::object o;
    if (!object(json, o, what, error))
        return false;
    out = {};
    return fixedField(o, "markPrice", out.markPrice, what, error) &&
           fixedField(o, "indexPrice", out.indexPrice, what, error) &&
           fixedField(o, "estimatedSettlePrice", out.settlePrice, what, error) &&
           fixedField(o, "lastFundingRate", out.fundingRate, what, error) &&
           intField(o, "nextFundingTime", out.nextFundingMs, what, error) && intField(o, "time", out.eventMs, what, error);
}

bool decodeTicker24h(std::string_view json, Ticker24h &out, std::string *error)
{
    static constexpr const char *what = "ticker/24hr";
    dom::object o;
    if (!object(json, o, what, error))
        return false;
    out = {};
    return fixedField(o, "lastPrice", out.lastPrice, what, error) && fixedField(o, "highPrice", out.highPrice, what, error) &&
           fixedField(o, "lowPrice", out.lowPrice, what, error) && fixedField(o, "openPrice", out.openPrice, what, error) &&
           fixedField(o, "priceChangePercent", out.priceChangePercent, what, error) &&
           fixedField(o, "volume", out.volume, what, error) && fixedField(o, "quoteVolume", out.quoteVolume, what, error) &&
           intField(o, "openTime", out.openTimeMs, what, error) && intField(o, "closeTime", out.closeTimeMs, what, error) &&
           intField(o, "count", out.count, what, error);
}

bool decodeQuoteVolumes(std::string_view json, std::map<std::string, int64_t> &out, std::string *error)
{
    static constexpr const char *what = "ticker/24hr (all symbols)";
    dom::element root;
    dom::array rows;
    if (!parse(json, root, error))
        return false;
    if (root.get_array().get(rows) != SUCCESS) {
        if (error)
            *error = std::string(what) + ": not an array";
        return false;
    }
    out.clear();
    for (dom::element row : rows) {
        dom::object o;
        std::string_view name;
        int64_t quote = 0;
        if (row.get_object().get(o) != SUCCESS || o.at_key("symbol").get_string().get(name) != SUCCESS)
            return fail(error, what, "symbol", true);
        if (!fixedField(o, "quoteVolume", quote, what, error))
            return false;
        out[std::string(name)] = quote;
    }
    return true;
}

std::optional<ApiError> decodeApiError(std::string_view json)
{
    dom::object o;
    if (!object(json, o, "error", nullptr))
        return std::nullopt;
    ApiError e;
    std::string_view msg;
    if (o.at_key("code").get_int64().get(e.code) != SUCCESS)
        return std::nullopt;
    if (o.at_key("msg").get_string().get(msg) == SUCCESS)
        e.msg.assign(msg);
    return e;
}

} // namespace co
