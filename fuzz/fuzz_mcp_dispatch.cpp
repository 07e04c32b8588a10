// The JSON-RPC dispatcher with tool arguments: any body through parse + dispatch, against an engine
// fed from a small synthetic dataset (tests/support/ServerSupport.h), as the transports call it.
#include "server/McpServer.h"
#include "server/Tools.h"
#include "support/ServerSupport.h"

#include <QCoreApplication>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int argc = 1;
    static char name[] = "fuzz_mcp_dispatch";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    static co::EngineRegistry registry;
    static const bool filled = (co::testing::fillSynthetic(registry, 20), true);
    static co::Tools tools(registry, QStringList{"BTCUSDT", "XRPUSDT", "ETHUSDT"});
    static co::McpServer mcp(tools, "fuzz");
    (void)filled;
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const co::McpServer::Body b = mcp.parseBody(body);
    if (b.error)
        return 0;
    co::McpSession session;
    mcp.prepare(b, [] { return std::function<void()>([] {}); });
    mcp.dispatch(b, session);
    return 0;
}
