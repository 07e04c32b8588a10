#include "views/DepthDeltaChart.h"

#include "engine/KeyLevels.h"
#include "render/Format.h"
#include "render/Theme.h"

#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace co {

DepthDeltaChart::DepthDeltaChart(QWidget *parent) : ChartPanel(parent)
{
    setObjectName("depthDeltaChart");
    axis_ = addValueAxis(Qt::AlignLeft);
    bid_ = addLine(QString(), theme::kBuy, axis_);
    ask_ = addLine(QString(), theme::kSell, axis_);
    net_ = addLine(QString(), theme::kVwap, axis_, 2);
    retranslate();
}

void DepthDeltaChart::retranslate()
{
    bid_->setName(tr("Bids"));
    ask_->setName(tr("Asks"));
    net_->setName(tr("Net (bids − asks)"));
}

void DepthDeltaChart::setSnapshot(const SnapshotPtr &s)
{
    snap_ = s;
    markDirty();
}

void DepthDeltaChart::refresh()
{
    QList<QPointF> bids, asks, net;
    double lo = 0, hi = 0;
    const int bp = snap_ ? snap_->config.depthPercentBp : 100;
    const QString band = QString::number(bp / 100.0, 'f', 2);
    bool exact = false;
    const int idx = ladderIndexFor(bp, &exact);
    int64_t from = 0, to = 0;
    if (snap_ && snap_->depth) {
        auto add = [&](const DepthSample &s) {
            const DepthBand b = s.band(idx);
            const double t = chartTime(s.timeMs);
            bids.append({t, qtyValue(b.bidQty)});
            asks.append({t, qtyValue(b.askQty)});
            net.append({t, qtyValue(b.net())});
            lo = std::min({lo, qtyValue(b.net())});
            hi = std::max({hi, qtyValue(b.bidQty), qtyValue(b.askQty)});
            if (!from)
                from = s.timeMs;
            to = s.timeMs;
        };
        const auto &secs = snap_->depth->seconds();
        const int64_t firstSecond = secs.empty() ? INT64_MAX : secs.front().timeMs;
        for (const DepthSample &s : snap_->depth->minutes())
            if (s.timeMs < firstSecond)
                add(s);
        for (const DepthSample &s : secs)
            add(s);
    }
    bid_->replace(bids);
    ask_->replace(asks);
    net_->replace(net);
    QString text;
    if (snap_ && snap_->book && snap_->book->live) {
        if (auto now = depthWithin(snap_->book->book, bp))
            text = tr("Now within ±%1 %: bids %2 · asks %3 · net %4")
                       .arg(band, formatQty(qtyValue(now->bidQty)), formatQty(qtyValue(now->askQty)),
                            formatSignedQty(qtyValue(now->net())));
    } else {
        text = tr("Order book not synchronised");
    }
    if (bids.isEmpty()) {
        header()->setText(tr("Depth within ±%1 %: no order-book samples yet. %2").arg(band, text));
        return;
    }
    if (!exact)
        text += QLatin1Char(' ') + tr("(history sampled at the nearest band, ±%1 %)").arg(QString::number((idx + 1) * 0.1, 'f', 1));
    header()->setText(text);
    setTimeRange(from, to);
    setRange(axis_, lo, hi);
}

} // namespace co
