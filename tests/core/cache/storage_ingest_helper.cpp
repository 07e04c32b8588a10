// Helper of test_storage_crash: the real storage pipeline (EngineThread → engine → observer →
// TradeWriter, restore on start) fed with generated trades, until it is killed.
//   storage_ingest_helper DBPATH
// Prints "ready <last stored id>" once the restore is done, then every 50 ms
// "accepted <last id> <wall ms>" after the engine has applied (and queued for storage) every
// trade up to that id. Trades: consecutive ids from the last stored one, time = wall clock.
#include "pipeline/EngineThread.h"
#include "cache/StorageService.h"
#include "engine/EngineRegistry.h"
#include "engine/ServiceStatus.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>

#include <cstdio>

using namespace co;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: storage_ingest_helper DBPATH\n");
        return 2;
    }
    CacheOptions config; // the defaults of a live run
    config.dbPath = QString::fromLocal8Bit(argv[1]);
    config.symbols = {"BTCUSDT"};
    QString error;
    EngineRegistry registry(config.engine);
    ServiceStatus status;
    EngineThread engines(registry);
    engines.post(std::function<void(MarketFeed &)>([](MarketFeed &feed) {
        SymbolInfo info;
        info.name = "BTCUSDT";
        info.tickSize = 10'000'000;
        info.stepSize = 100'000;
        info.tickSource = TickSource::ExchangeInfo;
        feed.setSymbolInfo(info);
    }));
    StorageService storage(config, engines, registry, status);
    if (!storage.start(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    int64_t nextId = 1;
    QTimer generate, report;
    QObject::connect(&storage, &StorageService::restored, [&] {
        if (auto last = storage.lastTrade("BTCUSDT"))
            nextId = last->id + 1;
        std::printf("ready %lld\n", static_cast<long long>(nextId - 1));
        std::fflush(stdout);
        generate.start(2);
        report.start(50);
    });
    QObject::connect(&generate, &QTimer::timeout, [&] {
        std::vector<MarketEvent> batch(10); // 5000 trades/s
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        for (MarketEvent &e : batch) {
            e.symbol.assign("BTCUSDT");
            Trade t;
            t.id = nextId;
            t.timeMs = now;
            t.price = 6'000'000'000'000 + (nextId % 100) * 10'000'000;
            t.qty = 100'000 * (1 + nextId % 5);
            t.buyerMaker = nextId % 2;
            ++nextId;
            e.payload = t;
        }
        engines.post(std::move(batch));
    });
    QObject::connect(&report, &QTimer::timeout, [&] {
        const int64_t last = nextId - 1;
        engines.flush();
        std::printf("accepted %lld %lld\n", static_cast<long long>(last),
                    static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
        std::fflush(stdout);
    });
    return QCoreApplication::exec();
}
