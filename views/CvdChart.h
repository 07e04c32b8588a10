#pragma once
// Cumulative volume delta at each bar's close over the prior day and today (indicators.md §6:
// restarts each day unless CVD_RESET=none).
#include "engine/Snapshot.h"
#include "views/ChartPanel.h"

namespace co {

class CvdChart : public ChartPanel {
    Q_OBJECT
public:
    explicit CvdChart(QWidget *parent = nullptr);
    void setSnapshot(const SnapshotPtr &s);
    void setTimeframe(Timeframe tf);
    QLineSeries *cvdSeries() const { return cvd_; }

protected:
    void refresh() override;
    void retranslate() override;

private:
    SnapshotPtr snap_;
    Timeframe tf_ = Timeframe::M5;
    QValueAxis *axis_;
    QLineSeries *cvd_, *zero_;
};

} // namespace co
