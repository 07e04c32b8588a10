#pragma once
// The heatmap pane's scene from an engine snapshot (pure): the engine's 1 s book frames of the
// last hour as columns × price bins (a frame fills the seconds until the next one, at most 60),
// the best bid/ask per column, and today's minute bars' price rows as trade bubbles sized by
// their volume (buy or sell by the larger side).
#include "engine/Snapshot.h"
#include "render/HeatmapPainter.h"

namespace co {

HeatmapScene buildHeatmapScene(const EngineSnapshot &s);

} // namespace co
