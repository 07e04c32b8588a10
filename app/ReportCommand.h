#pragma once
// `crypto-orderflow report --replay FILE... --symbol SYM [--date YYYY-MM-DD]
//  [--exchange-info FILE] [--timeframe TF] [--rows] [--ticks-per-row K|auto] [--events]`: replays
// at full speed and prints the key-levels JSON of indicators.md §12 for every UTC day in the data
// (or the one asked). --events adds each footprint bar's A3 events at the trade that completed each
// zone: the replay then keeps the trades it applied (~40 bytes each) until the report is written.
#include "engine/EngineConfig.h"

#include <QString>
#include <QStringList>

#include <cstdio>

namespace co {

struct ReportOptions {
    QStringList files;
    QString symbol;
    QString date;         // empty: every day
    QString exchangeInfo; // saved exchangeInfo answer
    QString timeframe;    // empty: all five
    bool rows = false;
    bool pretty = false;
    bool events = false; // footprint bars' stacked-zone formation events
    int64_t ticksPerRow = 1; // 0: "auto" per day (analysis.md A1)
};

// Parses the arguments after "report". Returns false and sets *error on bad usage.
bool parseReportArgs(const QStringList &args, ReportOptions &o, QString *error);
// Exit code: 0 ok, 1 data/IO error, 2 usage error. JSON goes to out, messages to err.
int runReport(const ReportOptions &o, const EngineConfig &config, FILE *out, FILE *err);

} // namespace co
