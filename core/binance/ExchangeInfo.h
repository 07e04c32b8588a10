#pragma once
// GET /fapi/v1/exchangeInfo: per-symbol tick/step sizes and the request-weight limit.
#include "model/Symbol.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace co {

struct ExchangeInfo {
    std::vector<SymbolInfo> symbols; // every symbol in the answer, with status/contractType/quoteAsset
    int requestWeightPerMinute = 2400;
    int64_t serverTimeMs = 0;

    const SymbolInfo *find(std::string_view name) const;
};

// Accepts the bare JSON or a recorder's line "<url> -> <ts>: {json}" followed by other lines.
// Returns nullopt and sets *error when no exchangeInfo object can be read.
std::optional<ExchangeInfo> parseExchangeInfo(std::string_view text, std::string *error = nullptr);
std::optional<ExchangeInfo> loadExchangeInfoFile(const std::string &path, std::string *error = nullptr);

} // namespace co
