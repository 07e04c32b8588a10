#pragma once
// The data-quality record attached to every result (spec indicators.md §11).
#include "model/Symbol.h"
#include "model/Trade.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace co {

struct Gap {
    int64_t fromMs = 0;
    int64_t toMs = 0;
    int64_t fromId = 0; // first missing id
    int64_t toId = 0;   // last missing id
    std::string reason; // "id_gap", "ws_reconnect", "rest_window", ...
};

struct DataQuality {
    bool live = false;
    std::string source = "replay"; // binance-usdm | replay | archive | cache
    int64_t ageMs = 0;
    int64_t fromMs = 0;
    int64_t toMs = 0;
    double coverage = 0;
    std::optional<TradeSource> tradeSource;
    int64_t tickSize = 0;
    TickSource tickSource = TickSource::Inferred;
    std::vector<Gap> gaps; // at most 10 kept for output, see gapsOmitted
    int64_t gapsOmitted = 0;
    std::map<std::string, int64_t> excluded; // by X (INSURANCE_FUND, ADL, ...)
    int64_t duplicates = 0;
    int64_t offGridTrades = 0;
    std::vector<std::string> warnings;
};

} // namespace co
