#include "views/ChartPanel.h"

#include "render/Theme.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLabel>
#include <QLineSeries>
#include <QTimeZone>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace co {

ChartPanel::ChartPanel(QWidget *parent)
    : QWidget(parent), header_(new QLabel(this)), chart_(new QChart), view_(new QChartView(chart_, this)),
      time_(new QDateTimeAxis)
{
    header_->setObjectName("chartHeader");
    header_->setWordWrap(true);
    header_->setContentsMargins(6, 2, 6, 2);
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(0);
    lay->addWidget(header_);
    lay->addWidget(view_, 1);
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setMinimumSize(200, 120);
    chart_->setTheme(QChart::ChartThemeDark);
    chart_->setBackgroundBrush(theme::kBackground);
    chart_->setPlotAreaBackgroundVisible(false);
    chart_->setMargins(QMargins(4, 4, 4, 4));
    chart_->setBackgroundRoundness(0);
    chart_->legend()->setAlignment(Qt::AlignTop);
    chart_->legend()->setLabelColor(theme::kText);
    time_->setFormat("HH:mm");
    time_->setTitleText("UTC");
    time_->setTickCount(6);
    time_->setLabelsColor(theme::kAxisText);
    time_->setGridLineColor(theme::kGrid);
    chart_->addAxis(time_, Qt::AlignBottom);
}

QValueAxis *ChartPanel::addValueAxis(Qt::Alignment side)
{
    auto *axis = new QValueAxis;
    axis->setLabelsColor(theme::kAxisText);
    axis->setGridLineColor(theme::kGrid);
    axis->setGridLineVisible(side == Qt::AlignLeft);
    chart_->addAxis(axis, side);
    return axis;
}

QLineSeries *ChartPanel::addLine(const QString &name, const QColor &colour, QValueAxis *axis, double width)
{
    auto *s = new QLineSeries;
    s->setName(name);
    s->setPen(QPen(colour, width));
    chart_->addSeries(s);
    s->attachAxis(time_);
    s->attachAxis(axis);
    return s;
}

double ChartPanel::chartTime(int64_t utcMs)
{
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::utc());
    return double(QDateTime(utc.date(), utc.time()).toMSecsSinceEpoch());
}

void ChartPanel::setTimeRange(int64_t fromMs, int64_t toMs)
{
    if (toMs <= fromMs)
        toMs = fromMs + 60'000;
    time_->setRange(QDateTime::fromMSecsSinceEpoch(qint64(chartTime(fromMs))),
                    QDateTime::fromMSecsSinceEpoch(qint64(chartTime(toMs))));
}

void ChartPanel::setRange(QValueAxis *axis, double lo, double hi)
{
    if (!(hi > lo)) {
        lo -= 1;
        hi += 1;
    }
    const double pad = (hi - lo) * 0.06;
    axis->setRange(lo - pad, hi + pad);
    axis->applyNiceNumbers();
}

void ChartPanel::changeEvent(QEvent *e)
{
    QWidget::changeEvent(e);
    if (e->type() == QEvent::LanguageChange) {
        retranslate();
        markDirty(); // the header line is written by refresh()
    }
}

void ChartPanel::markDirty()
{
    dirty_ = true;
    if (isVisible()) {
        dirty_ = false;
        refresh();
    }
}

void ChartPanel::showEvent(QShowEvent *)
{
    if (dirty_) {
        dirty_ = false;
        refresh();
    }
}

} // namespace co
