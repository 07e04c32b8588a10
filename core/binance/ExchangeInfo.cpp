#include "binance/ExchangeInfo.h"

#include "model/Fixed.h"

#include <simdjson.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <iterator>

namespace co {
namespace {

namespace dom = simdjson::dom;
using simdjson::SUCCESS;

std::string upper(std::string_view s)
{
    std::string r(s);
    for (char &c : r)
        if (c >= 'a' && c <= 'z')
            c = char(c - 32);
    return r;
}

std::string str(dom::element e, const char *key)
{
    std::string_view v;
    return e[key].get_string().get(v) == SUCCESS ? std::string(v) : std::string();
}

// PRICE_FILTER.tickSize and LOT_SIZE.stepSize (pricePrecision is not the tick, binance.md §2).
void readFilters(dom::element sym, SymbolInfo &si)
{
    dom::array filters;
    if (sym["filters"].get_array().get(filters) != SUCCESS)
        return;
    for (dom::element f : filters) {
        std::string_view type, value;
        if (f["filterType"].get_string().get(type) != SUCCESS)
            continue;
        int64_t units = 0;
        if (type == "PRICE_FILTER" && f["tickSize"].get_string().get(value) == SUCCESS && parseFixed(value, units) &&
            units > 0)
            si.tickSize = units;
        else if (type == "LOT_SIZE" && f["stepSize"].get_string().get(value) == SUCCESS && parseFixed(value, units) &&
                 units > 0)
            si.stepSize = units;
    }
}

std::optional<ExchangeInfo> fromJson(std::string_view json, dom::parser &parser, std::string &why)
{
    const simdjson::padded_string padded(json);
    dom::element root;
    if (auto e = parser.parse(padded).get(root)) {
        why = simdjson::error_message(e);
        return std::nullopt;
    }
    dom::array symbols;
    if (root["symbols"].get_array().get(symbols) != SUCCESS) {
        why = "no \"symbols\" array: not an exchangeInfo answer";
        return std::nullopt;
    }
    ExchangeInfo info;
    int64_t serverTime = 0;
    if (root["serverTime"].get_int64().get(serverTime) == SUCCESS)
        info.serverTimeMs = serverTime;

    dom::array limits;
    if (root["rateLimits"].get_array().get(limits) == SUCCESS) {
        for (dom::element l : limits) {
            int64_t num = 1, limit = 0;
            if (str(l, "rateLimitType") != "REQUEST_WEIGHT" || str(l, "interval") != "MINUTE")
                continue;
            if (l["intervalNum"].get_int64().get(num) == SUCCESS && num != 1)
                continue;
            if (l["limit"].get_int64().get(limit) == SUCCESS && limit > 0 && limit <= INT_MAX)
                info.requestWeightPerMinute = int(limit);
        }
    }

    for (dom::element s : symbols) {
        SymbolInfo si;
        si.name = upper(str(s, "symbol"));
        if (si.name.empty())
            continue;
        readFilters(s, si);
        if (si.tickSize > 0)
            si.tickSource = TickSource::ExchangeInfo;
        si.status = str(s, "status");
        si.contractType = str(s, "contractType");
        si.quoteAsset = str(s, "quoteAsset");
        info.symbols.push_back(std::move(si));
    }
    return info;
}

} // namespace

const SymbolInfo *ExchangeInfo::find(std::string_view name) const
{
    for (const SymbolInfo &s : symbols)
        if (s.name == name)
            return &s;
    return nullptr;
}

std::optional<ExchangeInfo> parseExchangeInfo(std::string_view text, std::string *error)
{
    const size_t brace = text.find('{');
    if (brace == std::string_view::npos) {
        if (error)
            *error = "exchangeInfo: no JSON object in the text";
        return std::nullopt;
    }
    dom::parser parser;
    std::string whyAll;
    if (auto info = fromJson(text.substr(brace), parser, whyAll))
        return info;
    // A recorder line "<url> -> <ts>: {json}" is followed by unrelated lines: retry with that line only.
    const size_t eol = text.find('\n', brace);
    std::string whyLine;
    if (eol != std::string_view::npos)
        if (auto info = fromJson(text.substr(brace, eol - brace), parser, whyLine))
            return info;
    if (error) {
        *error = "exchangeInfo: " + whyAll;
        if (!whyLine.empty())
            *error += "; first line alone: " + whyLine;
    }
    return std::nullopt;
}

std::optional<ExchangeInfo> loadExchangeInfoFile(const std::string &path, std::string *error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (error)
            *error = "cannot open " + path + ": " + std::strerror(errno);
        return std::nullopt;
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        if (error)
            *error = "cannot read " + path;
        return std::nullopt;
    }
    std::string why;
    auto info = parseExchangeInfo(text, &why);
    if (!info && error)
        *error = path + ": " + why;
    return info;
}

} // namespace co
