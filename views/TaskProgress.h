#pragma once
// Long work (replay, archive import, backfill, restore) in the status bar: a label, a progress
// bar and a Cancel button. The work reports a fraction through a callback polled 5 times a second.
#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace co {

class TaskProgress : public QWidget {
    Q_OBJECT
public:
    explicit TaskProgress(QWidget *parent = nullptr);
    // progress: 0…1, or < 0 while unknown (busy bar). cancel may be empty (no button).
    void start(const QString &label, std::function<double()> progress, std::function<void()> cancel);
    void finish(const QString &message = {});
    bool running() const { return running_; }

protected:
    void changeEvent(QEvent *e) override;

private:
    void poll();

    QLabel *label_;
    QProgressBar *bar_;
    QPushButton *cancel_;
    std::function<double()> progress_;
    std::function<void()> cancelFn_;
    bool running_ = false;
};

} // namespace co
