#pragma once
// The trade cache keeps TRADE_CACHE_DAYS UTC days per symbol and source, counted back from the
// newest stored day (so imported history stays until newer data pushes it out). Mark and depth
// samples follow the same window; day summaries, liquidations and open interest are kept.
#include <QString>

#include <cstdint>

struct sqlite3;

namespace co {

struct RetentionResult {
    int64_t trades = 0;  // trade rows deleted
    int64_t samples = 0; // mark and depth rows deleted
    bool more = false;   // the chunk limit was hit: call again
};

// One transaction deleting at most maxRows trades (short, so the writer is not held up).
bool runRetentionChunk(sqlite3 *db, int days, int maxRows, RetentionResult &result, QString *error);

} // namespace co
