#include "app/Application.h"

#include "app/ReplayRunner.h"

namespace co {

Application::Application(Config config, QObject *parent)
    : QObject(parent), config_(std::move(config)), registry_(config_.engine)
{
}

Application::~Application() { stop(); }

bool Application::start(QString *error)
{
    Q_UNUSED(error);
    if (!config_.replayFiles.isEmpty()) {
        replay_ = std::make_unique<ReplayRunner>(registry_, config_.replayFiles, config_.replaySpeed);
        connect(replay_.get(), &ReplayRunner::done, this, &Application::replayDone);
        replay_->start();
    }
    return true;
}

void Application::stop()
{
    if (replay_)
        replay_->cancel();
}

} // namespace co
