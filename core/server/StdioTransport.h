#pragma once
// MCP over stdin/stdout (mcp.md §4), for clients that launch the program (Claude Desktop): one
// JSON message per line each way, no sessions, no Origin checks. stdout carries protocol lines
// only: guardStdout() moves fd 1 to stderr first, so stray library output cannot corrupt it.
// stdin is read on its own thread (QSocketNotifier does not work on every platform's stdin);
// lines are handled on the thread that owns the transport. EOF ⇒ finished().
// With alerts (McpServer::alerts()), fired alerts are pushed as lines between answers: 2025 era
// after resources/subscribe (and logging/setLevel), 2026-07-28 era on each subscriptions/listen
// that asked for orderflow://alerts, until notifications/cancelled names it.
#include "server/McpServer.h"
#include "server/Tools.h"

#include <QObject>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace co {

struct AlertEvent;

class StdioTransport : public QObject {
    Q_OBJECT
public:
    // dup(1) kept for protocol lines, then dup2(2, 1). Call once, before anything prints.
    static bool guardStdout();

    explicit StdioTransport(const McpServer &mcp, QObject *parent = nullptr);
    ~StdioTransport() override;
    void start();
    // One input line; answers are returned, at once: a call that would wait for a symbol's warm-up
    // answers "warming up" (a rebuild blocks). Progress notifications and pushed alerts go to the
    // output at once (public for tests).
    QList<QByteArray> handleLine(const QByteArray &line);
    // What start() does with a line: answers written to the output; a call that waits (a symbol
    // warming up, a day rebuilt, with a progressToken) is answered when the wait ends, without
    // holding the lines after it. Needs this thread's event loop.
    void handleLineHeld(const QByteArray &line);
    // Where lines go (default: the guarded stdout); thread-safe. Tests capture them.
    void setOutput(std::function<void(const QByteArray &)> out);

Q_SIGNALS:
    void finished(); // stdin reached EOF

private:
    struct Line {
        McpServer::Body body;
        std::shared_ptr<bool> open;       // progress may still be written (guarded by outMutex_)
        std::shared_ptr<bool> progressed; // some was written (guarded by outMutex_)
        McpServer::Notify notify;
    };
    std::optional<Line> begin(const QByteArray &raw, QList<QByteArray> &answers); // nullopt: done
    QList<QByteArray> answer(const Line &line);
    void write(const QByteArray &line);
    void push(const AlertEvent &e);

    const McpServer &mcp_;
    McpSession session_;
    QList<QJsonValue> listens_; // 2026-07-28 subscriptions/listen ids that get orderflow://alerts
    int listener_ = 0;
    std::mutex outMutex_; // progress may be reported from a worker thread
    std::function<void(const QByteArray &)> out_;
};

// Tools, dispatch and transport together: what `crypto-orderflow --stdio` runs.
class StdioServer {
public:
    StdioServer(const EngineRegistry &registry, QStringList symbols, QString version, HistoryProviderPtr history = {},
                std::shared_ptr<AlertBook> alerts = {})
        : tools_(registry, std::move(symbols), std::move(history)), mcp_(tools_, std::move(version)),
          alerts_(std::move(alerts)), transport_((mcp_.setAlerts(alerts_.get()), mcp_)) // alerts set before the transport listens
    {
    }
    StdioTransport &transport() { return transport_; }

private:
    Tools tools_;
    McpServer mcp_;
    std::shared_ptr<AlertBook> alerts_; // outlives the transport's listener
    StdioTransport transport_;
};

} // namespace co
