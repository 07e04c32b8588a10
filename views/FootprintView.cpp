#include "views/FootprintView.h"

#include "render/Format.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace co {

namespace {
constexpr size_t kMargin = 16; // bars built beyond the visible ones, so small pans need no rebuild
}

FootprintView::FootprintView(QWidget *parent) : QWidget(parent)
{
    setObjectName("footprintView");
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(320, 240);
}

void FootprintView::setSnapshot(const SnapshotPtr &s)
{
    const bool first = !snap_ || !s || snap_->symbol.name != s->symbol.name;
    snap_ = s;
    if (first) {
        vp_.rightIndex = -1;
        vp_.centerPrice = 0;
    }
    // Re-centre only when the last price leaves the middle of the view, so rows do not jump.
    if (s && s->hasTrade && s->symbol.tickSize > 0 && vp_.rightIndex < 0) {
        const double last = double(s->lastPrice) / 1e8;
        const double step = double(s->symbol.tickSize * grouping_) / 1e8;
        const double halfRows = std::max(1.0, (height() - 50) / vp_.rowHeight / 2);
        if (vp_.centerPrice <= 0 || std::abs(last - vp_.centerPrice) > 0.6 * halfRows * step)
            vp_.centerPrice = std::round(last / step) * step;
    }
    invalidate();
}

void FootprintView::setTimeframe(Timeframe tf)
{
    tf_ = tf;
    vp_.rightIndex = -1;
    invalidate();
}

void FootprintView::setGrouping(int64_t ticks)
{
    grouping_ = std::max<int64_t>(1, ticks);
    vp_.centerPrice = 0;
    setSnapshot(snap_);
}

void FootprintView::setMode(FootprintMode mode)
{
    mode_ = mode;
    update();
}

void FootprintView::followLatest()
{
    vp_.rightIndex = -1;
    vp_.centerPrice = 0;
    setSnapshot(snap_);
}

void FootprintView::invalidate()
{
    dirty_ = true;
    update();
}

const FootprintScene &FootprintView::scene()
{
    if (!snap_) {
        scene_ = {};
        return scene_;
    }
    const size_t n = footprintTimelineSize(*snap_, tf_);
    const auto [first, end] = footprintVisibleBars(width(), n, vp_);
    if (dirty_ || first < built_.first || end > built_.second) {
        built_ = {first > kMargin ? first - kMargin : 0, std::min(n, end + kMargin)};
        scene_ = buildFootprintScene(*snap_, tf_, grouping_, built_.first, built_.second);
        dirty_ = false;
    }
    return scene_;
}

FootprintLayout FootprintView::layout() { return footprintLayout(QRectF(rect()), scene(), vp_); }

void FootprintView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintFootprint(p, QRectF(rect()), scene(), vp_, mode_);
    publishTime();
}

std::pair<qint64, qint64> FootprintView::visibleTime()
{
    // Plot edges → timeline positions → times: the bars' open times, a timeframe per column.
    const FootprintScene &sc = scene();
    if (sc.bars.empty() || sc.timeframeMs <= 0)
        return {0, 0};
    const FootprintLayout L = layout();
    const QRectF right = L.barColumn(L.rightIndex);
    auto timeAt = [&](double x) {
        const double i = L.rightIndex + (x - right.left()) / std::max(1.0, L.barWidth) - double(sc.firstIndex);
        const double k = std::clamp(std::floor(i), 0.0, double(sc.bars.size() - 1));
        return qint64(double(sc.bars[size_t(k)].openTime) + (i - k) * double(sc.timeframeMs));
    };
    return {timeAt(L.plot.left()), timeAt(L.plot.right())};
}

void FootprintView::publishTime()
{
    const std::pair<qint64, qint64> shown = visibleTime();
    if (shown.second > shown.first && shown != shownTime_) {
        shownTime_ = shown;
        Q_EMIT visibleTimeChanged(shown.first, shown.second);
    }
}

double FootprintView::indexOfTime(qint64 ms) const
{
    static const std::vector<BarPtr> none;
    const std::vector<BarPtr> &prior = snap_->prior ? snap_->prior->barsOf(tf_) : none;
    const std::vector<BarPtr> &today = snap_->today ? snap_->today->barsOf(tf_) : none;
    const size_t n = prior.size() + today.size();
    auto open = [&](size_t i) { return i < prior.size() ? prior[i]->openTime : today[i - prior.size()]->openTime; };
    // The last bar opened at or before ms (the first one when ms is earlier).
    size_t lo = 0, hi = n;
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (open(mid) <= ms)
            lo = mid + 1;
        else
            hi = mid;
    }
    const size_t k = lo == 0 ? 0 : lo - 1;
    double frac = double(ms - open(k)) / double(timeframeMs(tf_));
    if (k + 1 < n && lo > 0)
        frac = std::min(frac, 1.0); // a gap between bars is no column
    return double(k) + frac;
}

void FootprintView::showTimeRange(qint64 startMs, qint64 endMs)
{
    if (!snap_ || endMs <= startMs || footprintTimelineSize(*snap_, tf_) == 0)
        return;
    const double i0 = indexOfTime(startMs), i1 = indexOfTime(endMs);
    FootprintLayout L = layout();
    if (i1 <= i0 || L.plot.width() <= 0)
        return;
    vp_.barWidth = std::clamp(L.plot.width() / (i1 - i0), 6.0, 400.0);
    L = layout();
    // Index at the plot's right edge = rightIndex + c (c depends on the bar width only); keep the
    // span's middle in the middle when the zoom limits leave a different span.
    const double c = (L.plot.right() - L.barColumn(L.rightIndex).left()) / L.barWidth;
    const double right = (i0 + i1) / 2 + L.plot.width() / (2 * L.barWidth) - c;
    const double last = double(footprintTimelineSize(*snap_, tf_) - 1);
    vp_.rightIndex = right >= last ? -1 : std::max(0.0, right);
    update();
    publishTime();
}

void FootprintView::panBars(double bars)
{
    const double last = double(std::max<size_t>(scene().timelineSize, 1) - 1);
    double right = (vp_.rightIndex < 0 ? last : vp_.rightIndex) + bars;
    right = std::max(0.0, right);
    vp_.rightIndex = right >= last ? -1 : right;
    update();
}

void FootprintView::panRows(double rows)
{
    const FootprintLayout L = layout();
    vp_.centerPrice = L.centerPrice + rows * L.rowStep;
    update();
}

void FootprintView::zoomBars(double factor)
{
    vp_.barWidth = std::clamp(vp_.barWidth * factor, 6.0, 400.0);
    update();
}

void FootprintView::zoomRows(double factor)
{
    vp_.rowHeight = std::clamp(vp_.rowHeight * factor, 3.0, 60.0);
    update();
}

void FootprintView::wheelEvent(QWheelEvent *e)
{
    const double steps = e->angleDelta().y() / 120.0;
    if (e->modifiers() & Qt::ShiftModifier)
        panRows(steps * 3);
    else if (e->modifiers() & Qt::ControlModifier)
        zoomRows(std::pow(1.15, steps));
    else
        zoomBars(std::pow(1.15, steps));
    e->accept();
}

void FootprintView::mousePressEvent(QMouseEvent *e)
{
    if (e->button() != Qt::LeftButton)
        return;
    const FootprintLayout L = layout();
    dragging_ = true;
    dragFrom_ = e->position();
    dragStart_ = vp_;
    dragStart_.rightIndex = L.rightIndex;
    dragStart_.centerPrice = L.centerPrice;
    setCursor(Qt::ClosedHandCursor);
}

void FootprintView::mouseMoveEvent(QMouseEvent *e)
{
    if (!dragging_)
        return;
    const QPointF d = e->position() - dragFrom_;
    const double step = scene().rowStep > 0 ? scene_.rowStep : 1;
    vp_.rightIndex = std::max(0.0, dragStart_.rightIndex - d.x() / vp_.barWidth);
    vp_.centerPrice = dragStart_.centerPrice + d.y() / vp_.rowHeight * step;
    update();
}

void FootprintView::mouseReleaseEvent(QMouseEvent *e)
{
    if (e->button() != Qt::LeftButton || !dragging_)
        return;
    dragging_ = false;
    unsetCursor();
    if (vp_.rightIndex >= double(scene().timelineSize) - 1)
        vp_.rightIndex = -1;
    update();
}

void FootprintView::mouseDoubleClickEvent(QMouseEvent *) { followLatest(); }

void FootprintView::keyPressEvent(QKeyEvent *e)
{
    const double n = (e->modifiers() & Qt::ShiftModifier) ? 10 : 1;
    const bool ctrl = e->modifiers() & Qt::ControlModifier;
    switch (e->key()) {
    case Qt::Key_Left: panBars(-n); break;
    case Qt::Key_Right: panBars(n); break;
    case Qt::Key_Up: panRows(n); break;
    case Qt::Key_Down: panRows(-n); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: ctrl ? zoomRows(1.15) : zoomBars(1.15); break;
    case Qt::Key_Minus: ctrl ? zoomRows(1 / 1.15) : zoomBars(1 / 1.15); break;
    case Qt::Key_Home: followLatest(); break;
    default: QWidget::keyPressEvent(e); return;
    }
    e->accept();
}

bool FootprintView::event(QEvent *e)
{
    if (e->type() != QEvent::ToolTip)
        return QWidget::event(e);
    auto *help = static_cast<QHelpEvent *>(e);
    const FootprintScene &sc = scene();
    const FootprintLayout L = layout();
    const double idx = L.indexAt(help->pos().x());
    if (idx < double(sc.firstIndex) || idx >= double(sc.firstIndex + sc.bars.size()) || !L.plot.contains(help->pos())) {
        QToolTip::hideText();
        e->ignore();
        return true;
    }
    const FootprintBarResult &bar = sc.bars[size_t(idx) - sc.firstIndex];
    const double price = L.priceAt(help->pos().y());
    QString text = tr("%1 UTC · volume %2 · delta %3 · POC %4")
                       .arg(formatUtcTime(bar.openTime), formatQty(bar.volume), formatSignedQty(bar.delta),
                            formatPrice(bar.poc, sc.priceDecimals));
    for (const FootprintRow &r : bar.rows)
        if (std::abs(r.price - price) < sc.rowStep / 4) {
            text += QLatin1Char('\n') + tr("%1: bid %2 × ask %3 · delta %4 · %n trade(s)", nullptr, int(r.trades))
                                            .arg(formatPrice(r.price, sc.priceDecimals), formatQty(r.sell),
                                                 formatQty(r.buy), formatSignedQty(r.buy - r.sell));
        }
    QToolTip::showText(help->globalPos(), text, this);
    return true;
}

} // namespace co
