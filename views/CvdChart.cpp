#include "views/CvdChart.h"

#include "engine/KeyLevels.h"
#include "render/Format.h"
#include "render/Theme.h"

#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace co {

CvdChart::CvdChart(QWidget *parent) : ChartPanel(parent)
{
    setObjectName("cvdChart");
    axis_ = addValueAxis(Qt::AlignLeft);
    cvd_ = addLine(QString(), theme::kVwap, axis_, 2);
    zero_ = addLine(QString(), theme::kAxisText, axis_, 1);
    zero_->setPen(QPen(theme::kAxisText, 1, Qt::DashLine));
    retranslate();
}

void CvdChart::retranslate()
{
    cvd_->setName(tr("CVD"));
    zero_->setName(tr("zero"));
}

void CvdChart::setSnapshot(const SnapshotPtr &s)
{
    snap_ = s;
    markDirty();
}

void CvdChart::setTimeframe(Timeframe tf)
{
    tf_ = tf;
    markDirty();
}

void CvdChart::refresh()
{
    QList<QPointF> pts;
    double lo = 0, hi = 0;
    int64_t from = 0, to = 0;
    if (snap_) {
        const int64_t tfMs = timeframeMs(tf_);
        for (const auto *day : {snap_->prior.get(), snap_->today.get()}) {
            if (!day || day->barsOf(tf_).empty())
                continue;
            int64_t run = snap_->config.cvdContinuous ? day->cvdBefore : 0;
            const auto &bars = day->barsOf(tf_);
            pts.append({chartTime(bars.front()->openTime), qtyValue(run)});
            for (const BarPtr &b : bars) {
                run += b->delta();
                const double v = qtyValue(run);
                pts.append({chartTime(b->openTime + tfMs), v});
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
            if (!from)
                from = bars.front()->openTime;
            to = bars.back()->openTime + tfMs;
        }
    }
    cvd_->replace(pts);
    zero_->replace(pts.isEmpty() ? QList<QPointF>{} : QList<QPointF>{{pts.front().x(), 0}, {pts.back().x(), 0}});
    if (pts.isEmpty()) {
        header()->setText(tr("CVD: waiting for trades"));
        return;
    }
    setTimeRange(from, to);
    setRange(axis_, lo, hi);
    header()->setText(tr("CVD %1 (%2)").arg(formatSignedQty(pts.back().y()),
                                            snap_->config.cvdContinuous ? tr("continuous") : tr("resets each day")));
}

} // namespace co
