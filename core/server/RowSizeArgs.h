#pragma once
// The row-size arguments of the footprint and profile tools (spec analysis.md A1): ticksPerRow
// (an integer or "auto") and the Python server's binSize/tickSize (a price step, a multiple of the tick).
#include "server/ToolArgs.h"

#include <QJsonObject>

#include <cstdint>

namespace co {

struct RowSizeChoice {
    int64_t ticks = 1;     // k; meaningless while autoPick
    bool autoPick = false; // ticksPerRow "auto": the caller picks k from the rows it answers
    bool asked = false;    // either argument was given: the answer says which k it used
};

QJsonObject ticksPerRowSchema();
QJsonObject binSizeSchema();
QJsonObject tickSizeSchema(); // the Python server's name for binSize (footprint, TPO)

// Checks both arguments against the symbol's tick (1e-8 units); errors name the argument and the
// values allowed.
RowSizeChoice rowSizeOf(const ToolArgs &a, int64_t tick);

// ticksPerRow, binSize (price) and, for "auto", autoTicksPerRow: true.
void addRowSize(QJsonObject &out, const RowSizeChoice &c, int64_t ticks, int64_t tick);

} // namespace co
