#include "views/TpoView.h"

#include "views/PriceChart.h"

#include <QPainter>

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

TpoView::TpoView(QWidget *parent) : ChoicePanel("tpoView", "tpoPicker", parent), canvas_(new TpoCanvas(this))
{
    setCanvas(canvas_);
}

void TpoView::rebuild()
{
    const SnapshotPtr &snap = snapshot();
    if (!snap || !snap->today) {
        canvas_->setScene({});
        return;
    }
    // The day, then each of today's sessions.
    QStringList labels{tr("Today")};
    for (const SessionView &v : snap->todaySessions)
        labels << tr("%1 session").arg(sessionDisplayName(v.name));
    const int i = choose(labels);
    int64_t from = snap->today->startMs, to = snap->today->endMs;
    if (i > 0 && size_t(i - 1) < snap->todaySessions.size()) {
        from = snap->todaySessions[size_t(i - 1)].windowStartMs;
        to = snap->todaySessions[size_t(i - 1)].windowEndMs;
    }
    const int64_t maxRows = std::max(20, (canvas_->height() - 24) / 8); // letters of at least 8 px
    canvas_->setScene(buildTpoScene(*snap, from, to, 30, grouping(), maxRows, labels[i]));
}

} // namespace co
