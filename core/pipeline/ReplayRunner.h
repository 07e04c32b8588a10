#pragma once
// Replays recorded files into the running engines (--replay FILE... [--speed N|max]): reads
// and decodes on its own thread, applies through the EngineThread, so the server and GUI can
// be used without network.
#include "pipeline/EngineThread.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>
#include <thread>

namespace co {

class ReplayRunner : public QObject {
    Q_OBJECT
public:
    ReplayRunner(EngineThread &engines, QStringList files, double speed, QObject *parent = nullptr);
    ~ReplayRunner() override;

    void start();
    void cancel();
    bool finished() const noexcept { return finished_; }
    double progress() const noexcept { return progress_; } // files done / files

Q_SIGNALS:
    void done(bool ok, const QString &message); // emitted on the thread that owns the runner

private:
    EngineThread &engines_;
    QStringList files_;
    double speed_;
    std::atomic<bool> cancel_{false};
    std::atomic<bool> finished_{false};
    std::atomic<double> progress_{0};
    std::thread thread_;
};

} // namespace co
