#pragma once
// The TPO chart panel: today's market profile or one of today's sessions (a chooser), 30-minute
// periods, painted by paintTpo.
#include "views/TpoPainter.h"

#include <QWidget>

class QComboBox;

namespace co {

class TpoCanvas : public QWidget {
    Q_OBJECT
public:
    explicit TpoCanvas(QWidget *parent = nullptr);
    void setScene(TpoScene scene);
    const TpoScene &scene() const { return scene_; }

protected:
    void paintEvent(QPaintEvent *) override;

private:
    TpoScene scene_;
};

class TpoView : public QWidget {
    Q_OBJECT
public:
    explicit TpoView(QWidget *parent = nullptr);
    void setSnapshot(const SnapshotPtr &s);
    void setGrouping(int64_t ticks);
    const TpoScene &scene() const { return canvas_->scene(); }

protected:
    void showEvent(QShowEvent *) override;
    void resizeEvent(QResizeEvent *) override;

private:
    void refresh();

    SnapshotPtr snap_;
    int64_t grouping_ = 1;
    QComboBox *picker_;
    TpoCanvas *canvas_;
    bool dirty_ = true;
};

} // namespace co
