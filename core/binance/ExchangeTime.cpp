#include "binance/ExchangeTime.h"

#include "binance/Log.h"
#include "binance/RestClient.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdlib>

namespace co {
namespace {
// Beyond this the machine's clock is wrong enough to tell the user (day edges, "today").
constexpr int64_t kWarnOffsetMs = 2'000;
constexpr int64_t kRetryMs = 5'000;
} // namespace

ExchangeTime::ExchangeTime(RestClient &rest, const Clock &local, int64_t everyMs, QObject *parent)
    : QObject(parent), rest_(rest), local_(local), clock_(local), everyMs_(everyMs)
{
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, &ExchangeTime::measure);
}

void ExchangeTime::start() { measure(); }

void ExchangeTime::stop() { timer_.stop(); }

void ExchangeTime::measure()
{
    if (inFlight_)
        return;
    inFlight_ = true;
    const int64_t sent = local_.nowMs();
    rest_.get("/fapi/v1/time", {}, RestPriority::Poll, [this, sent](const RestReply &r) {
        inFlight_ = false;
        const int64_t received = local_.nowMs();
        const QJsonObject o = r.ok ? QJsonDocument::fromJson(r.body).object() : QJsonObject{};
        if (!o.value("serverTime").isDouble()) {
            qCInfo(lcBinance).noquote() << "exchange time unavailable (" << (r.ok ? QString("bad answer") : r.error)
                                        << "); using trade times over the local clock";
            timer_.start(int(local_.realMs(measured_ ? everyMs_ : kRetryMs)));
            if (onFailed)
                onFailed();
            return;
        }
        roundTripMs_ = received - sent;
        const int64_t offset = o.value("serverTime").toInteger() - (sent + received) / 2;
        clock_.setOffset(offset);
        measured_ = true;
        if (std::llabs(offset) >= kWarnOffsetMs && !warned_) {
            warned_ = true; // once: a clock that far off stays that far off
            qCWarning(lcBinance).noquote()
                << QString("the local clock is %1 h %2 the exchange's (offset %3 ms, round trip %4 ms); "
                           "\"today\", the backfill and day rolls use the exchange's time")
                       .arg(double(std::llabs(offset)) / 3.6e6, 0, 'f', 2)
                       .arg(offset > 0 ? "behind" : "ahead of")
                       .arg(offset > 0 ? "+" + QString::number(offset) : QString::number(offset))
                       .arg(roundTripMs_);
        } else if (std::llabs(offset) < kWarnOffsetMs) {
            warned_ = false;
        }
        timer_.start(int(local_.realMs(everyMs_)));
        if (onMeasured)
            onMeasured();
    }, 1);
}

} // namespace co
