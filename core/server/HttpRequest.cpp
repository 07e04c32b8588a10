#include "server/HttpRequest.h"

namespace co {

namespace {
constexpr int kMaxHeaders = 100;
constexpr qsizetype kMaxTarget = 8 * 1024;

bool tchar(char c) // RFC 9110 token characters
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}
bool token(QByteArrayView s) { return !s.isEmpty() && std::all_of(s.begin(), s.end(), tchar); }
// Field values: visible ASCII, obs-text, space and tab; never CR, LF, NUL or other controls.
bool fieldValue(QByteArrayView s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return uchar(c) >= 0x20 ? c != 0x7f : c == '\t'; });
}
QByteArrayView trimmed(QByteArrayView s)
{
    while (!s.isEmpty() && (s.front() == ' ' || s.front() == '\t'))
        s = s.sliced(1);
    while (!s.isEmpty() && (s.back() == ' ' || s.back() == '\t'))
        s.chop(1);
    return s;
}
bool hasToken(QByteArrayView list, QByteArrayView t)
{
    for (const QByteArray &part : list.toByteArray().split(','))
        if (trimmed(part).compare(t, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

HeadResult error(int status, const QString &message)
{
    HeadResult r;
    r.kind = HeadResult::Error;
    r.status = status;
    r.message = message;
    return r;
}

// Content-Length fields: every element of every field digits and equal (RFC 9112 §6.3 item 5).
bool contentLength(const QList<QByteArrayView> &fields, qint64 *out)
{
    qint64 value = -1;
    for (QByteArrayView f : fields)
        for (const QByteArray &part : f.toByteArray().split(',')) {
            const QByteArrayView p = trimmed(part);
            if (p.isEmpty() || p.size() > 18 || !std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return false;
            const qint64 v = p.toLongLong();
            if (value >= 0 && v != value)
                return false;
            value = v;
        }
    *out = value;
    return value >= 0;
}
} // namespace

QByteArray HttpRequest::value(QByteArrayView name) const
{
    QByteArray out;
    bool found = false;
    for (const auto &[k, v] : headers)
        if (QByteArrayView(k).compare(name, Qt::CaseInsensitive) == 0) {
            if (found)
                out += ", ";
            out += v;
            found = true;
        }
    return out;
}

HeadResult parseRequestHead(QByteArrayView buf, const HttpLimits &limits)
{
    qsizetype pos = 0;
    while (pos < buf.size() && pos < 8 && (buf[pos] == '\r' || buf[pos] == '\n')) // empty lines before it
        ++pos;
    // The lines of the head: LF ends a line (a CR before it is dropped, a bare CR is refused).
    QList<QByteArrayView> lines;
    qsizetype end = -1;
    for (qsizetype at = pos; at < buf.size();) {
        const qsizetype nl = buf.indexOf('\n', at);
        if (nl < 0)
            break;
        QByteArrayView line = buf.sliced(at, nl - at);
        if (line.endsWith('\r'))
            line.chop(1);
        at = nl + 1;
        if (line.isEmpty()) {
            end = at;
            break;
        }
        if (line.contains('\r'))
            return error(400, "Bad Request: bare CR in the head");
        lines << line;
        if (lines.size() > kMaxHeaders + 1)
            return error(431, QString("Request Header Fields Too Large: at most %1 header fields").arg(kMaxHeaders));
    }
    if (end < 0 ? buf.size() > limits.maxHeaderBytes : end > limits.maxHeaderBytes)
        return error(431, QString("Request Header Fields Too Large: at most %1 bytes of head (MAX_HEADER_BYTES)")
                              .arg(limits.maxHeaderBytes));
    if (end < 0)
        return {};

    HttpRequest q;
    // request-line = method SP request-target SP HTTP-version
    const QByteArrayView line = lines.value(0);
    const qsizetype sp1 = line.indexOf(' '), sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0)
        return error(400, "Bad Request: malformed request line");
    const QByteArrayView method = line.first(sp1), target = line.sliced(sp1 + 1, sp2 - sp1 - 1),
                         version = line.sliced(sp2 + 1);
    if (!token(method) || method.size() > 16)
        return error(400, "Bad Request: malformed method");
    if (version == "HTTP/1.1")
        q.minorVersion = 1;
    else if (version == "HTTP/1.0")
        q.minorVersion = 0;
    else if (version.size() == 8 && version.startsWith("HTTP/") && version[6] == '.')
        return error(505, "HTTP Version Not Supported: use HTTP/1.1");
    else
        return error(400, "Bad Request: malformed HTTP version");
    if (target.isEmpty() || target.front() != '/' || target.size() > kMaxTarget ||
        !std::all_of(target.begin(), target.end(), [](char c) { return c > 0x20 && c < 0x7f; }))
        return error(400, "Bad Request: the target must be a path such as /mcp (at most 8 KiB of visible ASCII)");
    q.method = method.toByteArray();
    q.target = target.toByteArray();
    const QUrl url = QUrl::fromEncoded(q.target, QUrl::StrictMode);
    if (!url.isValid() || !url.isRelative() || url.hasFragment())
        return error(400, "Bad Request: malformed target");
    q.path = url.path(QUrl::FullyDecoded);
    q.urlQuery = QUrlQuery(url);
    auto err = [&q](int status, const QString &message) { // the path picks the error body's shape
        HeadResult r = error(status, message);
        r.request.path = q.path;
        return r;
    };

    QList<QByteArrayView> lengths;
    int hosts = 0;
    bool chunked = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView l = lines[i];
        if (l.front() == ' ' || l.front() == '\t')
            return err(400, "Bad Request: obsolete line folding");
        const qsizetype colon = l.indexOf(':');
        if (colon <= 0 || !token(l.first(colon)))
            return err(400, "Bad Request: malformed header field name");
        const QByteArrayView v = trimmed(l.sliced(colon + 1));
        if (!fieldValue(v))
            return err(400, "Bad Request: control character in a header field");
        const QByteArray name = l.first(colon).toByteArray().toLower();
        if (name == "content-length")
            lengths << v;
        else if (name == "transfer-encoding")
            chunked = true;
        else if (name == "host")
            ++hosts;
        q.headers.append({name, v.toByteArray()});
    }
    if (chunked && !lengths.isEmpty())
        return err(400, "Bad Request: Content-Length and Transfer-Encoding together");
    if (chunked)
        return err(411, "Length Required: send the body with Content-Length (no Transfer-Encoding)");
    if (!lengths.isEmpty() && !contentLength(lengths, &q.contentLength))
        return err(400, "Bad Request: invalid or conflicting Content-Length");
    if (hosts > 1 || (q.minorVersion == 1 && hosts == 0))
        return err(400, "Bad Request: HTTP/1.1 needs exactly one Host header");
    if (q.contentLength > limits.maxBodyBytes)
        return err(413, QString("Payload Too Large: at most %1 bytes of body (MAX_BODY_BYTES)").arg(limits.maxBodyBytes));
    const QByteArray expect = q.value("expect");
    if (!expect.isEmpty()) {
        if (expect.compare("100-continue", Qt::CaseInsensitive) != 0)
            return err(417, "Expectation Failed: only 100-continue");
        q.expectContinue = q.minorVersion == 1;
    }
    const QByteArray connection = q.value("connection");
    q.keepAlive = q.minorVersion == 1 && !hasToken(connection, "close"); // HTTP/1.0: one request per connection

    HeadResult r;
    r.kind = HeadResult::Complete;
    r.headBytes = end;
    r.request = std::move(q);
    return r;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Content";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
    }
}

} // namespace co
