#pragma once
// MCP over stdin/stdout (mcp.md §4), for clients that launch the program (Claude Desktop): one
// JSON message per line each way, no sessions, no Origin checks. stdout carries protocol lines
// only: guardStdout() moves fd 1 to stderr first, so stray library output cannot corrupt it.
// stdin is read on its own thread (QSocketNotifier does not work on every platform's stdin);
// lines are handled on the thread that owns the transport. EOF ⇒ finished().
#include "server/McpServer.h"
#include "server/Tools.h"

#include <QObject>

namespace co {

class StdioTransport : public QObject {
    Q_OBJECT
public:
    // dup(1) kept for protocol lines, then dup2(2, 1). Call once, before anything prints.
    static bool guardStdout();

    explicit StdioTransport(const McpServer &mcp, QObject *parent = nullptr);
    void start();
    // One input line; answers are written to the protocol fd (public for tests).
    QList<QByteArray> handleLine(const QByteArray &line);

Q_SIGNALS:
    void finished(); // stdin reached EOF

private:
    void write(const QByteArray &line);

    const McpServer &mcp_;
    McpSession session_;
};

// Tools, dispatch and transport together: what `crypto-orderflow --stdio` runs.
class StdioServer {
public:
    StdioServer(const EngineRegistry &registry, QStringList symbols, QString version, HistoryProviderPtr history = {})
        : tools_(registry, std::move(symbols), std::move(history)), mcp_(tools_, std::move(version)), transport_(mcp_)
    {
    }
    StdioTransport &transport() { return transport_; }

private:
    Tools tools_;
    McpServer mcp_;
    StdioTransport transport_;
};

} // namespace co
