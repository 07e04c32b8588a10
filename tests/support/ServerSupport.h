#pragma once
// Minimal bits for server tests and fuzz targets (copied from tests/integration/test_server.cpp):
// a small synthetic engine dataset and HTTP over a raw socket with every byte under control.
#include "engine/EngineRegistry.h"
#include "model/Time.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTcpSocket>

#include <cmath>

namespace co::testing {

inline const int64_t kSynthDay = daysFromCivil({2024, 8, 8}) * kMsPerDay;

inline Trade synthTrade(int64_t id, int64_t t, double price, double qty, bool buy)
{
    Trade x;
    x.id = id;
    x.timeMs = t;
    x.price = llround(price * 1e8);
    x.qty = llround(qty * 1e8);
    x.buyerMaker = !buy;
    return x;
}

inline SymbolInfo synthSymbol(const std::string &name, double tick)
{
    SymbolInfo s;
    s.name = name;
    s.tickSize = llround(tick * 1e8);
    s.stepSize = llround(0.001 * 1e8);
    s.tickSource = TickSource::ExchangeInfo;
    return s;
}

// BTCUSDT: a prior day and 11 minutes of today; XRPUSDT: 200 one-minute bars of 50 rows (a large
// footprint, about 32 KB an answer).
inline void fillSynthetic(EngineRegistry &registry, int xrpBars = 200)
{
    MarketEngine &btc = registry.engine(synthSymbol("BTCUSDT", 1));
    btc.onTrade(synthTrade(1, kSynthDay - 3 * kMsPerHour, 120, 2, true));
    btc.onTrade(synthTrade(2, kSynthDay - 2 * kMsPerHour, 121, 1, false));
    for (int i = 0; i < 11; ++i)
        btc.onTrade(synthTrade(3 + i, kSynthDay + i * kMsPerMinute, 100.0 + i, 5 + i * 3, i >= 5));
    MarketEngine &xrp = registry.engine(synthSymbol("XRPUSDT", 0.0001));
    int64_t id = 1;
    for (int bar = 0; bar < xrpBars; ++bar)
        for (int row = 0; row < 50; ++row)
            xrp.onTrade(synthTrade(id++, kSynthDay + bar * kMsPerMinute + row, 0.5 + row * 0.0001, 10 + row, row % 3 == 0));
    registry.publishAll();
}

struct Http {
    int status = 0; // 0: no (complete) answer in time
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    qint64 ms = 0; // time to the answer
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
};

// Reads one answer (Content-Length framed) from s, waiting at most timeoutMs; bytes after it stay in *rest.
inline Http readAnswer(QTcpSocket &s, int timeoutMs, QByteArray *rest = nullptr)
{
    QElapsedTimer t;
    t.start();
    QByteArray in = rest ? std::exchange(*rest, {}) : QByteArray();
    Http h;
    qsizetype headerEnd = -1;
    qint64 length = 0;
    while (true) {
        if (headerEnd < 0 && (headerEnd = in.indexOf("\r\n\r\n")) >= 0) {
            const QList<QByteArray> lines = in.left(headerEnd).split('\n');
            h.status = lines[0].split(' ').value(1).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                h.headers[lines[i].left(colon).trimmed().toLower()] = lines[i].mid(colon + 1).trimmed();
            }
            length = h.headers.value("content-length", "0").toLongLong();
        }
        if (headerEnd >= 0 && in.size() - headerEnd - 4 >= length)
            break;
        const qint64 left = timeoutMs - t.elapsed();
        if (left <= 0 || (!s.waitForReadyRead(int(left)) && s.bytesAvailable() == 0)) {
            h.status = 0;
            h.ms = t.elapsed();
            return h;
        }
        in += s.readAll();
    }
    h.body = in.mid(headerEnd + 4, length);
    if (rest)
        *rest = in.mid(headerEnd + 4 + length);
    h.ms = t.elapsed();
    return h;
}

// One request on its own connection; status 0 when no answer came within timeoutMs.
inline Http rawRequest(quint16 port, const QByteArray &bytes, int timeoutMs = 5000)
{
    QElapsedTimer t;
    t.start();
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(timeoutMs))
        return {};
    s.write(bytes);
    Http h = readAnswer(s, int(std::max<qint64>(1, timeoutMs - t.elapsed())));
    h.ms = t.elapsed();
    return h;
}

inline QByteArray post(quint16 port, const QByteArray &path, const QByteArray &body, const QByteArray &extra = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
           "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n" + extra +
           "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

inline QByteArray get(quint16 port, const QByteArray &path, const QByteArray &extra = {})
{
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n" + extra + "\r\n";
}

inline QByteArray rpc(const QJsonValue &id, const QString &method, const QJsonObject &params = {})
{
    QJsonObject o{{"jsonrpc", "2.0"}, {"method", method}};
    if (!id.isUndefined())
        o.insert("id", id);
    if (!params.isEmpty())
        o.insert("params", params);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

inline QJsonObject initParams()
{
    return {{"protocolVersion", "2025-06-18"}, {"capabilities", QJsonObject{}}, {"clientInfo", QJsonObject{{"name", "t"}, {"version", "1"}}}};
}

// Resident memory of this process (the server runs in the test process), in MB.
inline double rssMb()
{
    QFile f("/proc/self/status");
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}

} // namespace co::testing
