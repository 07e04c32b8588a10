#include "pipeline/ReplayRunner.h"

#include "pipeline/MarketFeed.h"
#include "pipeline/TickInference.h"
#include "pipeline/ReplaySource.h"

#include <QMetaObject>


namespace co {

ReplayRunner::ReplayRunner(EngineThread &engines, QStringList files, double speed, QObject *parent)
    : QObject(parent), engines_(engines), files_(std::move(files)), speed_(speed)
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
        std::map<std::string, int64_t> ticks;
        inferTickSizes(files, {}, ticks, nullptr); // unreadable files fail below with a message
        engines_.post(std::function<void(MarketFeed &)>([ticks](MarketFeed &feed) {
            feed.setSource(false, "replay");
            for (const auto &[name, tick] : ticks) {
                SymbolInfo info;
                info.name = name;
                info.tickSize = tick;
                info.tickSource = TickSource::Inferred;
                feed.setSymbolInfo(info);
            }
        }));
        bool ok = true;
        std::string message;
        uint64_t events = 0;
        std::vector<MarketEvent> batch;
        for (size_t i = 0; i < files.size() && !cancel_; ++i) {
            ReplaySource src({files[i]}, ReplaySource::Options{{}, speed_, &cancel_});
            ok = src.run([&](const MarketEvent &e) {
                batch.push_back(e);
                ++events;
                if (batch.size() >= (speed_ > 0 ? 1u : 512u)) {
                    engines_.post(std::move(batch));
                    batch.clear();
                }
            });
            if (!ok) {
                message = src.error();
                break;
            }
            progress_ = double(i + 1) / double(files.size());
        }
        engines_.post(std::move(batch));
        engines_.flush();
        finished_ = true;
        if (ok)
            message = "replay finished: " + std::to_string(events) + " events";
        QMetaObject::invokeMethod(this, [this, ok, message] { Q_EMIT done(ok, QString::fromStdString(message)); },
                                  Qt::QueuedConnection);
    });
}

} // namespace co
