#include "app/Application.h"

#include "app/EngineThread.h"
#include "app/ReplayRunner.h"

namespace co {

Application::Application(Config config, QObject *parent)
    : QObject(parent), config_(std::move(config)), registry_(config_.engine),
      engines_(std::make_unique<EngineThread>(registry_))
{
}

Application::~Application() { stop(); }

bool Application::start(QString *error)
{
    Q_UNUSED(error);
    if (!config_.replayFiles.isEmpty()) {
        replay_ = std::make_unique<ReplayRunner>(*engines_, config_.replayFiles, config_.replaySpeed);
        connect(replay_.get(), &ReplayRunner::done, this, &Application::replayDone);
        replay_->start();
    }
    return true;
}

void Application::stop()
{
    if (replay_)
        replay_->cancel();
    replay_.reset();
    engines_->stop();
}

} // namespace co
