#include "app/ReplayRunner.h"

#include "app/MarketFeed.h"
#include "app/TickInference.h"
#include "binance/ReplaySource.h"

#include <QMetaObject>

#include <chrono>

namespace co {

ReplayRunner::ReplayRunner(EngineRegistry &registry, QStringList files, double speed, QObject *parent)
    : QObject(parent), registry_(registry), files_(std::move(files)), speed_(speed)
{
}

ReplayRunner::~ReplayRunner()
{
    cancel();
    if (thread_.joinable())
        thread_.join();
}

void ReplayRunner::cancel() { cancel_ = true; }

void ReplayRunner::start()
{
    std::vector<std::string> files;
    for (const QString &f : files_)
        files.push_back(f.toStdString());
    thread_ = std::thread([this, files] {
        MarketFeed feed(registry_);
        feed.setSource(false, "replay");
        std::map<std::string, int64_t> ticks;
        inferTickSizes(files, {}, ticks, nullptr); // unreadable files fail below with a message
        for (const auto &[name, tick] : ticks) {
            SymbolInfo info;
            info.name = name;
            info.tickSize = tick;
            info.tickSource = TickSource::Inferred;
            feed.setSymbolInfo(info);
        }
        using Clock = std::chrono::steady_clock;
        auto lastPublish = Clock::now();
        bool ok = true;
        std::string message;
        uint64_t events = 0;
        for (size_t i = 0; i < files.size() && !cancel_; ++i) {
            ReplaySource src({files[i]}, ReplaySource::Options{{}, speed_, &cancel_});
            ok = src.run([&](const MarketEvent &e) {
                feed.apply(e);
                if ((++events & 255) == 0 && Clock::now() - lastPublish > std::chrono::milliseconds(100)) {
                    registry_.publishAll();
                    lastPublish = Clock::now();
                }
            });
            if (!ok) {
                message = src.error();
                break;
            }
            progress_ = double(i + 1) / double(files.size());
        }
        registry_.publishAll();
        finished_ = true;
        if (ok)
            message = "replay finished: " + std::to_string(events) + " events";
        QMetaObject::invokeMethod(this, [this, ok, message] { Q_EMIT done(ok, QString::fromStdString(message)); },
                                  Qt::QueuedConnection);
    });
}

} // namespace co
