#pragma once
// Without exchangeInfo the tick size is the greatest common step of the traded prices
// (indicators.md §0): one quick pass over the files before the real replay.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace co {

// Symbol → gcd of its trade prices (1e-8 units). False and *error when a file cannot be read.
bool inferTickSizes(const std::vector<std::string> &files, const std::string &defaultSymbol,
                    std::map<std::string, int64_t> &ticks, std::string *error);

} // namespace co
