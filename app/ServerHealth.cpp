#include "app/ServerHealth.h"

#include "pipeline/ReplayRunner.h"
#include "server/HealthEncoder.h"

namespace co {

HealthReport serverHealth(const HealthInputs &in, int64_t wallMs)
{
    HealthState state;
    state.services = in.status.all();
    if (in.replay)
        state.replay = HealthState::Replay{in.replay->progress(), in.replay->finished()};
    state.liveExpected = in.liveExpected;
    state.startedMs = in.startedMs;
    return encodeHealth(in.registry, state, wallMs);
}

} // namespace co
