#include "GuiFixtures.h"

#include <QDir>
#include <QImage>

#include <cmath>

namespace co::test {

SymbolInfo btcInfo()
{
    SymbolInfo s;
    s.name = "BTCUSDT";
    s.tickSize = 10'000'000;
    s.stepSize = 100'000;
    s.tickSource = TickSource::ExchangeInfo;
    return s;
}

void addTrades(MarketEngine &e, int64_t timeMs, const std::vector<FixtureTrade> &trades, int64_t &nextId)
{
    for (const FixtureTrade &t : trades) {
        Trade x;
        x.id = nextId++;
        x.timeMs = timeMs;
        x.price = std::llround(t.price * 10) * 10'000'000;
        x.qty = std::llround(t.qty * 1000) * 100'000;
        x.buyerMaker = !t.takerBuy;
        x.source = TradeSource::Trade;
        e.onTrade(x);
    }
}

void addWorkedExampleB(MarketEngine &e, int64_t openMs, int64_t &nextId)
{
    // Open at 100.2, close at 100.5 (later ids), so the candle is an up bar.
    addTrades(e, openMs + 1000,
              {{100.2, 8, false}, {100.2, 5, true}, {100.1, 20, false}, {100.1, 2, true}, {100.3, 7, false},
               {100.3, 24, true}, {100.4, 6, false}, {100.4, 24, true}, {100.6, 12, true}, {100.5, 3, false},
               {100.5, 30, true}},
              nextId);
}

QString saveArtifact(const QImage &image, const QString &name)
{
    QDir().mkpath(CO_ARTIFACT_DIR);
    const QString path = QDir(CO_ARTIFACT_DIR).filePath(name);
    image.save(path);
    return path;
}

} // namespace co::test
