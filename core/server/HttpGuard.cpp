#include "server/HttpGuard.h"

#include <QUrl>

namespace co {

namespace {
bool loopbackName(const QString &host)
{
    return host == "localhost" || host == "127.0.0.1" || host == "[::1]" || host == "::1";
}

// "127.0.0.1:8022" → "127.0.0.1", "[::1]:80" → "[::1]"
QString hostName(const QByteArray &hostHeader)
{
    const QString h = QString::fromLatin1(hostHeader).trimmed().toLower();
    if (h.startsWith('[')) {
        const qsizetype close = h.indexOf(']');
        return close < 0 ? h : h.left(close + 1);
    }
    const qsizetype colon = h.indexOf(':');
    return colon < 0 ? h : h.left(colon);
}

QByteArray mediaType(const QByteArray &v)
{
    const qsizetype semi = v.indexOf(';');
    return (semi < 0 ? v : v.left(semi)).trimmed().toLower();
}
} // namespace

bool hostAllowed(const QByteArray &host) { return loopbackName(hostName(host)); }

bool originAllowed(const QByteArray &origin, const QStringList &extra)
{
    const QString o = QString::fromLatin1(origin).trimmed();
    for (QString e : extra) {
        while (e.endsWith('/'))
            e.chop(1);
        if (o.compare(e, Qt::CaseInsensitive) == 0)
            return true;
    }
    const QUrl u(o, QUrl::StrictMode);
    if (!u.isValid() || (u.scheme() != "http" && u.scheme() != "https") || !u.path().isEmpty())
        return false;
    const QString host = u.host().toLower();
    return host == "localhost" || host == "127.0.0.1" || host == "::1";
}

bool tokenMatches(const QByteArray &authorization, const QByteArray &token)
{
    static const QByteArray prefix = "Bearer ";
    if (!authorization.startsWith(prefix))
        return false;
    const QByteArray given = authorization.mid(prefix.size()).trimmed();
    // Constant time over the token's length: the comparison does not stop at the first difference.
    unsigned diff = unsigned(given.size() ^ token.size());
    for (qsizetype i = 0; i < token.size(); ++i)
        diff |= unsigned(uchar(token[i]) ^ uchar(i < given.size() ? given[i] : 0));
    return diff == 0;
}

std::optional<ApiError> checkAccess(const GuardConfig &c, const QByteArray &host, const QByteArray &origin,
                                    const QByteArray &authorization, bool tokenExempt)
{
    if (c.loopback && !hostAllowed(host))
        return ApiError{ApiErrorKind::Forbidden, "Forbidden: host not allowed"};
    if (!origin.isEmpty() && !originAllowed(origin, c.allowedOrigins))
        return ApiError{ApiErrorKind::Forbidden, "Forbidden: origin not allowed"};
    if (!c.token.isEmpty() && !tokenExempt && !tokenMatches(authorization, c.token))
        return ApiError{ApiErrorKind::Forbidden, "Forbidden: missing or wrong bearer token"};
    return std::nullopt;
}

std::optional<ApiError> checkJsonPost(const QByteArray &contentType, const QByteArray &accept, qsizetype bodySize,
                                      qsizetype maxBody)
{
    if (mediaType(contentType) != "application/json")
        return ApiError{ApiErrorKind::UnsupportedMediaType, "Unsupported Media Type: Content-Type must be application/json"};
    if (!accept.trimmed().isEmpty()) {
        bool ok = false;
        for (const QByteArray &part : accept.split(',')) {
            const QByteArray t = mediaType(part);
            ok = ok || t == "application/json" || t == "application/*" || t == "*/*";
        }
        if (!ok)
            return ApiError{ApiErrorKind::NotAcceptable, "Not Acceptable: the client must accept application/json"};
    }
    if (bodySize > maxBody)
        return ApiError{ApiErrorKind::PayloadTooLarge,
                        QString("Payload Too Large: at most %1 bytes (MAX_BODY_BYTES)").arg(maxBody)};
    return std::nullopt;
}

} // namespace co
