#pragma once
// REST: GET /api/<resource>/<symbol>?arg=value → the tool of the same arguments, the same result
// object as MCP structuredContent. Query values are typed by the tool's inputSchema (integers,
// numbers, booleans, comma-separated arrays); bad ones get the tool's own error text. With
// format=png the answer is the picture itself (image/png); `picture=i` picks one of several.
#include "server/ApiError.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <functional>
#include <optional>

namespace co {

class Tools;

class RestApi {
public:
    explicit RestApi(const Tools &tools) : tools_(tools) {}

    struct Reply {
        int status = 200;
        QByteArray body;
        int retryAfterSec = 0; // > 0: sent as Retry-After (retryAfterSec(ApiError))
        QByteArray contentType = "application/json";
        int pictures = 0; // format=png: how many the tool drew (X-Picture-Count)
    };
    // resource: one of resources(); symbol empty where the path has none. nullopt for an unknown
    // resource (404).
    std::optional<Reply> get(const QString &resource, const QString &symbol, const QUrlQuery &query) const;
    // Tools::prepare for the same call: true when get() would still wait (a day being rebuilt).
    bool prepare(const QString &resource, const QString &symbol, const QUrlQuery &query,
                 const std::function<std::function<void()>()> &waitOne) const;

    static QString toolFor(const QString &resource);
    static QStringList resources(); // every /api/<resource>, in a stable order

private:
    // The tool's arguments from the path and query; nullopt for an unknown resource.
    std::optional<QJsonObject> argsFor(const QString &name, const QString &symbol, const QUrlQuery &query) const;

    const Tools &tools_;
};

} // namespace co
