#include "views/PriceChartView.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace co {

PriceChartView::PriceChartView(QWidget *parent) : QWidget(parent)
{
    setObjectName("priceChart");
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(240, 160);
}

bool PriceChartView::event(QEvent *e)
{
    if (e->type() != QEvent::ToolTip)
        return QWidget::event(e);
    const auto *h = static_cast<QHelpEvent *>(e);
    for (const LevelTag &t : layoutLevelTags(QRectF(rect()), scene(), vp_))
        if (t.nameRect.contains(h->pos()) || t.valueRect.contains(h->pos())) {
            QToolTip::showText(h->globalPos(), t.tooltip, this);
            return true;
        }
    QToolTip::hideText();
    e->ignore();
    return true;
}

void PriceChartView::setSnapshot(const SnapshotPtr &s)
{
    snap_ = s;
    dirty_ = true;
    if (isVisible())
        update();
}

void PriceChartView::setTimeframe(Timeframe tf)
{
    tf_ = tf;
    vp_.rightIndex = -1;
    setSnapshot(snap_);
}

const PriceScene &PriceChartView::scene()
{
    if (dirty_) {
        scene_ = snap_ ? buildPriceScene(*snap_, tf_) : PriceScene{};
        if (snap_ && anchor_)
            addAnchoredVwap(scene_, *snap_, tf_, *anchor_);
        dirty_ = false;
    }
    return scene_;
}

void PriceChartView::showEvent(QShowEvent *) { update(); }

void PriceChartView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintPriceChart(p, QRectF(rect()), scene(), vp_);
}

void PriceChartView::pan(double candles)
{
    const double last = double(std::max<size_t>(scene().candles.size(), 1) - 1);
    const double right = std::max(0.0, (vp_.rightIndex < 0 ? last : vp_.rightIndex) + candles);
    vp_.rightIndex = right >= last ? -1 : right;
    update();
}

void PriceChartView::wheelEvent(QWheelEvent *e)
{
    vp_.candleWidth = std::clamp(vp_.candleWidth * std::pow(1.15, e->angleDelta().y() / 120.0), 2.0, 60.0);
    update();
    e->accept();
}

void PriceChartView::setAnchor(std::optional<int64_t> anchorMs)
{
    anchor_ = anchorMs;
    dirty_ = true;
    update();
}

void PriceChartView::mousePressEvent(QMouseEvent *e)
{
    if (e->button() != Qt::LeftButton)
        return;
    if (e->modifiers() & Qt::ControlModifier) {
        const auto i = candleAt(QRectF(rect()), scene(), vp_, e->position().x());
        setAnchor(i ? std::optional<int64_t>(scene().candles[*i].openTime) : std::nullopt);
        e->accept();
        return;
    }
    dragging_ = true;
    dragX_ = e->position().x();
    const double last = double(std::max<size_t>(scene().candles.size(), 1) - 1);
    dragRight_ = vp_.rightIndex < 0 ? last : vp_.rightIndex;
}

void PriceChartView::mouseMoveEvent(QMouseEvent *e)
{
    if (!dragging_)
        return;
    vp_.rightIndex = std::max(0.0, dragRight_ - (e->position().x() - dragX_) / vp_.candleWidth);
    update();
}

void PriceChartView::mouseReleaseEvent(QMouseEvent *)
{
    dragging_ = false;
    pan(0);
}

void PriceChartView::mouseDoubleClickEvent(QMouseEvent *)
{
    vp_.rightIndex = -1;
    update();
}

void PriceChartView::keyPressEvent(QKeyEvent *e)
{
    const double n = (e->modifiers() & Qt::ShiftModifier) ? 10 : 1;
    switch (e->key()) {
    case Qt::Key_Left: pan(-n); break;
    case Qt::Key_Right: pan(n); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: vp_.candleWidth = std::min(60.0, vp_.candleWidth * 1.15); update(); break;
    case Qt::Key_Minus: vp_.candleWidth = std::max(2.0, vp_.candleWidth / 1.15); update(); break;
    case Qt::Key_Home: vp_.rightIndex = -1; update(); break;
    case Qt::Key_Escape: setAnchor(std::nullopt); break;
    default: QWidget::keyPressEvent(e); return;
    }
    e->accept();
}

} // namespace co
