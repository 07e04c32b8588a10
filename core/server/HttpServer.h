#pragma once
// The local server: HTTP/1.1 on HOST:PORT (HttpListener/HttpConnection, with the limits of
// HttpLimits), on threads of their own so neither the GUI nor the engine ever waits for them.
// Several threads share the port (SO_REUSEPORT: the kernel spreads the connections). Routes: /mcp
// (Streamable HTTP), /sse + /messages (legacy SSE), REST /api/…, /healthz; anything else 404.
// Every route checks Host/Origin and, when configured, the bearer token (/healthz without it
// answers only its status). Handlers only read engine snapshots.
#include "engine/EngineRegistry.h"
#include "engine/HistoryProvider.h"
#include "server/HttpLimits.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace co {

class AlertBook;

struct ServerOptions {
    QString host = "127.0.0.1";
    quint16 port = 8022; // 0: any free port
    QString apiToken;    // empty: none (refused off loopback by Config)
    QStringList allowedOrigins;
    QString version;     // serverInfo.version
    int threads = 0;     // server threads; 0: half the cores, 1 to 4
    HttpLimits limits;
    qsizetype maxSessions = 10'000;       // MCP_MAX_SESSIONS: Streamable HTTP sessions kept
    int sessionIdleMs = 30 * 60'000;      // MCP_SESSION_IDLE: an unused session expires after this
    std::shared_ptr<AlertBook> alerts;    // optional: alert tools, orderflow://alerts, pushed alerts
};

struct HealthReport {
    bool serving = true; // 200, else 503
    QJsonObject body;
};
// Called on a server thread; must be thread-safe.
using HealthProvider = std::function<HealthReport()>;

class HttpServer {
public:
    // history: older days and other zones for get_key_levels (optional; thread-safe).
    HttpServer(const EngineRegistry &registry, QStringList symbols, ServerOptions options, HealthProvider health,
               HistoryProviderPtr history = {});
    ~HttpServer();

    // Binds and starts serving. False with *error when the address cannot be bound.
    bool start(QString *error);
    void stop();
    quint16 port() const { return port_; }
    QString address() const; // the bound address ("localhost" is bound as 127.0.0.1)
    const ServerOptions &options() const { return options_; }

    int threads() const { return int(threads_.size()); }

private:
    class Routes;
    struct Shared;
    const EngineRegistry &registry_;
    QStringList symbols_;
    ServerOptions options_;
    HealthProvider health_;
    HistoryProviderPtr history_;
    quint16 port_ = 0;
    std::unique_ptr<Shared> shared_;
    std::vector<std::unique_ptr<QThread>> threads_;
    std::vector<Routes *> routes_; // routes_[i] lives on threads_[i]
};

} // namespace co
