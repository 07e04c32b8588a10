#pragma once
// The TPO chart panel: today's market profile or one of today's sessions (a chooser), 30-minute
// periods, painted by paintTpo.
#include "views/ChoicePanel.h"
#include "views/TpoPainter.h"

#include <QWidget>

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

class TpoView : public ChoicePanel {
    Q_OBJECT
public:
    explicit TpoView(QWidget *parent = nullptr);
    const TpoScene &scene() const { return canvas_->scene(); }

protected:
    void rebuild() override;

private:
    TpoCanvas *canvas_;
};

} // namespace co
