#include "views/TaskProgress.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

namespace co {

TaskProgress::TaskProgress(QWidget *parent)
    : QWidget(parent), label_(new QLabel(this)), bar_(new QProgressBar(this)), cancel_(new QPushButton(tr("Cancel"), this))
{
    setObjectName("taskProgress");
    label_->setObjectName("taskLabel");
    bar_->setObjectName("taskProgressBar");
    cancel_->setObjectName("taskCancel");
    bar_->setRange(0, 1000);
    bar_->setMaximumWidth(160);
    bar_->setTextVisible(false);
    auto *lay = new QHBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(label_);
    lay->addWidget(bar_);
    lay->addWidget(cancel_);
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &TaskProgress::poll);
    timer->start(200);
    connect(cancel_, &QPushButton::clicked, this, [this] {
        if (cancelFn_)
            cancelFn_();
        cancel_->setEnabled(false);
        label_->setText(tr("Cancelling…"));
    });
    hide();
}

void TaskProgress::start(const QString &label, std::function<double()> progress, std::function<void()> cancel)
{
    progress_ = std::move(progress);
    cancelFn_ = std::move(cancel);
    running_ = true;
    label_->setText(label);
    cancel_->setVisible(bool(cancelFn_));
    cancel_->setEnabled(true);
    bar_->show();
    poll();
    show();
}

void TaskProgress::finish(const QString &message)
{
    running_ = false;
    progress_ = nullptr;
    cancelFn_ = nullptr;
    if (message.isEmpty()) {
        hide();
        return;
    }
    label_->setText(message);
    bar_->hide();
    cancel_->hide();
    QTimer::singleShot(8000, this, [this] {
        if (!running_)
            hide();
    });
}

void TaskProgress::changeEvent(QEvent *e)
{
    QWidget::changeEvent(e);
    if (e->type() == QEvent::LanguageChange)
        cancel_->setText(tr("Cancel"));
}

void TaskProgress::poll()
{
    if (!running_ || !progress_)
        return;
    const double f = progress_();
    if (f < 0) {
        bar_->setRange(0, 0); // busy
    } else {
        bar_->setRange(0, 1000);
        bar_->setValue(int(std::clamp(f, 0.0, 1.0) * 1000));
    }
}

} // namespace co
