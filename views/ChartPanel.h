#pragma once
// A Qt Charts panel in the views' dark palette: a header line for current values (or why there
// is nothing to show) above a chart with a UTC time axis.
#include <QWidget>

#include <cstdint>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace co {

class ChartPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChartPanel(QWidget *parent = nullptr);
    QLabel *header() const { return header_; }

protected:
    QLineSeries *addLine(const QString &name, const QColor &colour, QValueAxis *axis, double width = 1.5);
    QValueAxis *addValueAxis(Qt::Alignment side);
    void setTimeRange(int64_t fromMs, int64_t toMs);
    // QDateTimeAxis prints local time; shifting by the local offset makes it print UTC like the
    // other views.
    static double chartTime(int64_t utcMs);
    static void setRange(QValueAxis *axis, double lo, double hi);
    void showEvent(QShowEvent *) override;
    // Called when the data changed and the panel is visible.
    virtual void refresh() = 0;
    // The series names again in the current language (a live language switch).
    virtual void retranslate() {}
    void changeEvent(QEvent *e) override;
    void markDirty();

private:
    QLabel *header_;
    QChart *chart_;
    QChartView *view_;
    QDateTimeAxis *time_;
    bool dirty_ = true;
};

} // namespace co
