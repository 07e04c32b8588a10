// get_session_profile and get_tpo_profile on the shared BTCUSDT 2024-08-08 recording, replayed into
// an engine, against a naive reference written here (its own gzip reading and JSON parsing in support/RecordedTrades.h, its own loops,
// analysis.md A1, A4, A5): TPO letters per row, TPO POC/VA, session POC/VA, at 1 and 10 ticks per row.
#include "support/RecordedTrades.h"
#include "support/SharedData.h"

#include "engine/EngineRegistry.h"
#include "pipeline/MarketFeed.h"
#include "pipeline/ReplaySource.h"
#include "server/Tools.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <map>

using namespace co;

namespace {

constexpr qint64 kStart = 1723160400000; // 2024-08-08 23:40 UTC: the session "late" [23:40, 24:00)
constexpr qint64 kEnd = kStart + 20 * 60000;

struct RefTrade {
    qint64 time = 0, tick = 0, qty = 0; // tick = price / 0.1, qty in 0.001
};


std::vector<RefTrade> readTrades(const QString &file)
{
    std::vector<RefTrade> out;
    for (const co::test::RecordedTrade &t : co::test::readRecordedTrades(file, kStart, kEnd))
        out.push_back({t.timeMs, t.tick, t.qty});
    return out;
}

qint64 floorDiv(qint64 a, qint64 b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// indicators.md §2 on any counts: POC (nearest the middle, then lower), dual-row VA of 70 %.
void pocVa(const std::vector<qint64> &v, size_t &poc, size_t &lo, size_t &hi)
{
    const qint64 n = qint64(v.size());
    qint64 total = 0, best = 0;
    for (qint64 x : v)
        total += x;
    for (qint64 i = 1; i < n; ++i)
        if (v[size_t(i)] > v[size_t(best)] ||
            (v[size_t(i)] == v[size_t(best)] && std::abs(2 * i - (n - 1)) < std::abs(2 * best - (n - 1))))
            best = i;
    qint64 a = best, b = best, sum = v[size_t(best)];
    while (sum * 100 < total * 70) {
        const qint64 upN = std::min<qint64>(2, n - 1 - b), downN = std::min<qint64>(2, a);
        qint64 up = 0, down = 0;
        for (qint64 i = 1; i <= upN; ++i)
            up += v[size_t(b + i)];
        for (qint64 i = 1; i <= downN; ++i)
            down += v[size_t(a - i)];
        if (upN > 0 && (downN == 0 || up >= down)) {
            b += upN;
            sum += up;
        } else {
            a -= downN;
            sum += down;
        }
    }
    poc = size_t(best);
    lo = size_t(a);
    hi = size_t(b);
}

} // namespace

class TestProfilesRecorded : public QObject {
    Q_OBJECT
    EngineConfig config_;
    std::unique_ptr<EngineRegistry> registry_;
    std::unique_ptr<MarketFeed> feed_;
    std::vector<RefTrade> trades_;

    QJsonObject call(const QString &tool, const QJsonObject &args)
    {
        const Tools tools(*registry_, {"BTCUSDT"}, nullptr);
        const auto r = tools.call(tool, args);
        if (const ApiError *e = std::get_if<ApiError>(&r))
            qFatal("%s: %s", qPrintable(tool), qPrintable(e->message));
        return std::get<ToolOutput>(r).structured;
    }

private Q_SLOTS:
    void initTestCase()
    {
        CO_REQUIRE_SHARED_FILE(f, "hftbacktest/btcusdt_20240808.gz");
        trades_ = readTrades(f);
        QVERIFY(trades_.size() > 1000);
        config_.sessions = {SessionDef{"late", 23 * 60 + 40, 1440, nullptr}};
        registry_ = std::make_unique<EngineRegistry>(config_);
        feed_ = std::make_unique<MarketFeed>(*registry_);
        SymbolInfo info;
        info.name = "BTCUSDT";
        info.tickSize = 10'000'000; // 0.1
        info.tickSource = TickSource::ExchangeInfo;
        feed_->setSymbolInfo(info);
        feed_->restrictTo({"BTCUSDT"});
        feed_->setSource(false, "replay");
        ReplaySource replay({f.toStdString()}, ReplaySource::Options{"BTCUSDT", 0, nullptr});
        QVERIFY(replay.run([this](const MarketEvent &e) { feed_->apply(e); }));
        registry_->publishAll();
    }

    void tpoLetters_data()
    {
        QTest::addColumn<int>("k");
        QTest::newRow("1 tick") << 1;
        QTest::newRow("10 ticks") << 10;
    }
    void tpoLetters()
    {
        QFETCH(int, k);
        if (trades_.empty())
            QSKIP("no recording");
        std::map<qint64, QString> letters; // row → letters
        std::map<qint64, qint64> volume;
        for (const RefTrade &t : trades_) {
            const qint64 row = floorDiv(t.tick, k);
            const int period = int((t.time - kStart) / 60000);
            const QChar c = QChar(period < 26 ? 'A' + period : 'a' + period - 26);
            if (!letters[row].contains(c))
                letters[row] += c;
            volume[row] += t.qty;
        }
        const qint64 lo = letters.begin()->first, hi = letters.rbegin()->first;
        std::vector<qint64> counts, vols;
        for (qint64 r = lo; r <= hi; ++r) {
            counts.push_back(letters.count(r) ? letters[r].size() : 0);
            vols.push_back(volume.count(r) ? volume[r] : 0);
        }
        const QJsonObject t = call("get_tpo_profile", {{"symbol", "BTCUSDT"}, {"session", "late"}, {"periodMinutes", 1},
                                                       {"ticksPerRow", k}, {"includeLevels", true}, {"maxLevels", 2000}});
        const QJsonArray levels = t["levels"].toArray();
        QCOMPARE(qint64(levels.size()), std::min<qint64>(2000, hi - lo + 1)); // maxLevels: the highest 2000
        for (const QJsonValue &v : levels) { // highest first: [price, letters, volume]
            const QJsonArray a = v.toArray();
            const qint64 row = floorDiv(qRound64(a[0].toDouble() * 10), k);
            QCOMPARE(a[1].toString(), letters.count(row) ? letters[row] : QString());
            QVERIFY(std::abs(a[2].toDouble() - double(volume.count(row) ? volume[row] : 0) / 1000) < 1e-9);
        }
        auto price = [&](size_t i) { return double((lo + qint64(i)) * k) / 10; };
        size_t poc = 0, a = 0, b = 0;
        pocVa(counts, poc, a, b);
        QCOMPARE(t["tpo"].toObject()["poc"].toDouble(), price(poc));
        QCOMPARE(t["tpo"].toObject()["val"].toDouble(), price(a));
        QCOMPARE(t["tpo"].toObject()["vah"].toDouble(), price(b));
        pocVa(vols, poc, a, b);
        QCOMPARE(t["volume"].toObject()["poc"].toDouble(), price(poc));
        QCOMPARE(t["volume"].toObject()["val"].toDouble(), price(a));
        QCOMPARE(t["volume"].toObject()["vah"].toDouble(), price(b));
        // The session profile on the same rows: the volume POC/VA again, and the totals.
        const QJsonObject s = call("get_session_profile", {{"symbol", "BTCUSDT"}, {"session", "late"}, {"ticksPerRow", k}})["sessions"]
                                  .toArray()[0]
                                  .toObject();
        QCOMPARE(s["poc"].toDouble(), price(poc));
        QCOMPARE(s["val"].toDouble(), price(a));
        QCOMPARE(s["vah"].toDouble(), price(b));
        QCOMPARE(s["trades"].toInteger(), qint64(trades_.size()));
        qInfo("k=%d: %lld rows, %d periods, TPO POC %.1f", k, hi - lo + 1, t["periods"].toInt(), t["tpo"].toObject()["poc"].toDouble());
    }
};

QTEST_MAIN(TestProfilesRecorded)
#include "test_profiles_recorded.moc"
