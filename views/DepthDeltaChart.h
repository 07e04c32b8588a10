#pragma once
// Order-book depth within ±X % of mid over time (indicators.md §7): bid and ask quantity of the
// sampled band nearest DEPTH_DELTA_PERCENT, and the exact figures of the current book.
#include "engine/Snapshot.h"
#include "views/ChartPanel.h"

namespace co {

class DepthDeltaChart : public ChartPanel {
    Q_OBJECT
public:
    explicit DepthDeltaChart(QWidget *parent = nullptr);
    void setSnapshot(const SnapshotPtr &s);
    QLineSeries *bidSeries() const { return bid_; }

protected:
    void refresh() override;
    void retranslate() override;

private:
    SnapshotPtr snap_;
    QValueAxis *axis_;
    QLineSeries *bid_, *ask_, *net_;
};

} // namespace co
