#pragma once
// Writes the non-trade records into the open transaction of a connection. Re-sent records
// (a replay, a restart) replace or are ignored by their keys, never doubled.
#include "model/Derivatives.h"
#include "model/HeatmapRow.h"
#include "storage/Records.h"
#include "storage/Sqlite.h"

#include <QString>

namespace co {

class RecordInserter {
public:
    explicit RecordInserter(sqlite3 *db);

    bool liquidation(int64_t sym, const Liquidation &l);
    bool mark(int64_t sym, const MarkPrice &m);
    bool openInterest(int64_t sym, const OpenInterest &oi);
    bool funding(int64_t sym, const FundingSettlement &f);
    bool heatmap(int64_t sym, const HeatmapRow &row);
    bool depth(int64_t sym, const DepthRecord &d);
    bool daySummary(int64_t sym, const DaySummaryRecord &d); // replaces the day's summary and profile
    const QString &error() const noexcept { return error_; }

private:
    bool done(Statement &st);

    Statement liq_, mark_, oi_, funding_, heatmap_, depth_, summary_, clearProfile_, profile_;
    QString error_;
};

} // namespace co
