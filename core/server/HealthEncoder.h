#pragma once
// The /healthz body from typed values: the services (engine/ServiceStatus.h), per-symbol engine
// snapshot ages and replay progress. The only place the service status becomes JSON. Serving (200)
// unless a data source is down: a live Binance connection that is not "live", a failed replay, or
// the server reporting a problem. Thread-safe (called on a server thread).
#include "engine/EngineRegistry.h"
#include "engine/ServiceStatus.h"
#include "server/HttpServer.h"

#include <QJsonObject>

#include <optional>

namespace co {

// What the wiring (app/ServerHealth) gathers for one answer.
struct HealthState {
    struct Replay {
        double progress = 0;
        bool finished = false;
    };
    ServiceStatus::Services services;
    std::optional<Replay> replay; // a replay runs in this process
    bool liveExpected = false;    // a live Binance feed is configured
    int64_t startedMs = 0;
};

HealthReport encodeHealth(const EngineRegistry &registry, const HealthState &state, int64_t wallMs);
// The "services" member of /healthz: one object per service that has reported.
QJsonObject encodeServices(const ServiceStatus::Services &services);

} // namespace co
