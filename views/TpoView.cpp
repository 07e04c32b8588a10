#include "views/TpoView.h"

#include "views/PriceChart.h"

#include <QComboBox>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>

namespace co {

TpoCanvas::TpoCanvas(QWidget *parent) : QWidget(parent)
{
    setObjectName("tpoCanvas");
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(160, 160);
}

void TpoCanvas::setScene(TpoScene scene)
{
    scene_ = std::move(scene);
    update();
}

void TpoCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintTpo(p, QRectF(rect()), scene_);
}

TpoView::TpoView(QWidget *parent) : QWidget(parent), picker_(new QComboBox(this)), canvas_(new TpoCanvas(this))
{
    setObjectName("tpoView");
    picker_->setObjectName("tpoPicker");
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(2);
    lay->addWidget(picker_);
    lay->addWidget(canvas_, 1);
    connect(picker_, &QComboBox::currentIndexChanged, this, [this] {
        dirty_ = true;
        refresh();
    });
}

void TpoView::setSnapshot(const SnapshotPtr &s)
{
    snap_ = s;
    dirty_ = true;
    if (isVisible())
        refresh();
}

void TpoView::setGrouping(int64_t ticks)
{
    grouping_ = ticks;
    setSnapshot(snap_);
}

void TpoView::showEvent(QShowEvent *) { refresh(); }

void TpoView::resizeEvent(QResizeEvent *)
{
    dirty_ = true; // rows are merged to fit the height
    if (isVisible())
        refresh();
}

void TpoView::refresh()
{
    if (!dirty_)
        return;
    dirty_ = false;
    if (!snap_ || !snap_->today) {
        canvas_->setScene({});
        return;
    }
    // The day, then each of today's sessions; the choice is kept by label.
    QStringList labels{tr("Today")};
    for (const SessionView &v : snap_->todaySessions)
        labels << tr("%1 session").arg(sessionDisplayName(v.name));
    QStringList existing;
    for (int i = 0; i < picker_->count(); ++i)
        existing << picker_->itemText(i);
    if (labels != existing) {
        const QString current = picker_->currentText();
        const QSignalBlocker block(picker_);
        picker_->clear();
        picker_->addItems(labels);
        picker_->setCurrentIndex(std::max<qsizetype>(0, labels.indexOf(current)));
    }
    const int i = std::max(0, picker_->currentIndex());
    int64_t from = snap_->today->startMs, to = snap_->today->endMs;
    if (i > 0 && size_t(i - 1) < snap_->todaySessions.size()) {
        from = snap_->todaySessions[size_t(i - 1)].windowStartMs;
        to = snap_->todaySessions[size_t(i - 1)].windowEndMs;
    }
    const int64_t maxRows = std::max(20, (canvas_->height() - 24) / 8); // letters of at least 8 px
    canvas_->setScene(buildTpoScene(*snap_, from, to, 30, grouping_, maxRows, picker_->currentText()));
}

} // namespace co
