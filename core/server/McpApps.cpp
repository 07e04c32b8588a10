#include "server/McpApps.h"

#include <QFile>

namespace co {

QJsonObject McpApps::toolMeta(const QString &uri)
{
    return QJsonObject{{"ui", QJsonObject{{"resourceUri", uri}}}, {"ui/resourceUri", uri}};
}

QJsonObject McpApps::footprintEntry()
{
    return QJsonObject{{"uri", kFootprintUri},
                       {"name", "footprint-app"},
                       {"title", "Footprint chart (MCP App)"},
                       {"description", "Interactive footprint of a get_footprint answer, for hosts that show MCP Apps"},
                       {"mimeType", kMimeType}};
}

std::optional<QJsonObject> McpApps::read(const QString &uri)
{
    if (uri != QLatin1String(kFootprintUri))
        return std::nullopt;
    QFile f(":/mcp-apps/footprint.html"); // compiled in (resources/mcp-apps)
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    // No external origins at all: the page needs no CSP exceptions.
    return QJsonObject{{"uri", uri},
                       {"mimeType", kMimeType},
                       {"text", QString::fromUtf8(f.readAll())},
                       {"_meta", QJsonObject{{"ui", QJsonObject{{"prefersBorder", true}}}}}};
}

} // namespace co
