#include "server/ToolImages.h"

#include "server/ToolArgs.h"

#include <QJsonArray>

namespace co {

namespace {
std::shared_ptr<const ToolImages> &installed()
{
    static std::shared_ptr<const ToolImages> images;
    return images;
}
} // namespace

void setToolImages(std::shared_ptr<const ToolImages> images) { installed() = std::move(images); }

const ToolImages *toolImages() { return installed().get(); }

QJsonObject formatSchema()
{
    return QJsonObject{{"type", "string"},
                       {"enum", QJsonArray{"json", "png"}},
                       {"default", "json"},
                       {"description", "png: the JSON answer plus a picture of it (an image content block, PNG ≤ 200 KB) "
                                       "drawn as the desktop app draws it"}};
}

bool pngWanted(const ToolArgs &a)
{
    if (a.string("format").value_or("json") != "png")
        return false;
    if (!toolImages() || !a.context().pictures)
        a.reject("format", "this server cannot draw pictures; use json");
    return true;
}

} // namespace co
