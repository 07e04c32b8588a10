#pragma once
// Progress of a running tool call (MCP notifications/progress, the same in the 2025-11-25 and
// 2026-07-28 eras): the client puts params._meta.progressToken on its request; whoever does the
// call's slow work reports through the ToolProgress of the call's context (ToolContext::progress,
// Tools::prepare/call). The API for code that does slow work is only this:
//
//     if (ctx.progress) ctx.progress(done, total, "rebuilding BTCUSDT 2024-07-17 from the cache");
//
// - callable from any thread, any number of times, also after the call ended (then ignored);
// - done must grow (a report not above the last one is dropped, as the spec requires);
// - total 0 when unknown; message: short, human-readable.
// Without a progressToken (or on a transport that cannot send notifications) ctx.progress is empty.
#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <functional>
#include <memory>

namespace co {

using ToolProgress = std::function<void(double done, double total, const QString &message)>;

// Turns reports into notifications/progress lines for one request. The transport gives the sink
// (thread-safe, called with one compact JSON message) and closes the reporter before it sends
// the answer, so nothing about the request follows its answer.
class ProgressReporter {
public:
    using Sink = std::function<void(const QByteArray &line)>;
    // params._meta.progressToken when it is a string or an integer; undefined otherwise.
    static QJsonValue token(const QJsonValue &params);
    static QByteArray notification(const QJsonValue &token, double done, double total, const QString &message);
    // A reporter for the request's params, or null when it asked for no progress or sink is empty.
    static std::shared_ptr<ProgressReporter> forRequest(const QJsonValue &params, Sink sink);

    ProgressReporter(QJsonValue token, Sink sink);
    void report(double done, double total, const QString &message);
    void close();
    ToolProgress callback(); // holds this reporter

private:
    struct State;
    std::shared_ptr<State> state_;
};

} // namespace co
