#pragma once
// The /healthz body: services (ServiceStatus), per-symbol engine snapshot ages and replay progress.
// Serving (200) unless a data source is down: a live Binance connection that is not "live", a
// failed replay, or any service reporting "ok": false. Thread-safe (read on the server thread).
#include "engine/EngineRegistry.h"
#include "engine/ServiceStatus.h"
#include "server/HttpServer.h"

namespace co {

class ReplayRunner;

struct HealthInputs {
    const EngineRegistry &registry;
    const ServiceStatus &status;
    const ReplayRunner *replay = nullptr; // null when not replaying
    bool liveExpected = false;            // a live Binance feed is configured
    int64_t startedMs = 0;
};

HealthReport serverHealth(const HealthInputs &in, int64_t wallMs);

} // namespace co
