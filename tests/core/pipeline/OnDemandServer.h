#pragma once
// The MCP/REST server over a registry, for test_live_ondemand (its own file: the server's ApiError
// and the REST decoders' ApiError clash in one translation unit).
#include "engine/EngineRegistry.h"

#include <QJsonObject>
#include <QStringList>

#include <memory>

namespace co::test {

class OnDemandServer {
public:
    OnDemandServer(const EngineRegistry &registry, const QStringList &symbols);
    ~OnDemandServer();
    bool start(QString *error);
    quint16 port() const;
    // tools/call get_market_snapshot over an initialized stdio MCP session: the "result" object.
    QJsonObject callMarketSnapshot(int id, const QString &symbol);
    // The same call as the program's stdio loop makes it (StdioTransport::handleLineHeld), with a
    // progressToken; every line written since is in stdioLines().
    void sendHeldMarketSnapshot(int id, const QString &symbol, const QJsonValue &progressToken);
    QList<QJsonObject> stdioLines() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

} // namespace co::test
