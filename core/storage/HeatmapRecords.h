#pragma once
// The heatmap_rows row (migration 0008) and a 10 s heatmap row: the column order and the bins'
// blob, used by the writer (RecordInserter) and the reader (CacheReader). Blob: version byte 1,
// bid and ask counts (uint16), then per bin its offset in bins from the side's first bin (uint16,
// away from the mid) and mean and max (float32), little-endian, zlib-compressed (qCompress); the
// first bin's price of each side (int64) follows the counts.
#include "model/HeatmapRow.h"
#include "storage/Sqlite.h"

#include <QByteArray>

#include <cstdint>
#include <optional>

namespace co {

inline constexpr const char *kHeatmapInsertSql =
    "INSERT OR REPLACE INTO heatmap_rows(sym, t, bin_size, sampled_ms, mid, best_bid, best_ask, bins) "
    "VALUES (?,?,?,?,?,?,?,?)";
// Parameters: sym, from (inclusive), to (exclusive); ascending.
inline constexpr const char *kHeatmapSelectSql =
    "SELECT t, bin_size, sampled_ms, mid, best_bid, best_ask, bins FROM heatmap_rows "
    "WHERE sym = ? AND t >= ? AND t < ? ORDER BY t";

QByteArray encodeHeatmapBins(const HeatmapRow &row);
// False on a blob this program did not write (bins left empty).
bool decodeHeatmapBins(const QByteArray &blob, HeatmapRow &row);

void bindHeatmapRow(Statement &insert, int64_t sym, const HeatmapRow &row);
// The current row of a kHeatmapSelectSql statement; nullopt when its bins cannot be decoded.
std::optional<HeatmapRow> readHeatmapRow(const Statement &select);

} // namespace co
