#pragma once
// The 2026-07-28 protocol era (stateless, SEP-2575) beside the session eras of McpServer: no
// initialize and no session; every request names its version and client capabilities in
// params._meta (and, over HTTP, in the MCP-Protocol-Version / Mcp-Method / Mcp-Name headers,
// SEP-2243); server/discover describes the server; results carry resultType and the cacheable
// ones ttlMs/cacheScope (SEP-2549). Tools, resources and prompts are answered by the same code
// as the older eras (McpServer); this class only checks and wraps.
#include "server/ApiError.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <functional>
#include <optional>

namespace co {

class McpServer;

class McpModern {
public:
    static constexpr const char *kVersion = "2026-07-28";
    static constexpr const char *kMetaVersion = "io.modelcontextprotocol/protocolVersion";
    static constexpr const char *kMetaCapabilities = "io.modelcontextprotocol/clientCapabilities";
    // Versions served without a session.
    static const QStringList &versions();
    // Every version served, both eras (server/discover, UnsupportedProtocolVersionError).
    static QStringList allVersions();

    explicit McpModern(const McpServer &mcp) : mcp_(mcp) {}

    // The standard request headers of an HTTP request (stdio has none: nothing to compare).
    struct Headers {
        QByteArray version, method, name;
    };
    // Whether a single message sent outside any session belongs to this era: it carries a
    // protocol version in _meta, is server/discover, or names a version no session era knows.
    static bool claims(const QJsonValue &message, const QByteArray &headerVersion);

    struct Reply {
        int status = 200;
        QByteArray body; // empty: a notification or a client response (HTTP 202, nothing on stdio)
        // subscriptions/listen: body is the acknowledgement, the first event of a stream that stays open
        bool stream = false;
        QJsonValue subscriptionId = QJsonValue::Undefined;
        bool alerts = false; // the stream wants orderflow://alerts updates
    };
    // notify: where the request's progress notifications go (McpServer::Notify), may be empty.
    Reply handle(const QJsonValue &message, const Headers *headers, const std::function<void(const QByteArray &)> &notify = {}) const;

private:
    // The request's checks in the order of the reference server: version header, _meta keys,
    // header vs _meta, version supported, Mcp-Method, Mcp-Name.
    std::optional<ApiError> check(const QString &method, const QJsonObject &params, const Headers *headers) const;
    QByteArray discover() const;
    Reply listen(const QJsonValue &id, const QJsonObject &params) const;

    const McpServer &mcp_;
};

} // namespace co
