#pragma once
// Open interest over time (left axis) and the funding rate (right axis) with mark/index price
// and the next funding time (indicators.md §9). The stream carries only the current funding rate,
// so its history is what this window has seen since it opened.
#include "engine/Snapshot.h"
#include "views/ChartPanel.h"

#include <QList>
#include <QPointF>

namespace co {

class DerivativesChart : public ChartPanel {
    Q_OBJECT
public:
    explicit DerivativesChart(QWidget *parent = nullptr);
    void setSnapshot(const SnapshotPtr &s);

protected:
    void refresh() override;
    void retranslate() override;

private:
    SnapshotPtr snap_;
    QString symbol_;
    QList<QPointF> fundingSeen_; // (chart time, rate %)
    int64_t lastMarkMs_ = 0;
    QValueAxis *oiAxis_, *fundingAxis_;
    QLineSeries *oi_, *funding_;
};

} // namespace co
