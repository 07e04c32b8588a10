#include "views/HeatmapView.h"

#include "render/HeatmapSceneBuilder.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace co {

HeatmapView::HeatmapView(QWidget *parent) : QWidget(parent)
{
    setObjectName("heatmapView");
    setMinimumSize(200, 120);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void HeatmapView::setSnapshot(const SnapshotPtr &s)
{
    const void *h = s ? s->heatmap.get() : nullptr;
    const int64_t last = h && !s->heatmap->frames().empty() ? s->heatmap->frames().back()->timeMs : 0;
    // Frames only grow or roll: a new newest frame (or another history) means a new scene.
    if (h == built_ && last == builtLast_)
        return;
    built_ = h;
    builtLast_ = last;
    scene_ = s ? buildHeatmapScene(*s) : HeatmapScene{};
    update();
}

void HeatmapView::setTimeRange(qint64 startMs, qint64 endMs)
{
    if (startMs == timeStart_ && endMs == timeEnd_)
        return;
    timeStart_ = startMs;
    timeEnd_ = endMs;
    update();
}

HeatmapViewport HeatmapView::viewport() const
{
    HeatmapViewport vp;
    const int64_t sceneEnd = scene_.startMs + int64_t(scene_.cols) * scene_.stepMs;
    vp.startMs = timeEnd_ > timeStart_ ? timeStart_ : scene_.startMs;
    vp.endMs = timeEnd_ > timeStart_ ? timeEnd_ : sceneEnd;
    const double lo = scene_.priceLo, hi = scene_.priceLo + scene_.rows * scene_.binSize;
    const double center = priceCenter_ > 0 ? priceCenter_ : (lo + hi) / 2;
    const double span = priceSpan_ > 0 ? priceSpan_ : std::max(hi - lo, scene_.binSize);
    vp.priceLo = center - span / 2;
    vp.priceHi = center + span / 2;
    return vp;
}

void HeatmapView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintHeatmap(p, QRectF(rect()), scene_, viewport());
}

void HeatmapView::requestTime(int64_t startMs, int64_t endMs)
{
    if (endMs <= startMs)
        return;
    timeStart_ = startMs;
    timeEnd_ = endMs;
    update();
    Q_EMIT timeRangeRequested(startMs, endMs); // the footprint answers with its own span
}

void HeatmapView::wheelEvent(QWheelEvent *e)
{
    const HeatmapViewport vp = viewport();
    const double steps = e->angleDelta().y() / 120.0;
    if (e->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier)) {
        const double span = vp.priceHi - vp.priceLo;
        priceCenter_ = (vp.priceLo + vp.priceHi) / 2;
        if (e->modifiers() & Qt::ShiftModifier)
            priceCenter_ += steps * span / 10;
        else
            priceSpan_ = std::max(scene_.binSize * 4, span * std::pow(0.85, steps));
        priceSpan_ = priceSpan_ > 0 ? priceSpan_ : span;
        update();
    } else if (width() > 0 && vp.endMs > vp.startMs) {
        // Time zooms around the cursor, as the footprint's bars would (wheel up: fewer seconds).
        const double span = double(vp.endMs - vp.startMs);
        const double at = double(vp.startMs) + std::clamp(e->position().x() / width(), 0.0, 1.0) * span;
        const double next = std::max(10'000.0, span * std::pow(0.85, steps));
        const double frac = (at - double(vp.startMs)) / span;
        const auto start = int64_t(std::llround(at - frac * next));
        requestTime(start, start + int64_t(std::llround(next)));
    }
    e->accept();
}

void HeatmapView::mousePressEvent(QMouseEvent *e)
{
    dragX_ = e->position().x();
    dragY_ = e->position().y();
    const HeatmapViewport vp = viewport();
    dragCenter_ = (vp.priceLo + vp.priceHi) / 2;
    dragStartMs_ = vp.startMs;
    dragEndMs_ = vp.endMs;
}

void HeatmapView::mouseMoveEvent(QMouseEvent *e)
{
    if (!(e->buttons() & Qt::LeftButton) || height() <= 0 || width() <= 0)
        return;
    const HeatmapViewport vp = viewport();
    priceSpan_ = vp.priceHi - vp.priceLo;
    priceCenter_ = dragCenter_ + (e->position().y() - dragY_) / height() * priceSpan_;
    update();
    // Dragging right shows earlier times (the content follows the hand).
    const double dx = e->position().x() - dragX_;
    const auto shift = int64_t(std::llround(-dx / width() * double(dragEndMs_ - dragStartMs_)));
    if (shift != 0 && dragStartMs_ + shift != vp.startMs)
        requestTime(dragStartMs_ + shift, dragEndMs_ + shift);
}

void HeatmapView::mouseDoubleClickEvent(QMouseEvent *)
{
    priceCenter_ = priceSpan_ = 0;
    update();
}

} // namespace co
