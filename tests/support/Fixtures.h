#pragma once
// Hand-made inputs shared by tests.
#include "model/Symbol.h"

namespace co::test {

// BTCUSDT with its exchangeInfo grid: tick 0.1, step 0.001 (1e-8 units).
inline SymbolInfo btcusdt()
{
    SymbolInfo s;
    s.name = "BTCUSDT";
    s.tickSize = 10'000'000;
    s.stepSize = 100'000;
    s.tickSource = TickSource::ExchangeInfo;
    return s;
}

} // namespace co::test
