#pragma once
// What test_replay collects from a ReplaySource run, and the checks of the literal CSV rows.
#include "pipeline/ReplaySource.h"
#include "model/Time.h"

#include <quazip/quagzipfile.h>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <tuple>

namespace co::replaytest {

struct SnapshotSeen {
    QString symbol;
    int64_t lastUpdateId = 0;
    int64_t eventMs = 0;
    int64_t localMs = 0;
    size_t bids = 0;
    size_t asks = 0;
};

struct TradeSeen {
    QString symbol;
    int64_t localMs = 0;
    Trade trade;
};

// Keeps what the tests check, not whole events (depth updates would cost memory for nothing).
struct Collector {
    std::vector<TradeSeen> trades;
    std::vector<SnapshotSeen> snapshots;
    size_t depthUpdates = 0;
    size_t others = 0;
    std::set<QString> symbols;
    int64_t minLocalMs = INT64_MAX;
    int64_t maxLocalMs = INT64_MIN;

    ReplaySource::Sink sink()
    {
        return [this](const MarketEvent &ev) {
            const QString symbol = QString::fromLatin1(ev.symbol.view().data(), qsizetype(ev.symbol.view().size()));
            symbols.insert(symbol);
            minLocalMs = std::min(minLocalMs, ev.localMs);
            maxLocalMs = std::max(maxLocalMs, ev.localMs);
            if (const auto *t = std::get_if<Trade>(&ev.payload))
                trades.push_back({symbol, ev.localMs, *t});
            else if (const auto *s = std::get_if<DepthSnapshot>(&ev.payload))
                snapshots.push_back({symbol, s->lastUpdateId, s->eventMs, ev.localMs, s->bids.size(), s->asks.size()});
            else if (std::holds_alternative<DepthUpdate>(ev.payload))
                ++depthUpdates;
            else
                ++others;
        };
    }
};

inline bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

inline bool writeGzip(const QString &path, const QByteArray &data)
{
    QuaGzipFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    const bool ok = f.write(data) == data.size();
    f.close();
    return ok;
}

inline bool writeZip(const QString &path, const QString &entryName, const QByteArray &data)
{
    QuaZip zip(path);
    if (!zip.open(QuaZip::mdCreate))
        return false;
    QuaZipFile f(&zip);
    if (!f.open(QIODevice::WriteOnly, QuaZipNewInfo(entryName)))
        return false;
    const bool ok = f.write(data) == data.size();
    f.close();
    zip.close();
    return ok && f.getZipError() == UNZ_OK && zip.getZipError() == UNZ_OK;
}

inline std::string str(const QString &s) { return s.toStdString(); }

inline bool idsConsecutive(const std::vector<TradeSeen> &trades, int64_t first, int64_t last)
{
    if (trades.size() != size_t(last - first + 1))
        return false;
    for (size_t i = 0; i < trades.size(); ++i)
        if (trades[i].trade.id != first + int64_t(i))
            return false;
    return true;
}

inline int64_t utcDay(int year, int month, int day) { return daysFromCivil({year, month, day}); }

// Frames in hftbacktest's shape (from INDEX.md examples; depth levels shortened).
inline const QByteArray kTradeFrame =
    R"({"stream":"btcusdt@trade","data":{"e":"trade","E":1721347202813,"T":1721347202812,"s":"BTCUSDT","t":5182006711,"p":"63960.00","q":"0.310","X":"MARKET","m":false}})";
inline const QByteArray kDepthFrame =
    R"({"stream":"btcusdt@depth@0ms","data":{"e":"depthUpdate","E":1721347022504,"T":1721347022504,"s":"BTCUSDT","U":4984028367545,"u":4984028370730,"pu":4984028367494,"b":[["63943.90","1.000"]],"a":[["63944.00","0.095"]]}})";
inline const QByteArray kSnapshotFrame =
    R"({"lastUpdateId":4984028384061,"E":1721347022759,"T":1721347022750,"bids":[["63943.90","46.372"]],"asks":[["63944.00","0.095"]]})";

inline const QByteArray kCsvWithHeader = "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n"
                                  "2639201000,83624.5,0.004,6187001000,6187001000,1743465600008,true\n"
                                  "2639201001,83624.6,1.250,6187001001,6187001003,1743465600012,false\n"
                                  "2639201002,83620,12,6187001004,6187001004,1743465600999,false\n";

// The three rows of kCsvWithHeader, read from their text.
inline void checkHeaderCsvTrades(const std::vector<TradeSeen> &t, size_t from, const char *symbol)
{
    QVERIFY(t.size() >= from + 3);
    for (size_t i = from; i < from + 3; ++i) {
        QCOMPARE(t[i].symbol, QString(symbol));
        QCOMPARE(t[i].trade.source, TradeSource::AggTrade);
        QCOMPARE(t[i].localMs, int64_t(0));
    }
    QCOMPARE(t[from].trade.id, int64_t(2639201000));
    QCOMPARE(t[from].trade.price, int64_t(8362450000000));
    QCOMPARE(t[from].trade.qty, int64_t(400000));
    QCOMPARE(t[from].trade.timeMs, int64_t(1743465600008));
    QCOMPARE(t[from].trade.buyerMaker, true);
    QCOMPARE(t[from + 1].trade.id, int64_t(2639201001));
    QCOMPARE(t[from + 1].trade.price, int64_t(8362460000000));
    QCOMPARE(t[from + 1].trade.qty, int64_t(125000000));
    QCOMPARE(t[from + 1].trade.timeMs, int64_t(1743465600012));
    QCOMPARE(t[from + 1].trade.buyerMaker, false);
    QCOMPARE(t[from + 2].trade.id, int64_t(2639201002));
    QCOMPARE(t[from + 2].trade.price, int64_t(8362000000000));
    QCOMPARE(t[from + 2].trade.qty, int64_t(1200000000));
    QCOMPARE(t[from + 2].trade.timeMs, int64_t(1743465600999));
}

} // namespace co::replaytest
