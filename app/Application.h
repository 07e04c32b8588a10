#pragma once
// The running program without its face: configuration, the engines, and the services wired
// around them (replay now; live Binance, storage and the MCP/REST server as they land). The GUI
// and the headless/tray/stdio modes all start one of these.
#include "app/Config.h"
#include "engine/EngineRegistry.h"
#include "engine/ServiceStatus.h"
#include "engine/HistoryProvider.h"

#include <QObject>

#include <memory>

namespace co {

class AlertBook;

class EngineThread;
class HttpServer;
class LiveFeed;
class ReplayRunner;
class StorageService;

class Application : public QObject {
    Q_OBJECT
public:
    explicit Application(Config config, QObject *parent = nullptr);
    ~Application() override;

    // Starts every service the configuration asks for. False (with *error) if one cannot start.
    bool start(QString *error);
    void stop();
    // Settings applied while running: the server again on new HOST/PORT/API_TOKEN/ALLOWED_ORIGINS
    // (on failure the old address is kept and *error says why), and the read-time indicator
    // settings on every engine (through the engine thread, the only writer).
    bool restartServer(const Config &next, QString *error);
    void setReadTimeSettings(const EngineConfig &engine);

    const Config &config() const noexcept { return config_; }
    EngineRegistry &registry() noexcept { return registry_; }
    ServiceStatus &status() noexcept { return status_; }
    EngineThread &engines() noexcept { return *engines_; } // the only writer of the engines
    ReplayRunner *replay() const noexcept { return replay_.get(); }
    LiveFeed *live() const noexcept { return live_.get(); } // null with --offline or --replay
    HttpServer *server() const noexcept { return server_.get(); } // MCP/REST; null with --stdio
    StorageService *storage() const noexcept { return storage_.get(); } // the SQLite cache
    // Older days and other zones for get_key_levels, over the cache; null without one.
    HistoryProviderPtr history() const { return history_; }
    // The alert rules, evaluated on every engine's events (issue 19).
    std::shared_ptr<AlertBook> alerts() const { return alerts_; }

Q_SIGNALS:
    void replayDone(bool ok, const QString &message);

private:
    bool startServer(QString *error);
    void startAlerts();

    Config config_;
    EngineRegistry registry_;
    ServiceStatus status_;
    std::unique_ptr<EngineThread> engines_;
    std::unique_ptr<ReplayRunner> replay_;
    std::unique_ptr<LiveFeed> live_;
    std::unique_ptr<HttpServer> server_;
    std::unique_ptr<StorageService> storage_;
    HistoryProviderPtr history_;
    std::shared_ptr<AlertBook> alerts_; // rules kept in the cache when there is one
};

} // namespace co
