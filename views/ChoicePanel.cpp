#include "views/ChoicePanel.h"

#include <QComboBox>
#include <QVBoxLayout>

#include <algorithm>

namespace co {

ChoicePanel::ChoicePanel(const QString &objectName, const QString &pickerName, QWidget *parent)
    : QWidget(parent), picker_(new QComboBox(this))
{
    setObjectName(objectName);
    picker_->setObjectName(pickerName);
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(2);
    lay->addWidget(picker_);
    connect(picker_, &QComboBox::currentIndexChanged, this, [this] {
        dirty_ = true;
        refresh();
    });
}

void ChoicePanel::setCanvas(QWidget *canvas) { static_cast<QVBoxLayout *>(layout())->addWidget(canvas, 1); }

void ChoicePanel::setSnapshot(const SnapshotPtr &s)
{
    snap_ = s;
    dirty_ = true;
    if (isVisible())
        refresh();
}

void ChoicePanel::setGrouping(int64_t ticks)
{
    grouping_ = ticks;
    setSnapshot(snap_);
}

void ChoicePanel::showEvent(QShowEvent *) { refresh(); }

void ChoicePanel::resizeEvent(QResizeEvent *)
{
    dirty_ = true; // rows are merged to fit the height
    if (isVisible())
        refresh();
}

void ChoicePanel::refresh()
{
    if (!dirty_)
        return;
    dirty_ = false;
    rebuild();
}

int ChoicePanel::choose(const QStringList &labels)
{
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
    return std::max(0, picker_->currentIndex());
}

} // namespace co
