#include "server/HttpServer.h"

#include "server/DeferredReplies.h"
#include "server/HttpGuard.h"
#include "server/HttpReply.h"
#include "server/ListenSocket.h"
#include "server/McpServer.h"
#include "server/McpSessions.h"
#include "server/RestApi.h"
#include "server/SseHub.h"
#include "server/StreamableHttp.h"
#include "server/Tools.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QTcpServer>
#include <QThread>
#include <QUrlQuery>

#include <algorithm>
#include <unistd.h>

namespace co {

namespace {
// QHostAddress takes no names: "localhost" means the IPv4 loopback (clients use 127.0.0.1).
QHostAddress bindAddress(const QString &host) { return QHostAddress(host == "localhost" ? QString("127.0.0.1") : host); }
} // namespace

// What every server thread sees: the sessions of both MCP transports.
struct HttpServer::Shared {
    McpSessions sessions;
    SseDirectory sse;
};

// Everything that lives on one server thread.
class HttpServer::Routes : public QObject {
public:
    Routes(const EngineRegistry &registry, const QStringList &symbols, const ServerOptions &o, HealthProvider health,
           Shared &shared, HistoryProviderPtr history)
        : tools_(registry, symbols, std::move(history)), mcp_(tools_, o.version), deferred_(this),
          streamable_(mcp_, shared.sessions, &deferred_), sse_(mcp_, shared.sse, this), rest_(tools_),
          health_(std::move(health)), shared_(shared)
    {
        guard_.loopback = bindAddress(o.host).isLoopback();
        guard_.token = o.apiToken.toUtf8();
        guard_.allowedOrigins = o.allowedOrigins;
    }

    // Serves the listening socket fd (owned from here on); false when Qt refuses it.
    bool listen(int fd)
    {
        server_ = new QHttpServer(this);
        using Req = const QHttpServerRequest &;
        using Resp = QHttpServerResponder &&;
        server_->route("/mcp", [this](Req req, Resp r) {
            if (allowed(req, r))
                streamable_.handle(req, r);
        });
        server_->route("/sse", [this](Req req, Resp r) {
            if (!allowed(req, r))
                return;
            if (req.method() != QHttpServerRequest::Method::Get)
                return sendRpcError(r, {ApiErrorKind::MethodNotAllowed, "Method Not Allowed"}, {{"Allow", "GET"}});
            sse_.open(std::move(r));
        });
        server_->route("/messages", [this](Req req, Resp r) {
            if (!allowed(req, r))
                return;
            if (req.method() != QHttpServerRequest::Method::Post)
                return sendRpcError(r, {ApiErrorKind::MethodNotAllowed, "Method Not Allowed"}, {{"Allow", "POST"}});
            sse_.post(req, r);
        });
        server_->route("/healthz", [this](Req req, Resp r) {
            if (allowed(req, r, true))
                healthz(r);
        });
        server_->route("/api/<arg>/<arg>", [this](const QString &resource, const QString &symbol, Req req, Resp r) {
            rest(req, r, resource, symbol);
        });
        server_->route("/api/<arg>", [this](const QString &resource, Req req, Resp r) { rest(req, r, resource, {}); });
        server_->setMissingHandler([](Req, Resp r) { sendRestError(r, {ApiErrorKind::NotFound, "Not Found"}); });
        auto *tcp = new QTcpServer(server_);
        if (!tcp->setSocketDescriptor(fd)) {
            ::close(fd);
            return false;
        }
        server_->bind(tcp);
        return true;
    }

    // First every thread stops taking requests, then every thread ends its streams (a POST on
    // one thread may queue answers to another thread's stream until then).
    void stopServing()
    {
        deferred_.closeAll(); // answers still parked are dropped
        delete server_;
        server_ = nullptr;
    }
    void closeStreams() { sse_.closeAll(); }

private:
    bool allowed(const QHttpServerRequest &req, QHttpServerResponder &r, bool tokenExempt = false)
    {
        const auto e = checkAccess(guard_, req.value("Host"), req.value("Origin"), req.value("Authorization"), tokenExempt);
        if (e)
            sendRpcError(r, *e);
        return !e;
    }

    void healthz(QHttpServerResponder &r)
    {
        HealthReport h = health_ ? health_() : HealthReport{};
        h.body.insert("server", QJsonObject{{"mcpSessions", qint64(shared_.sessions.size())},
                                            {"sseStreams", qint64(shared_.sse.size())}});
        sendJson(r, h.serving ? 200 : 503, QJsonDocument(h.body).toJson(QJsonDocument::Compact));
    }

    void rest(const QHttpServerRequest &req, QHttpServerResponder &r, const QString &resource, const QString &symbol)
    {
        const auto e = checkAccess(guard_, req.value("Host"), req.value("Origin"), req.value("Authorization"), false);
        if (e)
            return sendRestError(r, *e);
        if (req.method() != QHttpServerRequest::Method::Get)
            return sendRestError(r, {ApiErrorKind::MethodNotAllowed, "Method Not Allowed: use GET"}, {{"Allow", "GET"}});
        const QUrlQuery query = req.query();
        if (deferred_.defer(
                r, [&](const Tools::WaitOne &waitOne) { return rest_.prepare(resource, symbol, query, waitOne); },
                [this, resource, symbol, query](QHttpServerResponder &later) { restAnswer(later, resource, symbol, query); }))
            return;
        restAnswer(r, resource, symbol, query);
    }

    void restAnswer(QHttpServerResponder &r, const QString &resource, const QString &symbol, const QUrlQuery &query)
    {
        const auto reply = rest_.get(resource, symbol, query);
        if (!reply)
            return sendRestError(r, {ApiErrorKind::NotFound, "Not Found: /api/" + resource +
                                                                 " is not a resource (market, key-levels, footprint, "
                                                                 "orderflow, depth-delta, liquidations, scan)"});
        sendJson(r, reply->status, reply->body);
    }

    Tools tools_;
    McpServer mcp_;
    DeferredReplies deferred_; // before its users
    StreamableHttp streamable_;
    SseHub sse_;
    RestApi rest_;
    HealthProvider health_;
    GuardConfig guard_;
    Shared &shared_;
    QHttpServer *server_ = nullptr;
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
    shared_ = std::make_unique<Shared>();
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
