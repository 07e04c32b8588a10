#pragma once
// Binance archive aggTrades files built in tests from the recorded trades of shared/data: rows,
// CSV (with or without the header row), a zip holding one CSV, and their sha256.
#include <QByteArray>
#include <QList>
#include <QString>

namespace co::test {

constexpr qint64 kDayMs = 86'400'000;

struct Row {
    qint64 id = 0, time = 0;
    QByteArray price, qty;
    bool buyerMaker = false;
};

// "0.006" → 600000 (1e-8 units), written here independently of the program's parser.
qint64 units(const QByteArray &s);
// The raw trades of a recording (one aggTrade row each, ids from 2 300 000 000).
QList<Row> recordedTrades(const QString &gzPath);
// The rows moved by whole days (ids by 100 000 a day).
QList<Row> shifted(QList<Row> rows, int days);
QByteArray csv(const QList<Row> &rows, bool header);
QByteArray zipOf(const QString &entryName, const QByteArray &content);
QString sha256(const QByteArray &b);
bool writeFile(const QString &path, const QByteArray &data);

} // namespace co::test
