#pragma once
// The key levels of the day (indicators.md §12) as a table with the distance from the last
// price, day totals, and the data-quality note every result carries.
#include "engine/Snapshot.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace co {

class LevelsPanel : public QWidget {
    Q_OBJECT
public:
    explicit LevelsPanel(QWidget *parent = nullptr);
    void setSnapshot(const SnapshotPtr &s);

protected:
    void showEvent(QShowEvent *) override;
    void changeEvent(QEvent *e) override;

private:
    void refresh();

    SnapshotPtr snap_;
    QLabel *summary_;
    QTableWidget *table_;
    QLabel *quality_;
    bool dirty_ = true;
};

} // namespace co
