#pragma once
// The trades of a recorder file read independently of the program, for the naive reference
// calculations of the recorded-data tests: zlib and QJsonDocument, the raw `trade` frames (MARKET
// only) with T in [fromMs, toMs), one per trade id, in id order; price and quantity as exact
// counts of 0.1 and 0.001 (BTCUSDT's grid).
#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <zlib.h>

#include <map>
#include <vector>

namespace co::test {

// "123.45" → 12345 at decimals 2: the exact count of 10^-decimals (further digits cut).
inline qint64 exactDecimal(const QString &s, int decimals)
{
    const int dot = s.indexOf('.');
    QString ip = dot < 0 ? s : s.left(dot), fp = dot < 0 ? QString() : s.mid(dot + 1);
    while (fp.size() < decimals)
        fp += '0';
    qint64 scale = 1;
    for (int i = 0; i < decimals; ++i)
        scale *= 10;
    return ip.toLongLong() * scale + fp.left(decimals).toLongLong();
}

struct RecordedTrade {
    qint64 id = 0, timeMs = 0;
    qint64 tick = 0; // price in 0.1
    qint64 qty = 0;  // in 0.001
    bool sell = false; // the buyer was the maker: a sell aggressor
};

// Empty when the file cannot be read; *offGrid counts prices off the 0.1 grid (none expected).
inline std::vector<RecordedTrade> readRecordedTrades(const QString &file, qint64 fromMs, qint64 toMs,
                                                     int *offGrid = nullptr)
{
    std::map<qint64, RecordedTrade> byId;
    gzFile gz = gzopen(file.toLocal8Bit().constData(), "rb");
    if (!gz)
        return {};
    char buf[1 << 16];
    QByteArray line;
    while (gzgets(gz, buf, sizeof buf)) {
        line += buf;
        if (!line.endsWith('\n'))
            continue;
        if (line.contains("\"e\":\"trade\"")) {
            const QJsonObject d = QJsonDocument::fromJson(line.mid(line.indexOf('{'))).object()["data"].toObject();
            const qint64 t = d["T"].toInteger(), cents = exactDecimal(d["p"].toString(), 2);
            if (offGrid && cents % 10 != 0)
                ++*offGrid;
            if (t >= fromMs && t < toMs && d["X"].toString("MARKET") == "MARKET")
                byId.emplace(d["t"].toInteger(), RecordedTrade{d["t"].toInteger(), t, cents / 10,
                                                              exactDecimal(d["q"].toString(), 3), d["m"].toBool()});
        }
        line.clear();
    }
    gzclose(gz);
    std::vector<RecordedTrade> out;
    out.reserve(byId.size());
    for (const auto &[id, t] : byId)
        out.push_back(t);
    return out;
}

} // namespace co::test
