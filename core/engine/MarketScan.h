#pragma once
// One row per symbol for scan_market: where price stands against today's VWAP and value area, the
// nearest naked POC, today's delta and CVD, the last bar's stacked imbalances, funding and OI change.
#include "engine/KeyLevels.h"
#include "engine/Query.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace co {

struct ScanRow {
    std::string symbol;
    double price = 0;
    std::optional<double> dVWAP, dPOC, dVAH, dVAL;
    std::string vsVWAP;      // "above" | "below" | "at" | "" (no VWAP)
    std::string vsValueArea; // "above" | "inside" | "below" | ""
    std::optional<NakedPoc> nearestNakedPOC;
    double dayDelta = 0, cvd = 0;
    Timeframe timeframe = Timeframe::H1;
    int64_t lastBarOpenTime = 0;
    double lastBarDelta = 0;
    std::vector<StackedResult> lastBarStacked; // the largest kStackedShown
    int lastBarStackedCount = 0;
    std::optional<double> fundingRate;
    std::optional<double> openInterest, openInterestChange, openInterestChangePercent; // over the timeframe
    DataQuality quality;
};

QueryResult<ScanRow> buildScanRow(const EngineSnapshot &s, Timeframe tf, int64_t nowMs);

} // namespace co
