#include "support/ArchiveFiles.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <zlib.h>

namespace co::test {

// "0.006" → 600000 (1e-8 units), written here independently of the program's parser.
qint64 units(const QByteArray &s)
{
    const int dot = s.indexOf('.');
    QByteArray frac = dot < 0 ? QByteArray() : s.mid(dot + 1);
    frac = frac.leftJustified(8, '0');
    return (dot < 0 ? s : s.left(dot)).toLongLong() * 100'000'000 + frac.toLongLong();
}

// The raw trades of a recording (one aggTrade row each), read with QJsonDocument.
QList<Row> recordedTrades(const QString &gzPath)
{
    QList<Row> out;
    gzFile f = gzopen(gzPath.toLocal8Bit().constData(), "rb");
    if (!f)
        return out;
    QByteArray all;
    char buf[1 << 16];
    for (int n; (n = gzread(f, buf, sizeof buf)) > 0;)
        all.append(buf, n);
    gzclose(f);
    qint64 agg = 2'300'000'000;
    for (const QByteArray &line : all.split('\n')) {
        const int sp = line.indexOf(' ');
        if (sp < 0 || !line.contains("\"e\":\"trade\""))
            continue;
        const QJsonObject d = QJsonDocument::fromJson(line.mid(sp + 1)).object().value("data").toObject();
        Row r;
        r.id = agg++;
        r.time = qint64(d.value("T").toDouble());
        r.price = d.value("p").toString().toLatin1();
        r.qty = d.value("q").toString().toLatin1();
        r.buyerMaker = d.value("m").toBool();
        out << r;
    }
    return out;
}

QList<Row> shifted(QList<Row> rows, int days)
{
    const qint64 idShift = qint64(days) * 100'000;
    for (Row &r : rows) {
        r.time += days * kDayMs;
        r.id += idShift;
    }
    return rows;
}

QByteArray csv(const QList<Row> &rows, bool header)
{
    QByteArray out;
    if (header)
        out += "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n";
    for (const Row &r : rows)
        out += QByteArray::number(r.id) + ',' + r.price + ',' + r.qty + ',' + QByteArray::number(r.id * 3) + ',' +
               QByteArray::number(r.id * 3 + 2) + ',' + QByteArray::number(r.time) + ',' +
               (r.buyerMaker ? "true" : "false") + '\n';
    return out;
}

QByteArray zipOf(const QString &entryName, const QByteArray &content)
{
    QByteArray bytes;
    {
        QBuffer buf(&bytes);
        QuaZip zip(&buf);
        if (!zip.open(QuaZip::mdCreate))
            return {};
        QuaZipFile f(&zip);
        if (!f.open(QIODevice::WriteOnly, QuaZipNewInfo(entryName)))
            return {};
        f.write(content);
        f.close();
        zip.close();
    }
    return bytes;
}

QString sha256(const QByteArray &b) { return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex()); }

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

} // namespace co::test
