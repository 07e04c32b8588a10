#pragma once
// The main window: symbol, timeframe, tick grouping and footprint mode on the toolbar; the
// footprint in the middle; price chart, profile, levels, CVD, depth delta, OI/funding and
// liquidations as dockable panels; connection status in the status bar. Layout and choices are
// kept in QSettings (gui/…).
#include "engine/EngineRegistry.h"
#include "engine/ServiceStatus.h"
#include "render/FootprintPainter.h"

#include <QMainWindow>
#include <QMap>

#include <functional>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QToolBar;

namespace co {

class FootprintView;
class SnapshotFeed;
class StatusPanel;
class TaskProgress;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(const EngineRegistry &registry, QStringList configuredSymbols, QWidget *parent = nullptr);
    ~MainWindow() override;

    SnapshotFeed &feed() { return *feed_; }
    StatusPanel *statusPanel() const { return status_; }
    TaskProgress *taskProgress() const { return progress_; }

    // Where the status bar reads service status from (polled twice a second).
    void setStatusSource(std::function<ServiceStatus::Services()> source);
    void setCloseToTray(bool on) { closeToTray_ = on; }
    bool closeToTray() const { return closeToTray_; }
    void setTimeframe(Timeframe tf);
    void setGroupingMultiplier(int k);
    // Live only: File > Symbols… opens the picker of every trading perpetual (SymbolPickerDialog).
    void setSymbolDirectory(std::shared_ptr<SymbolDirectory> directory);
    // The File > Record session toggle (checked while recording), shown once a recorder exists.
    void setRecording(bool on);
    // Writes geometry, dock layout and choices to QSettings.
    void saveState() const;

    static const QList<int> &groupingMultipliers();

Q_SIGNALS:
    void settingsRequested();
    void recordToggled(bool on);
    void importRequested();
    void alertsRequested();
    void quitRequested();
    void hiddenToTray();
    void visibilityChanged(bool visible);

protected:
    void changeEvent(QEvent *e) override;
    void closeEvent(QCloseEvent *e) override;
    void showEvent(QShowEvent *e) override;
    void hideEvent(QHideEvent *e) override;

private:
    QDockWidget *addPanel(const QString &objectName, const QString &title, QWidget *w, Qt::DockWidgetArea area);
    void buildToolbar();
    void buildMenus();
    void retranslate(); // every text set once here; the panels redraw theirs with the snapshot
    void restoreSavedState();
    void onSnapshot(const SnapshotPtr &s);
    void onEngineSymbols(const QStringList &symbols);
    void updateGroupingLabels(int64_t tick);
    void refreshStatus();
    Timeframe timeframe() const;
    int64_t grouping() const;

    SnapshotFeed *feed_;
    QStringList configured_;
    FootprintView *footprint_;
    class PriceChartView *price_;
    class ProfileView *profile_;
    class LevelsPanel *levels_;
    class CvdChart *cvd_;
    class DepthDeltaChart *depth_;
    class HeatmapView *heatmap_ = nullptr;
    class DerivativesChart *derivatives_;
    class LiquidationTable *liquidations_;
    StatusPanel *status_;
    TaskProgress *progress_;
    QComboBox *symbolPicker_, *timeframePicker_, *groupingPicker_, *modePicker_;
    QList<QDockWidget *> docks_;
    QMap<QString, QAction *> actions_;  // by objectName
    QList<QLabel *> toolLabels_;
    QList<QMenu *> menus_;
    QToolBar *toolbar_ = nullptr;
    QByteArray defaultLayout_;
    std::function<ServiceStatus::Services()> statusSource_;
    int64_t tick_ = 0;
    bool userPickedSymbol_ = false;
    bool closeToTray_ = false;
    std::shared_ptr<SymbolDirectory> directory_;
    QStringList engineSymbols_; // the last engineSymbolsChanged: an on-demand symbol gone is dropped
};

} // namespace co
