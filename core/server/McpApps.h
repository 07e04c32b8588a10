#pragma once
// MCP Apps (the UI extension, SEP-1865): self-contained HTML pages a host that shows apps renders
// next to a tool's answer. get_footprint names its page in the tool's _meta.ui.resourceUri (and
// the older flat key "ui/resourceUri"); resources/list and resources/read serve it with the MCP App
// MIME type. The pages hold no external URL: everything they draw comes from the tool result
// the host posts to them.
#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace co {

class McpApps {
public:
    static constexpr const char *kMimeType = "text/html;profile=mcp-app";
    static constexpr const char *kFootprintUri = "ui://crypto-orderflow/footprint.html";

    // The tool's _meta linking it to a page.
    static QJsonObject toolMeta(const QString &uri);
    // The resources/list entries.
    static QJsonObject footprintEntry();
    // The resources/read "contents" entry of a ui:// page; nullopt for an unknown one.
    static std::optional<QJsonObject> read(const QString &uri);
};

} // namespace co
