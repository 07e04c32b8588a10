#pragma once
// The server's pictures (core/server/ToolImages) drawn with the desktop's pure painters (render/):
// installed by main() in every mode that serves MCP, headless included (a QGuiApplication on the
// offscreen platform gives the painters their fonts).
#include "server/ToolImages.h"

namespace co {

class ToolPictures : public ToolImages {
public:
    QByteArray footprint(const EngineSnapshot &s, Timeframe tf, int64_t grouping, int64_t fromMs, int64_t toMs) const override;
    QByteArray profile(const EngineSnapshot &s, const ProfilePicture &p, qsizetype maxBytes) const override;
    QByteArray heatmap(const EngineSnapshot &s, int64_t fromMs, int64_t toMs) const override;
};

} // namespace co
