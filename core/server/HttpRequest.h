#pragma once
// One HTTP/1.1 request head read strictly (RFC 9112) from bytes: the request guard of the server,
// pure so it can be unit-tested and fuzzed without sockets. Refused shapes (each its status):
// a head over the limit (431), a bad request line or header line, obs-fold, whitespace before a
// colon, control characters, conflicting or invalid Content-Length, Content-Length together with
// Transfer-Encoding, no or several Host in HTTP/1.1 (400), Transfer-Encoding alone (411: bodies
// need Content-Length), a body over the limit (413, before any of it is read), another HTTP
// version (505), an Expect other than 100-continue (417).
#include "server/HttpLimits.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

namespace co {

struct HttpRequest {
    QByteArray method; // as sent (methods are case-sensitive)
    QByteArray target; // origin-form: /path?query
    QString path;      // decoded
    QUrlQuery urlQuery;
    int minorVersion = 1;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-case, in order
    qint64 contentLength = 0;
    bool keepAlive = true;
    bool expectContinue = false;
    QByteArray bodyBytes;

    // A header's value (name case-insensitive); several fields of one name joined with ", ".
    QByteArray value(QByteArrayView name) const;
    const QByteArray &body() const { return bodyBytes; }
    const QUrlQuery &query() const { return urlQuery; }
};

struct HeadResult {
    enum Kind { Incomplete, Error, Complete };
    Kind kind = Incomplete;
    int status = 0;      // Error: the HTTP status to answer (then close)
    QString message;     // Error: why, for the JSON body
    qsizetype headBytes = 0; // Complete: bytes of the head (the body follows)
    HttpRequest request; // Complete
};

// Reads the head at the start of buf (empty lines before it are skipped, RFC 9112 §2.2).
HeadResult parseRequestHead(QByteArrayView buf, const HttpLimits &limits);

// "Bad Request" etc.
QByteArray reasonPhrase(int status);

} // namespace co
