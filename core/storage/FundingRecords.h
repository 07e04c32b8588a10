#pragma once
// The funding_rates row (migration 0005) and a settled rate: one place that knows the column
// order, used by the writer (RecordInserter) and the reader (CacheReader).
#include "model/Derivatives.h"
#include "storage/Sqlite.h"

#include <cstdint>

namespace co {

inline constexpr const char *kFundingInsertSql =
    "INSERT OR REPLACE INTO funding_rates(sym, t, rate, mark, interval_h) VALUES (?,?,?,?,?)";
// Parameters: sym, from (inclusive), to (exclusive); ascending.
inline constexpr const char *kFundingSelectSql =
    "SELECT t, rate, mark, interval_h FROM funding_rates WHERE sym = ? AND t >= ? AND t < ? ORDER BY t";

void bindFundingRow(Statement &insert, int64_t sym, const FundingSettlement &f) noexcept;
// The current row of a kFundingSelectSql statement.
FundingSettlement readFundingRow(const Statement &select) noexcept;

} // namespace co
