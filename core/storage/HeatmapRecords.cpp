#include "storage/HeatmapRecords.h"

#include <QDataStream>
#include <QIODevice>

namespace co {

namespace {
constexpr quint8 kVersion = 1;
constexpr size_t kMaxBins = 0xffff;
} // namespace

QByteArray encodeHeatmapBins(const HeatmapRow &row)
{
    QByteArray raw;
    QDataStream out(&raw, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::LittleEndian);
    out.setFloatingPointPrecision(QDataStream::SinglePrecision);
    const size_t nb = std::min(row.bids.size(), kMaxBins), na = std::min(row.asks.size(), kMaxBins);
    out << kVersion << quint16(nb) << quint16(na);
    out << qint64(nb ? row.bids[0].price : 0) << qint64(na ? row.asks[0].price : 0);
    const int64_t step = row.binSize > 0 ? row.binSize : 1;
    for (size_t i = 0; i < nb; ++i)
        out << quint16(std::min<int64_t>(0xffff, (row.bids[0].price - row.bids[i].price) / step)) << row.bids[i].mean
            << row.bids[i].max;
    for (size_t i = 0; i < na; ++i)
        out << quint16(std::min<int64_t>(0xffff, (row.asks[i].price - row.asks[0].price) / step)) << row.asks[i].mean
            << row.asks[i].max;
    return qCompress(raw, 3);
}

bool decodeHeatmapBins(const QByteArray &blob, HeatmapRow &row)
{
    row.bids.clear();
    row.asks.clear();
    const QByteArray raw = qUncompress(blob);
    QDataStream in(raw);
    in.setByteOrder(QDataStream::LittleEndian);
    in.setFloatingPointPrecision(QDataStream::SinglePrecision);
    quint8 version = 0;
    quint16 nb = 0, na = 0;
    qint64 firstBid = 0, firstAsk = 0;
    in >> version >> nb >> na >> firstBid >> firstAsk;
    if (in.status() != QDataStream::Ok || version != kVersion || raw.size() != 21 + 10 * (qsizetype(nb) + na))
        return false;
    const int64_t step = row.binSize > 0 ? row.binSize : 1;
    auto read = [&](quint16 n, int64_t first, int dir, std::vector<HeatmapRow::Bin> &outBins) {
        for (quint16 i = 0; i < n; ++i) {
            quint16 off = 0;
            HeatmapRow::Bin b;
            in >> off >> b.mean >> b.max;
            b.price = first + dir * int64_t(off) * step;
            outBins.push_back(b);
        }
    };
    read(nb, firstBid, -1, row.bids);
    read(na, firstAsk, 1, row.asks);
    if (in.status() != QDataStream::Ok) {
        row.bids.clear();
        row.asks.clear();
        return false;
    }
    return true;
}

void bindHeatmapRow(Statement &insert, int64_t sym, const HeatmapRow &row)
{
    insert.bind(1, sym);
    insert.bind(2, row.timeMs);
    insert.bind(3, row.binSize);
    insert.bind(4, row.sampledMs);
    insert.bind(5, row.mid);
    insert.bind(6, row.bestBid);
    insert.bind(7, row.bestAsk);
    const QByteArray bins = encodeHeatmapBins(row);
    insert.bindBlob(8, bins.constData(), int(bins.size()));
}

std::optional<HeatmapRow> readHeatmapRow(const Statement &select)
{
    HeatmapRow row;
    row.timeMs = select.int64(0);
    row.binSize = select.int64(1);
    row.sampledMs = select.int64(2);
    row.mid = select.int64(3);
    row.bestBid = select.int64(4);
    row.bestAsk = select.int64(5);
    const std::string_view b = select.blob(6);
    if (!decodeHeatmapBins(QByteArray(b.data(), qsizetype(b.size())), row))
        return std::nullopt;
    return row;
}

} // namespace co
