#include "app/Application.h"

#include "alerts/AlertBook.h"
#include "alerts/AlertStore.h"

#include "cache/CacheDayHistory.h"
#include "pipeline/EngineThread.h"
#include "pipeline/LiveFeed.h"
#include "pipeline/ReplayRunner.h"
#include "pipeline/SymbolFollower.h"
#include "app/ServerHealth.h"
#include "app/ToolPictures.h"
#include "cache/StorageService.h"
#include "server/HttpServer.h"

#include "model/ZoneOffsets.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QDir>
#include <QFileInfo>

#include <cstdio>
#include <functional>

namespace co {

namespace {

LiveSession::Options liveOptionsFrom(const Config &config)
{
    LiveSession::Options o;
    o.restUrl = QUrl(config.restUrl);
    o.wsUrl = QUrl(config.wsUrl);
    o.symbols = config.symbols;
    o.exchangeInfoCache = QFileInfo(config.cacheDbPath).dir().filePath("exchangeInfo.json");
    o.recordDir = config.recordDir;
    o.recordMaxBytes = int64_t(config.recordMaxGb * 1e9);
    ZoneClock zone(config.engine.dayZone);
    o.dayStart = [zone](int64_t ms) { return zone.dayStartUtc(zone.localDay(ms)); };
    return o;
}

} // namespace

Application::Application(Config config, QObject *parent)
    : QObject(parent), config_(std::move(config)), registry_(config_.engine),
      engines_(std::make_unique<EngineThread>(registry_))
{
}

Application::~Application() { stop(); }

bool Application::start(QString *error)
{
    // Pictures need QtGui's fonts: only under a QGuiApplication (main makes one for every server mode).
    if (qobject_cast<QGuiApplication *>(QCoreApplication::instance()) && !toolImages())
        setToolImages(std::make_shared<ToolPictures>());
    // The cache: always live; a replay of old files uses it only when CACHE_DB_PATH is given.
    if (config_.replayFiles.isEmpty() || config_.origin.value("CACHE_DB_PATH") != QLatin1String("default")) {
        CacheOptions c;
        c.dbPath = config_.cacheDbPath;
        c.tradeCacheDays = config_.tradeCacheDays;
        c.engine = config_.engine;
        c.symbols = config_.symbols;
        c.live = !config_.offline && config_.replayFiles.isEmpty();
        storage_ = std::make_unique<StorageService>(std::move(c), *engines_, registry_, status_);
        if (!storage_->start(error))
            return false;
        CacheDayHistory::Options h;
        h.path = storage_->path();
        h.engine = config_.engine;
        history_ = std::make_shared<CacheDayHistory>(std::move(h));
    }
    startAlerts();
    // Sources start once the cache is back in the engines (they accept increasing ids only).
    auto afterRestore = [this](QObject *context, std::function<void()> fn) {
        if (storage_)
            connect(storage_.get(), &StorageService::restored, context, std::move(fn));
        else
            fn();
    };
    if (!config_.replayFiles.isEmpty()) {
        replay_ = std::make_unique<ReplayRunner>(*engines_, config_.replayFiles, config_.replaySpeed);
        connect(replay_.get(), &ReplayRunner::done, this, &Application::replayDone);
        afterRestore(replay_.get(), [this] { replay_->start(); });
    }
    if (!config_.offline && config_.replayFiles.isEmpty()) {
        live_ = std::make_unique<LiveFeed>(liveOptionsFrom(config_), SystemClock::instance(), *engines_, status_);
        // Any trading perpetual on demand (MAX_SYMBOLS): the server and the GUI ask the follower.
        // A symbol followed on demand continues from the cache when it holds its recent trades.
        SymbolFollower::Restore restore;
        if (StorageService *storage = storage_.get())
            restore = [storage](const std::string &s, std::function<void(SymbolFollower::Resume)> then) {
                storage->restoreSymbol(s, [then](std::optional<StoredTrade> last) {
                    then(last && last->source == TradeSource::AggTrade ? SymbolFollower::Resume{{last->id, last->timeMs}}
                                                                       : std::nullopt);
                });
            };
        registry_.setDirectory(SymbolFollower::attach(*live_, status_, {config_.symbols, config_.maxSymbols}, restore));
        afterRestore(live_.get(), [this] {
            for (const QString &symbol : config_.symbols)
                if (auto last = storage_->resumePoint(symbol.toStdString()); last && last->source == TradeSource::AggTrade)
                    live_->setResumeFrom(symbol, last->id, last->timeMs);
            live_->start();
        });
    }
    if (replay_) // for /healthz
        connect(replay_.get(), &ReplayRunner::done, this, [this](bool ok, const QString &message) {
            status_.set(ReplayStatus{ok, message.toStdString()});
        });
    if (config_.mode != RunMode::Stdio && !startServer(error))
        return false;
    return true;
}

bool Application::restartServer(const Config &next, QString *error)
{
    if (config_.mode == RunMode::Stdio)
        return true;
    const Config before = config_;
    auto adopt = [this](const Config &c) {
        config_.host = c.host;
        config_.port = c.port;
        config_.apiToken = c.apiToken;
        config_.allowedOrigins = c.allowedOrigins;
        for (const char *n : {"HOST", "PORT", "API_TOKEN", "ALLOWED_ORIGINS"})
            config_.values[n] = c.values.value(n); // the origin stays: where the value may come from
    };
    server_.reset(); // frees the port first: the same port may be asked for again
    adopt(next);
    if (startServer(error))
        return true;
    status_.set(ServerStatus{false, {}, 0, error ? error->toStdString() : std::string()});
    adopt(before);
    QString again;
    if (!startServer(&again) && error)
        *error += " (and the previous address: " + again + ")";
    return false;
}

void Application::setReadTimeSettings(const EngineConfig &engine)
{
    applyReadTimeSettings(config_.engine, engine);
    engines_->post(std::function<void(MarketFeed &)>([this, engine](MarketFeed &) { registry_.setReadTimeSettings(engine); }));
}

void Application::startAlerts()
{
    std::shared_ptr<AlertStore> store;
    if (storage_) {
        store = std::make_shared<AlertStore>();
        QString why;
        if (!store->open(storage_->path(), &why)) {
            std::fprintf(stderr, "alerts: not kept (%s)\n", qPrintable(why));
            store.reset();
        }
    }
    alerts_ = std::make_shared<AlertBook>(registry_, store);
    AlertBook *book = alerts_.get();
    EngineRegistry *registry = &registry_;
    // Evaluated on the engines' own events (writer thread), on every engine, present and future.
    engines_->post(std::function<void(MarketFeed &)>([book, registry](MarketFeed &feed) {
        feed.onEngineCreated([book](MarketEngine &e) { e.addObserver(book); });
        for (const std::string &name : registry->symbols())
            if (MarketEngine *e = feed.engineFor(name))
                e->addObserver(book);
    }));
}

bool Application::startServer(QString *error)
{
    ServerOptions o;
    o.host = config_.host;
    o.port = quint16(config_.port);
    o.apiToken = config_.apiToken;
    o.allowedOrigins = config_.allowedOrigins;
    o.version = CO_VERSION;
    o.threads = config_.serverThreads;
    o.limits = config_.serverLimits;
    o.maxSessions = config_.mcpMaxSessions;
    o.sessionIdleMs = config_.mcpSessionIdleMs;
    o.alerts = alerts_;
    const HealthInputs inputs{registry_, status_, replay_.get(), live_ != nullptr, QDateTime::currentMSecsSinceEpoch()};
    server_ = std::make_unique<HttpServer>(registry_, config_.symbols, o, [inputs] {
        return serverHealth(inputs, QDateTime::currentMSecsSinceEpoch());
    }, history_);
    if (!server_->start(error)) {
        server_.reset();
        return false;
    }
    std::fprintf(stderr, "MCP listening on %s:%u\n", qPrintable(server_->address()), unsigned(server_->port())); // tests parse this
    status_.set(ServerStatus{true, o.host.toStdString(), int(server_->port()), {}});
    return true;
}

void Application::stop()
{
    server_.reset(); // first: it reads the engines
    history_.reset(); // its worker reads the cache (a --stdio server may still hold it: joined on its release)
    if (storage_)
        storage_->stopRestore(); // while the engines still run: the restore waits on them
    if (replay_)
        replay_->cancel();
    replay_.reset();
    registry_.setDirectory(nullptr); // it calls into the live feed
    live_.reset(); // before the engines: it flushes its last posts through them
    engines_->stop();
    if (storage_)
        storage_->stop(); // after the engines: today's summaries, then the last batch
}

} // namespace co
