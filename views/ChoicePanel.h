#pragma once
// A panel of one picture chosen in a combo box (the volume profile and TPO docks): it keeps the
// latest snapshot and row size, and rebuilds its scene only when shown and something changed
// (a snapshot, the choice, the size), so hidden panels cost nothing.
#include "engine/Snapshot.h"

#include <QStringList>
#include <QWidget>

class QComboBox;

namespace co {

class ChoicePanel : public QWidget {
    Q_OBJECT
public:
    // The picker is created here with pickerName; the subclass adds its canvas with setCanvas.
    ChoicePanel(const QString &objectName, const QString &pickerName, QWidget *parent = nullptr);
    void setSnapshot(const SnapshotPtr &s);
    void setGrouping(int64_t ticks);

protected:
    void setCanvas(QWidget *canvas);
    void showEvent(QShowEvent *) override;
    void resizeEvent(QResizeEvent *) override;
    // Builds the scene for snapshot() (null: clear it).
    virtual void rebuild() = 0;
    // The picker shows labels (left as is when unchanged; the choice is kept by label): the index chosen.
    int choose(const QStringList &labels);
    const SnapshotPtr &snapshot() const { return snap_; }
    int64_t grouping() const { return grouping_; }
    QComboBox *picker() const { return picker_; }

private:
    void refresh();

    SnapshotPtr snap_;
    int64_t grouping_ = 1;
    QComboBox *picker_;
    bool dirty_ = true;
};

} // namespace co
