#pragma once
// A tools/call that asked for progress (a progressToken) for a symbol still warming up (followed
// on demand, today's backfill running) waits for the backfill instead of answering "warming up"
// at once: progress as the backfill advances, the normal answer once today is complete, and
// after kWarmUpWaitMs the usual warming-up error. Driven by the directory's watch (the feed's
// published status), never by polling; the server thread is not held (Tools::prepare, DeferredReplies).
#include "engine/SymbolDirectory.h"
#include "server/ToolProgress.h"

#include <QString>

#include <functional>
#include <memory>

namespace co {

inline constexpr int kWarmUpWaitMs = 30'000;

// Asks the directory for `symbol` (following it if new). WarmingUp: reports the progress, takes
// one callback from waitOne and calls it once (from any thread) when today is complete, the
// symbol is no longer followed, or limitMs passed; returns true. Otherwise returns false at once.
// Needs an event loop on the calling thread for the time limit.
bool waitForWarmUp(const std::shared_ptr<SymbolDirectory> &dir, const QString &symbol,
                   const std::function<std::function<void()>()> &waitOne, const ToolProgress &progress,
                   int limitMs = kWarmUpWaitMs);

// "BTCUSDT: backfilling today, 42 %"
QString warmUpMessage(const QString &symbol, double progress);

} // namespace co
