#include "server/ToolProgress.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <mutex>

namespace co {

struct ProgressReporter::State {
    std::mutex mutex;
    QJsonValue token;
    Sink sink;
    double last = -INFINITY;
    bool open = true;
};

QJsonValue ProgressReporter::token(const QJsonValue &params)
{
    const QJsonValue t = params.toObject()["_meta"].toObject().value("progressToken");
    if (t.isString() || (t.isDouble() && t.toDouble() == std::floor(t.toDouble())))
        return t;
    return QJsonValue::Undefined;
}

QByteArray ProgressReporter::notification(const QJsonValue &token, double done, double total, const QString &message)
{
    QJsonObject p{{"progressToken", token}, {"progress", done}};
    if (total > 0)
        p.insert("total", total);
    if (!message.isEmpty())
        p.insert("message", message);
    return QJsonDocument(QJsonObject{{"jsonrpc", "2.0"}, {"method", "notifications/progress"}, {"params", p}})
        .toJson(QJsonDocument::Compact);
}

std::shared_ptr<ProgressReporter> ProgressReporter::forRequest(const QJsonValue &params, Sink sink)
{
    const QJsonValue t = token(params);
    if (t.isUndefined() || !sink)
        return nullptr;
    return std::make_shared<ProgressReporter>(t, std::move(sink));
}

ProgressReporter::ProgressReporter(QJsonValue token, Sink sink) : state_(std::make_shared<State>())
{
    state_->token = std::move(token);
    state_->sink = std::move(sink);
}

void ProgressReporter::report(double done, double total, const QString &message)
{
    std::lock_guard lock(state_->mutex); // in order, and never after close()
    if (!state_->open || !(done > state_->last))
        return;
    state_->last = done;
    state_->sink(notification(state_->token, done, total, message));
}

void ProgressReporter::close()
{
    std::lock_guard lock(state_->mutex);
    state_->open = false;
}

ToolProgress ProgressReporter::callback()
{
    ProgressReporter self = *this; // shares the state
    return [self](double done, double total, const QString &message) mutable { self.report(done, total, message); };
}

} // namespace co
