#pragma once
// Hand-made market data for the GUI tests: trades built into a real MarketEngine.
#include "engine/MarketEngine.h"

#include <QImage>
#include <QString>

#include <vector>

namespace co::test {

SymbolInfo btcInfo(); // tick 0.1, step 0.001

struct FixtureTrade {
    double price;
    double qty;
    bool takerBuy;
};

// One trade per entry, ids from `firstId`, all at timeMs.
void addTrades(MarketEngine &e, int64_t timeMs, const std::vector<FixtureTrade> &trades, int64_t &nextId);

// Worked example B of spec indicators.md §5 (tick 0.1, R = 3, N = 3) as one 5m bar at `openMs`:
// rows sell × buy 100.6: 0×12, 100.5: 3×30, 100.4: 6×24, 100.3: 7×24, 100.2: 8×5, 100.1: 20×2.
void addWorkedExampleB(MarketEngine &e, int64_t openMs, int64_t &nextId);

// Saves an image below the build's artifacts directory; returns the path.
QString saveArtifact(const QImage &image, const QString &name);

} // namespace co::test
