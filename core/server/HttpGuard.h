#pragma once
// Request checks of mcp.md §2 and §5, on plain header values so they are testable alone:
// Host/Origin (DNS rebinding, foreign pages), bearer token, media types and the body limit.
#include "server/ApiError.h"

#include <QByteArray>
#include <QStringList>

#include <optional>

namespace co {

struct GuardConfig {
    bool loopback = true;       // bound to a loopback address: Host must name it
    QByteArray token;           // empty: no token required
    QStringList allowedOrigins; // extra Origins (ALLOWED_ORIGINS)
};

inline constexpr qsizetype kMaxBodyBytes = 1024 * 1024;

bool hostAllowed(const QByteArray &host);
bool originAllowed(const QByteArray &origin, const QStringList &extra);
bool tokenMatches(const QByteArray &authorization, const QByteArray &token); // constant time

// Host/Origin, then the token unless exempt (/healthz). Forbidden errors never say 401.
std::optional<ApiError> checkAccess(const GuardConfig &c, const QByteArray &host, const QByteArray &origin,
                                    const QByteArray &authorization, bool tokenExempt);
// POST bodies: Content-Type application/json (415), Accept (406), size (413).
// (HttpConnection already refused bodies over MAX_BODY_BYTES from their Content-Length.)
std::optional<ApiError> checkJsonPost(const QByteArray &contentType, const QByteArray &accept, qsizetype bodySize,
                                      qsizetype maxBody = kMaxBodyBytes);

} // namespace co
