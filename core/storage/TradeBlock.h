#pragma once
// A block of one symbol's trades of one source, consecutive by id, as one compressed BLOB
// (trade_blocks, migration 0004): columns delta-encoded (ids, times, prices, quantities as
// zigzag varints, sides as bits), then zstd. Prices and quantities are in steps of the symbol's
// stored units when every trade of the block is on that grid, else in 1e-8 units (a flag), so
// a block decodes exactly whatever the grid. Trades must be in id order, ids distinct.
#include "model/Trade.h"

#include <QString>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace co {

struct TradeBlockUnits {
    int64_t price = 1, qty = 1; // 1e-8 units per stored step (StoredSymbol)
};

// The compressed block. Empty on a zstd failure (never for valid input).
std::string encodeTradeBlock(std::span<const Trade> trades, TradeBlockUnits units);

// Appends the block's trades to out (source set to `source`). False with *error when the blob is
// cut, corrupt or of an unknown version; out is then left as it was.
bool decodeTradeBlock(std::string_view blob, TradeBlockUnits units, TradeSource source, std::vector<Trade> &out,
                      QString *error);

} // namespace co
