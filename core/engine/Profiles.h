#pragma once
// Session volume profiles (spec analysis.md A4) and TPO / market profiles (A5), computed from the
// minute bars of the two days an engine keeps. Session and TPO windows start on whole minutes, so
// the minute bars' rows give the exact profile of the trades in the window.
#include "engine/KeyLevels.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace co {

struct ProfileLevelRow {
    double price = 0; // the merged row's low edge
    double volume = 0, buy = 0, sell = 0;
    std::string letters; // TPO only
};

struct SessionProfile {
    std::string name, start, end; // "13:00"
    int64_t windowStartMs = 0, windowEndMs = 0;
    bool active = false;
    int64_t trades = 0;
    double volume = 0, buyVolume = 0, sellVolume = 0, delta = 0, coverage = 0;
    std::optional<double> poc, vah, val, high, low, vwap;
    std::vector<ProfileLevelRow> rows; // highest first, only when asked
};

// The profile of the minute bars in [fromMs, toMs) on rows of k ticks.
SessionProfile sessionProfile(const EngineSnapshot &s, const SessionView &v, int64_t k, bool rows, int64_t nowMs);

struct TpoOptions {
    int periodMinutes = 30;
    int ibPeriods = 2;
    int tailMinLength = 2;
    int64_t ticksPerRow = 1;
    bool useVolumeForVA = false;
    bool levels = false;
};

struct TpoRange {
    double low = 0, high = 0;
    int rows = 0;
};

struct TpoExtension {
    std::string letter;
    int64_t timeMs = 0; // start of the period that first went beyond the IB
    double distance = 0; // the furthest price beyond the IB over the whole profile
};

struct TpoProfile {
    int64_t fromMs = 0, toMs = 0;
    int periods = 0; // lettered periods with trades or not, up to the last trade
    std::optional<double> tpoPoc, tpoVah, tpoVal, volumePoc, volumeVah, volumeVal, high, low;
    std::optional<double> ibHigh, ibLow;
    std::optional<TpoExtension> rangeExtensionUp, rangeExtensionDown;
    std::vector<TpoRange> singlePrints;
    std::optional<TpoRange> buyingTail, sellingTail;
    bool poorHigh = false, poorLow = false;
    std::vector<ProfileLevelRow> rows; // highest first, only when asked
};

// Letter of period i: A…Z then a…z (i < 52).
char tpoLetter(int i) noexcept;

TpoProfile tpoProfile(const EngineSnapshot &s, int64_t fromMs, int64_t toMs, const TpoOptions &o);

} // namespace co
