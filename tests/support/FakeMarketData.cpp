#include "support/FakeMarketData.h"

#include "pipeline/ReplaySource.h"

#include <QStringList>

#include <map>
#include <random>

namespace co::test {

std::optional<FakeSymbolData> fakeDataFromRecording(const QStringList &files, QString *error)
{
    std::vector<std::string> paths;
    for (const QString &f : files)
        paths.push_back(f.toStdString());
    FakeSymbolData d;
    std::optional<DepthSnapshot> snap;
    std::vector<DepthUpdate> diffs;
    ReplaySource src(paths);
    const bool ok = src.run([&](const MarketEvent &e) {
        if (d.symbol.empty() && !e.symbol.empty())
            d.symbol = std::string(e.symbol.view());
        if (const auto *t = std::get_if<Trade>(&e.payload)) {
            Trade a = *t;
            a.source = TradeSource::AggTrade;
            d.trades.push_back(a);
        } else if (const auto *u = std::get_if<DepthUpdate>(&e.payload)) {
            diffs.push_back(*u);
        } else if (const auto *s = std::get_if<DepthSnapshot>(&e.payload)) {
            if (!snap)
                snap = *s;
        }
    });
    if (!ok || !snap) {
        if (error)
            *error = ok ? "no REST depth snapshot in the files" : QString::fromStdString(src.error());
        return std::nullopt;
    }
    // The fake streams from its starting book on: begin at the diff that brackets the snapshot and
    // start from the book just before it by pretending the snapshot is at that diff's pu.
    size_t first = 0;
    while (first < diffs.size() && diffs[first].lastId < snap->lastUpdateId)
        ++first;
    d.initialBook = *snap;
    d.initialBook.lastUpdateId = first < diffs.size() ? diffs[first].prevLastId : snap->lastUpdateId;
    d.diffs.assign(diffs.begin() + long(first), diffs.end());
    return d;
}

std::vector<Trade> syntheticTrades(uint32_t seed, size_t n, int64_t firstId, int64_t startMs, int64_t everyMs)
{
    std::mt19937 rng(seed);
    std::vector<Trade> out;
    out.reserve(n);
    int64_t price = 50'000 * 100'000'000LL;
    for (size_t i = 0; i < n; ++i) {
        Trade t;
        t.id = firstId + int64_t(i);
        t.timeMs = startMs + int64_t(i) * everyMs;
        price += (int64_t(rng() % 5) - 2) * 10'000'000; // ±0.2 in 0.1 steps
        t.price = price;
        t.qty = int64_t(1 + rng() % 2000) * 100'000;   // 0.001 … 2.0
        t.buyerMaker = rng() % 2;
        out.push_back(t);
    }
    return out;
}

void syntheticDepth(uint32_t seed, size_t n, int64_t startMs, int64_t everyMs, FakeSymbolData &out)
{
    std::mt19937 rng(seed);
    constexpr int64_t tick = 10'000'000, mid = 50'000 * 100'000'000LL;
    constexpr int kLevels = 300;
    auto qty = [&rng] { return int64_t(1 + rng() % 5000) * 100'000; };
    DepthSnapshot &s = out.initialBook;
    s = {};
    s.lastUpdateId = 1'000'000;
    s.eventMs = startMs;
    for (int i = 1; i <= kLevels; ++i) {
        if (rng() % 4 != 0) // some empty levels
            s.bids.push_back({mid - i * tick, qty()});
        if (rng() % 4 != 0)
            s.asks.push_back({mid + i * tick, qty()});
    }
    out.diffs.clear();
    int64_t last = s.lastUpdateId;
    for (size_t k = 0; k < n; ++k) {
        DepthUpdate u;
        u.eventMs = u.txMs = startMs + int64_t(k + 1) * everyMs;
        u.prevLastId = last;
        u.firstId = last + 1;
        u.lastId = last + 1 + int64_t(rng() % 5);
        last = u.lastId;
        const int changes = 1 + int(rng() % 20);
        for (int c = 0; c < changes; ++c) {
            const int64_t level = 1 + int64_t(rng() % kLevels);
            const bool remove = rng() % 4 == 0;
            PriceLevel l{0, remove ? 0 : qty()};
            if (rng() % 2) {
                l.price = mid - level * tick;
                u.bids.push_back(l);
            } else {
                l.price = mid + level * tick;
                u.asks.push_back(l);
            }
        }
        out.diffs.push_back(std::move(u));
    }
}

} // namespace co::test
