#include "server/HttpServer.h"

#include "server/DeferredReplies.h"
#include "server/HttpGuard.h"
#include "server/HttpReply.h"
#include "server/McpServer.h"
#include "server/RestApi.h"
#include "server/SseHub.h"
#include "server/StreamableHttp.h"
#include "server/Tools.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QThread>
#include <QUrlQuery>

namespace co {

namespace {
// QHostAddress takes no names: "localhost" means the IPv4 loopback (clients use 127.0.0.1).
QHostAddress bindAddress(const QString &host) { return QHostAddress(host == "localhost" ? QString("127.0.0.1") : host); }
} // namespace

// Everything that lives on the server thread.
class HttpServer::Routes : public QObject {
public:
    Routes(const EngineRegistry &registry, const QStringList &symbols, const ServerOptions &o, HealthProvider health,
           DayHistoryPtr history)
        : tools_(registry, symbols, std::move(history)), mcp_(tools_, o.version), deferred_(this),
          streamable_(mcp_, &deferred_), sse_(mcp_, this), rest_(tools_),
          health_(std::move(health))
    {
        guard_.loopback = bindAddress(o.host).isLoopback();
        guard_.token = o.apiToken.toUtf8();
        guard_.allowedOrigins = o.allowedOrigins;
    }

    quint16 listen(const ServerOptions &o)
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
        return server_->listen(bindAddress(o.host), o.port);
    }

    void shutdown()
    {
        deferred_.closeAll();
        sse_.closeAll();
        delete server_;
        server_ = nullptr;
    }

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
        h.body.insert("server", QJsonObject{{"mcpSessions", qint64(streamable_.sessions())}, {"sseStreams", qint64(sse_.size())}});
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
    QHttpServer *server_ = nullptr;
};

HttpServer::HttpServer(const EngineRegistry &registry, QStringList symbols, ServerOptions options, HealthProvider health,
                       DayHistoryPtr history)
    : registry_(registry), symbols_(std::move(symbols)), options_(std::move(options)), health_(std::move(health)),
      history_(std::move(history))
{
}

HttpServer::~HttpServer() { stop(); }

QString HttpServer::address() const { return bindAddress(options_.host).toString(); }

bool HttpServer::start(QString *error)
{
    thread_ = std::make_unique<QThread>();
    thread_->setObjectName("http-server");
    routes_ = new Routes(registry_, symbols_, options_, health_, history_);
    routes_->moveToThread(thread_.get());
    thread_->start();
    quint16 port = 0;
    QMetaObject::invokeMethod(routes_, [&] { port = routes_->listen(options_); }, Qt::BlockingQueuedConnection);
    if (!port) {
        if (error)
            *error = QString("cannot listen on %1:%2 (address in use or not available)").arg(options_.host).arg(options_.port);
        stop();
        return false;
    }
    port_ = port;
    return true;
}

void HttpServer::stop()
{
    if (!thread_)
        return;
    QMetaObject::invokeMethod(routes_, [this] { routes_->shutdown(); }, Qt::BlockingQueuedConnection);
    thread_->quit();
    thread_->wait();
    delete routes_;
    routes_ = nullptr;
    thread_.reset();
    port_ = 0;
}

} // namespace co
