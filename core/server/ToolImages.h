#pragma once
// Pictures of tool answers (argument format: "png"): an MCP image content block drawn by the
// desktop's own pure painters. core/server has no QtGui: the program installs an implementation at
// start (app/ToolPictures, over render/); without one, format "png" is refused with a clear error.
// To add a picture for another tool: a method here, its drawing in app/ToolPictures, and in the
// tool's run: `if (pngWanted(a)) a.context().pictures->append(toolImages()->…);` (all pictures of
// one answer together within kMaxBytes).
#include "engine/Profiles.h"
#include "engine/Snapshot.h"
#include "indicators/Footprint.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace co {

class ToolArgs;

// A volume or TPO profile to draw (get_session_profile, get_tpo_profile).
struct ProfilePicture {
    QString title;
    std::vector<ProfileLevelRow> rows; // highest first, one per row of rowTicks ticks
    int64_t rowTicks = 1;
    bool tpo = false;                  // draw TPO counts (letters) instead of sell/buy volume
    std::optional<double> poc, vah, val;
};

class ToolImages {
public:
    static constexpr qsizetype kMaxBytes = 200 * 1024; // the PNG, before base64
    virtual ~ToolImages() = default;
    // The footprint of the bars opening in [fromMs, toMs) of timeframe tf, rows of grouping ticks,
    // as the Footprint view paints it. Empty when there is nothing to draw.
    virtual QByteArray footprint(const EngineSnapshot &s, Timeframe tf, int64_t grouping, int64_t fromMs, int64_t toMs) const = 0;
    // The profile as the Volume profile dock paints it, in at most maxBytes.
    virtual QByteArray profile(const EngineSnapshot &s, const ProfilePicture &p, qsizetype maxBytes) const = 0;
    // The liquidity heatmap of [fromMs, toMs) as the Heatmap pane paints it (the engine's 1 s book
    // frames: the last hour at most). Empty when there is nothing to draw.
    virtual QByteArray heatmap(const EngineSnapshot &s, int64_t fromMs, int64_t toMs) const = 0;
};

// Set once at start, before any server thread runs (the servers read it while answering).
void setToolImages(std::shared_ptr<const ToolImages> images);
const ToolImages *toolImages();

// The "format" argument's schema ("json" | "png").
QJsonObject formatSchema();
// format is "png": checks a renderer is installed (else rejects naming the argument).
bool pngWanted(const ToolArgs &a);

} // namespace co
