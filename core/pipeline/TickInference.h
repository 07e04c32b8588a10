#pragma once
// Without exchangeInfo the tick size is the greatest common step of the traded prices
// (indicators.md §0): one quick pass over the files before the real replay, or (one symbol)
// inferred while replaying.
#include "model/Event.h"
#include "pipeline/ReplaySource.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace co {

// Symbol → gcd of its trade prices (1e-8 units). False and *error when a file cannot be read.
bool inferTickSizes(const std::vector<std::string> &files, const std::string &defaultSymbol,
                    std::map<std::string, int64_t> &ticks, std::string *error);

// One symbol's replay with its tick inferred on the way: the gcd of the first trades' prices is
// used at once and checked against the whole files' gcd at the end; only when they differ does
// the replay run again with the whole files' gcd. So the engine always sees the tick that
// inferTickSizes would give, in one pass in the usual case (a day's first 4096 trades hold its
// grid). start(tick) is called at the start of each pass and returns where that pass's events go.
struct InferredReplay {
    bool ok = false;
    std::string error;  // a file that cannot be read, or no trades of the symbol
    int64_t tick = 0;   // the whole files' gcd (1e-8 units)
    int passes = 0;
    ReplayStats stats;  // of the last pass
};
using ReplayStart = std::function<ReplaySource::Sink(int64_t tick)>;
InferredReplay replayInferringTick(const std::vector<std::string> &files, const std::string &symbol,
                                   const ReplayStart &start);

} // namespace co
