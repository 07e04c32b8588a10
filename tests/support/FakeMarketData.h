#pragma once
// What the fake Binance serves for one symbol: aggregate trades with consecutive ids, a starting
// book and a continuous chain of depth diffs. Built from the recorded files of
// ../shared/data/binance (raw trades become aggTrades, ids consecutive) or generated.
#include "model/Depth.h"
#include "model/Trade.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace co::test {

struct FakeSymbolData {
    std::string symbol;                 // "BTCUSDT"
    int64_t tickSize = 10'000'000;      // 0.1
    int64_t stepSize = 100'000;         // 0.001
    std::vector<Trade> trades;          // ascending, ids consecutive
    DepthSnapshot initialBook;          // the book before diffs[0]
    std::vector<DepthUpdate> diffs;     // diffs[0].pu == initialBook.lastUpdateId, then a pu chain
    int fundingIntervalHours = 8;       // listed in fundingInfo when not 8 (Binance lists only those)
};

// Raw `trade` frames of recorder files → aggTrades (a = t); the REST snapshot and the diffs from
// the one that brackets it. nullopt (and *error) if the files cannot be read.
std::optional<FakeSymbolData> fakeDataFromRecording(const QStringList &files, QString *error);

// `n` trades from startMs, one every `everyMs`, ids from firstId, prices around 50000.
std::vector<Trade> syntheticTrades(uint32_t seed, size_t n, int64_t firstId, int64_t startMs, int64_t everyMs);

// A book of ≤ 300 levels a side (0.1 tick) and `n` diffs of 1-20 changed levels, from startMs,
// one every `everyMs`.
void syntheticDepth(uint32_t seed, size_t n, int64_t startMs, int64_t everyMs, FakeSymbolData &out);

} // namespace co::test
