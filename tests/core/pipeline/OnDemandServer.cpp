#include "OnDemandServer.h"

#include "server/HttpServer.h"
#include "server/McpServer.h"
#include "server/StdioTransport.h"
#include "server/Tools.h"

#include <QJsonDocument>

#include <mutex>

namespace co::test {

struct OnDemandServer::Impl {
    Impl(const EngineRegistry &registry, const QStringList &symbols)
        : http(registry, symbols, options(), {}), tools(registry, symbols), mcp(tools, "1"), stdio(mcp)
    {
        stdio.handleLine(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})");
        stdio.handleLine(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
        stdio.setOutput([this](const QByteArray &line) { // any thread
            std::lock_guard lock(mutex);
            lines << QJsonDocument::fromJson(line).object();
        });
    }
    static ServerOptions options()
    {
        ServerOptions o;
        o.port = 0;
        o.threads = 1;
        return o;
    }
    HttpServer http;
    Tools tools;
    McpServer mcp;
    StdioTransport stdio;
    mutable std::mutex mutex;
    QList<QJsonObject> lines;
};

OnDemandServer::OnDemandServer(const EngineRegistry &registry, const QStringList &symbols)
    : d_(std::make_unique<Impl>(registry, symbols))
{
}

OnDemandServer::~OnDemandServer() = default;

bool OnDemandServer::start(QString *error) { return d_->http.start(error); }
quint16 OnDemandServer::port() const { return d_->http.port(); }

QJsonObject OnDemandServer::callMarketSnapshot(int id, const QString &symbol)
{
    const QJsonObject req{{"jsonrpc", "2.0"}, {"id", id}, {"method", "tools/call"},
                          {"params", QJsonObject{{"name", "get_market_snapshot"},
                                                 {"arguments", QJsonObject{{"symbol", symbol}}}}}};
    const QList<QByteArray> out = d_->stdio.handleLine(QJsonDocument(req).toJson(QJsonDocument::Compact));
    return QJsonDocument::fromJson(out.value(0)).object().value("result").toObject();
}

void OnDemandServer::sendHeldMarketSnapshot(int id, const QString &symbol, const QJsonValue &progressToken)
{
    const QJsonObject req{{"jsonrpc", "2.0"}, {"id", id}, {"method", "tools/call"},
                          {"params", QJsonObject{{"name", "get_market_snapshot"},
                                                 {"arguments", QJsonObject{{"symbol", symbol}}},
                                                 {"_meta", QJsonObject{{"progressToken", progressToken}}}}}};
    d_->stdio.handleLineHeld(QJsonDocument(req).toJson(QJsonDocument::Compact));
}

QList<QJsonObject> OnDemandServer::stdioLines() const
{
    std::lock_guard lock(d_->mutex);
    return d_->lines;
}

} // namespace co::test
