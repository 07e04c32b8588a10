#include "server/HttpServer.h"

#include "server/AlertStreams.h"
#include "server/DeferredReplies.h"
#include "server/HttpGuard.h"
#include "server/HttpListener.h"
#include "server/HttpReply.h"
#include "server/ListenSocket.h"
#include "server/McpAlerts.h"
#include "server/McpServer.h"
#include "server/McpSessions.h"
#include "server/RestApi.h"
#include "server/SseHub.h"
#include "server/StreamableHttp.h"
#include "server/Tools.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QThread>
#include <QUrlQuery>

#include <algorithm>
#include <unistd.h>

namespace co {

namespace {
// QHostAddress takes no names: "localhost" means the IPv4 loopback (clients use 127.0.0.1).
QHostAddress bindAddress(const QString &host) { return QHostAddress(host == "localhost" ? QString("127.0.0.1") : host); }
} // namespace

// What every server thread sees: the sessions of both MCP transports, the guard's counters.
struct HttpServer::Shared {
    Shared(const ServerOptions &o) : sessions(o.maxSessions, o.sessionIdleMs) {}
    McpSessions sessions;
    SseDirectory sse;
    HttpCounters counters;
};

// Everything that lives on one server thread.
class HttpServer::Routes : public QObject {
public:
    Routes(const EngineRegistry &registry, const QStringList &symbols, const ServerOptions &o, HealthProvider health,
           Shared &shared, HistoryProviderPtr history)
        : tools_(registry, symbols, std::move(history)), mcp_(tools_, o.version, o.limits), deferred_(this),
          alerts_(o.alerts), streams_(alertStreams(o.alerts.get(), shared.sessions, this)),
          streamable_(mcp_, shared.sessions, &deferred_, streams_.get()), sse_(mcp_, shared.sse, this), rest_(tools_),
          health_(std::move(health)), shared_(shared), limits_(o.limits)
    {
        mcp_.setAlerts(alerts_.get());
        guard_.loopback = bindAddress(o.host).isLoopback();
        guard_.token = o.apiToken.toUtf8();
        guard_.allowedOrigins = o.allowedOrigins;
    }

    // Serves the listening socket fd (owned from here on); false when Qt refuses it.
    bool listen(int fd)
    {
        listener_ = new HttpListener(limits_, shared_.counters, [this](HttpRequest &req, HttpResponder r) { route(req, r); },
                                     this);
        if (!listener_->setSocketDescriptor(fd)) {
            ::close(fd);
            return false;
        }
        return true;
    }

    // First every thread stops taking requests, then every thread ends its streams (a POST on
    // one thread may queue answers to another thread's stream until then).
    void stopServing()
    {
        deferred_.closeAll(); // answers still parked are dropped
        if (listener_)
            listener_->closeAll();
        delete listener_;
        listener_ = nullptr;
    }
    void closeStreams()
    {
        sse_.closeAll();
        if (streams_)
            streams_->closeAll();
    }

private:
    static std::unique_ptr<AlertStreams> alertStreams(AlertBook *book, McpSessions &sessions, QObject *parent)
    {
        if (!book)
            return nullptr;
        return std::make_unique<AlertStreams>(
            *book, [&sessions](const QByteArray &id) { return sessions.find(id, QDateTime::currentMSecsSinceEpoch()); },
            parent);
    }

    // GET /api/alerts (rules and fired alerts) and /api/alerts/stream (SSE, one "alert" event each).
    void restAlerts(const HttpRequest &req, HttpResponder &r, const QString &sub)
    {
        if (const auto e = checkAccess(guard_, req.value("Host"), req.value("Origin"), req.value("Authorization"), false))
            return sendRestError(r, *e);
        if (req.method != "GET")
            return sendRestError(r, {ApiErrorKind::MethodNotAllowed, "Method Not Allowed: use GET"}, {{"Allow", "GET"}});
        if (!alerts_)
            return sendRestError(r, {ApiErrorKind::NotFound, "Not Found: alerts are not enabled on this server"});
        if (sub == "stream")
            return streams_->open(std::move(r), AlertStreams::Kind::Rest, {}, {});
        if (!sub.isEmpty())
            return sendRestError(r, {ApiErrorKind::NotFound, "Not Found: use /api/alerts or /api/alerts/stream"});
        sendJson(r, 200, QJsonDocument(McpAlerts::state(*alerts_)).toJson(QJsonDocument::Compact));
    }

    void route(const HttpRequest &req, HttpResponder &r)
    {
        const QString &path = req.path;
        if (path == "/mcp") {
            if (allowed(req, r))
                streamable_.handle(req, r);
        } else if (path == "/sse") {
            if (!allowed(req, r))
                return;
            if (req.method != "GET")
                return sendRpcError(r, {ApiErrorKind::MethodNotAllowed, "Method Not Allowed"}, {{"Allow", "GET"}});
            sse_.open(std::move(r));
        } else if (path == "/messages") {
            if (!allowed(req, r))
                return;
            if (req.method != "POST")
                return sendRpcError(r, {ApiErrorKind::MethodNotAllowed, "Method Not Allowed"}, {{"Allow", "POST"}});
            sse_.post(req, r);
        } else if (path == "/healthz") {
            if (allowed(req, r, true))
                healthz(req, r);
        } else if (path.startsWith("/api/")) {
            // /api/<resource> or /api/<resource>/<symbol>
            const QStringList parts = path.mid(5).split('/');
            if (parts.size() > 2 || parts.contains(QString()))
                return sendRestError(r, {ApiErrorKind::NotFound, "Not Found"});
            if (parts[0] == "alerts")
                return restAlerts(req, r, parts.value(1));
            rest(req, r, parts[0], parts.value(1));
        } else {
            sendRestError(r, {ApiErrorKind::NotFound, "Not Found"});
        }
    }

    bool allowed(const HttpRequest &req, HttpResponder &r, bool tokenExempt = false)
    {
        const auto e = checkAccess(guard_, req.value("Host"), req.value("Origin"), req.value("Authorization"), tokenExempt);
        if (e)
            sendRpcError(r, *e);
        return !e;
    }

    // With a token set, callers without it learn only the status: the details (paths, versions,
    // uptime, counts) are for the token's holder.
    void healthz(const HttpRequest &req, HttpResponder &r)
    {
        HealthReport h = health_ ? health_() : HealthReport{};
        if (!guard_.token.isEmpty() && !tokenMatches(req.value("Authorization"), guard_.token)) {
            h.body = QJsonObject{{"status", h.body.value("status")}};
        } else {
            const HttpCounters &c = shared_.counters;
            h.body.insert("server", QJsonObject{{"mcpSessions", qint64(shared_.sessions.size())},
                                                {"sseStreams", qint64(shared_.sse.size())},
                                                {"connections", qint64(c.connections)},
                                                {"connectionsRefused", qint64(c.refused)},
                                                {"badRequests", qint64(c.badRequests)},
                                                {"tooLarge", qint64(c.tooLarge)},
                                                {"headerTimeouts", qint64(c.headerTimeouts)},
                                                {"idleClosed", qint64(c.idleTimeouts)},
                                                {"slowClientsDropped", qint64(c.slowClientsDropped)},
                                                {"sessionsRefused", qint64(shared_.sessions.refused())}});
        }
        sendJson(r, h.serving ? 200 : 503, QJsonDocument(h.body).toJson(QJsonDocument::Compact));
    }

    void rest(const HttpRequest &req, HttpResponder &r, const QString &resource, const QString &symbol)
    {
        const auto e = checkAccess(guard_, req.value("Host"), req.value("Origin"), req.value("Authorization"), false);
        if (e)
            return sendRestError(r, *e);
        if (req.method != "GET")
            return sendRestError(r, {ApiErrorKind::MethodNotAllowed, "Method Not Allowed: use GET"}, {{"Allow", "GET"}});
        const QUrlQuery query = req.query();
        if (deferred_.defer(
                r, [&](const Tools::WaitOne &waitOne) { return rest_.prepare(resource, symbol, query, waitOne); },
                [this, resource, symbol, query](HttpResponder &later) { restAnswer(later, resource, symbol, query); }))
            return;
        restAnswer(r, resource, symbol, query);
    }

    void restAnswer(HttpResponder &r, const QString &resource, const QString &symbol, const QUrlQuery &query)
    {
        const auto reply = rest_.get(resource, symbol, query);
        if (!reply)
            return sendRestError(r, {ApiErrorKind::NotFound, "Not Found: /api/" + resource.left(40) +
                                                                 " is not a resource (" +
                                                                 RestApi::resources().join(", ") + ")"});
        if (reply->contentType != "application/json")
            return sendReply(r, reply->status, reply->body, reply->contentType,
                             {{"X-Picture-Count", QByteArray::number(reply->pictures)}});
        if (reply->retryAfterSec > 0)
            return sendJson(r, reply->status, reply->body, {{"Retry-After", QByteArray::number(reply->retryAfterSec)}});
        sendJson(r, reply->status, reply->body);
    }

    Tools tools_;
    McpServer mcp_;
    DeferredReplies deferred_; // before its users
    std::shared_ptr<AlertBook> alerts_;
    std::unique_ptr<AlertStreams> streams_; // with alerts only; before its users
    StreamableHttp streamable_;
    SseHub sse_;
    RestApi rest_;
    HealthProvider health_;
    GuardConfig guard_;
    Shared &shared_;
    HttpLimits limits_;
    HttpListener *listener_ = nullptr;
};

HttpServer::HttpServer(const EngineRegistry &registry, QStringList symbols, ServerOptions options, HealthProvider health,
                       HistoryProviderPtr history)
    : registry_(registry), symbols_(std::move(symbols)), options_(std::move(options)), health_(std::move(health)),
      history_(std::move(history))
{
}

HttpServer::~HttpServer() { stop(); }

QString HttpServer::address() const { return bindAddress(options_.host).toString(); }

bool HttpServer::start(QString *error)
{
    // Default: half the cores (at most 4); the engine, the GUI and local clients need the others.
    const int n = options_.threads > 0 ? options_.threads : std::clamp(QThread::idealThreadCount() / 2, 1, 4);
    const QHostAddress address = bindAddress(options_.host);
    // The first socket settles the port (PORT=0: a free one); the others join it. A port another
    // program (or a second copy of this one) listens on is refused, never shared.
    std::vector<int> fds;
    QString why;
    quint16 port = options_.port;
    if (port != 0 && !portFree(address, port, &why)) {
        if (error)
            *error = QString("cannot listen on %1:%2 (%3)").arg(options_.host).arg(options_.port).arg(why);
        return false;
    }
    for (int i = 0; i < n; ++i) {
        const int fd = openSharedListener(address, port, &why);
        if (fd < 0)
            break;
        fds.push_back(fd);
        port = boundPort(fd);
        if (port == 0)
            break;
    }
    if (fds.empty() || port == 0) {
        for (int fd : fds)
            ::close(fd);
        if (error)
            *error = QString("cannot listen on %1:%2 (%3)").arg(options_.host).arg(options_.port).arg(why);
        return false;
    }
    shared_ = std::make_unique<Shared>(options_);
    for (size_t i = 0; i < fds.size(); ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QString("http-server-%1").arg(i));
        auto *routes = new Routes(registry_, symbols_, options_, health_, *shared_, history_);
        routes->moveToThread(thread.get());
        thread->start();
        bool ok = false;
        const int fd = fds[i];
        QMetaObject::invokeMethod(routes, [&] { ok = routes->listen(fd); }, Qt::BlockingQueuedConnection);
        threads_.push_back(std::move(thread));
        routes_.push_back(routes);
        if (!ok) {
            for (size_t j = i + 1; j < fds.size(); ++j)
                ::close(fds[j]);
            if (error)
                *error = QString("cannot serve on %1:%2").arg(options_.host).arg(port);
            stop();
            return false;
        }
    }
    port_ = port;
    return true;
}

void HttpServer::stop()
{
    // Streams first: deleting a server drops its sockets, and the streams would lose their last
    // chunk. A POST meanwhile queues answers to a stream that is gone, which are ignored.
    for (Routes *r : routes_)
        QMetaObject::invokeMethod(r, [r] { r->closeStreams(); }, Qt::BlockingQueuedConnection);
    for (Routes *r : routes_)
        QMetaObject::invokeMethod(r, [r] { r->stopServing(); }, Qt::BlockingQueuedConnection);
    for (auto &t : threads_) {
        t->quit();
        t->wait();
    }
    for (Routes *r : routes_)
        delete r;
    routes_.clear();
    threads_.clear();
    shared_.reset();
    port_ = 0;
}

} // namespace co
