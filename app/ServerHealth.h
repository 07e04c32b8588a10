#pragma once
// Wires /healthz: gathers the typed service status, the replay's progress and the start time for
// the encoder (server/HealthEncoder.h), which decides the answer. Thread-safe (read on the server
// thread).
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
