#include "views/MainWindow.h"

#include "model/Fixed.h"
#include "views/CvdChart.h"
#include "views/DepthDeltaChart.h"
#include "views/HeatmapView.h"
#include "views/DerivativesChart.h"
#include "views/FootprintView.h"
#include "render/Format.h"
#include "views/LevelsPanel.h"
#include "views/LiquidationTable.h"
#include "views/PriceChartView.h"
#include "views/ProfileView.h"
#include "views/TpoView.h"
#include "views/SnapshotFeed.h"
#include "views/StatusPanel.h"
#include "views/SymbolPickerDialog.h"
#include "views/TaskProgress.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

namespace co {

namespace {
const char *const kGeometry = "gui/geometry";
const char *const kWindowState = "gui/windowState";
const char *const kSymbol = "gui/symbol";
const char *const kTimeframe = "gui/timeframe";
const char *const kGrouping = "gui/grouping";
const char *const kMode = "gui/footprintMode";
constexpr int kStateVersion = 1;
} // namespace

const QList<int> &MainWindow::groupingMultipliers()
{
    static const QList<int> k{1, 5, 10, 25, 50, 100};
    return k;
}

MainWindow::MainWindow(const EngineRegistry &registry, QStringList configuredSymbols, QWidget *parent)
    : QMainWindow(parent), feed_(new SnapshotFeed(registry, this)), configured_(std::move(configuredSymbols)),
      footprint_(new FootprintView(this)), price_(new PriceChartView), profile_(new ProfileView), levels_(new LevelsPanel),
      cvd_(new CvdChart), depth_(new DepthDeltaChart), derivatives_(new DerivativesChart),
      liquidations_(new LiquidationTable), status_(new StatusPanel), progress_(new TaskProgress)
{
    setObjectName("mainWindow");
    setWindowTitle(QStringLiteral("Crypto Orderflow"));
    setCentralWidget(footprint_);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);

    // Titles are set by retranslate().
    QDockWidget *priceDock = addPanel("priceDock", QString(), price_, Qt::BottomDockWidgetArea);
    QDockWidget *cvdDock = addPanel("cvdDock", QString(), cvd_, Qt::BottomDockWidgetArea);
    QDockWidget *depthDock = addPanel("depthDock", QString(), depth_, Qt::BottomDockWidgetArea);
    QDockWidget *derivDock = addPanel("derivativesDock", QString(), derivatives_, Qt::BottomDockWidgetArea);
    QDockWidget *liqDock = addPanel("liquidationsDock", QString(), liquidations_, Qt::BottomDockWidgetArea);
    QDockWidget *profileDock = addPanel("profileDock", QString(), profile_, Qt::RightDockWidgetArea);
    QDockWidget *levelsDock = addPanel("levelsDock", QString(), levels_, Qt::RightDockWidgetArea);
    heatmap_ = new HeatmapView;
    QDockWidget *heatmapDock = addPanel("heatmapDock", QString(), heatmap_, Qt::BottomDockWidgetArea);
    connect(footprint_, &FootprintView::visibleTimeChanged, heatmap_, &HeatmapView::setTimeRange);
    connect(heatmap_, &HeatmapView::timeRangeRequested, footprint_, &FootprintView::showTimeRange);
    splitDockWidget(priceDock, cvdDock, Qt::Horizontal);
    tabifyDockWidget(cvdDock, depthDock);
    tabifyDockWidget(depthDock, derivDock);
    tabifyDockWidget(derivDock, liqDock);
    tabifyDockWidget(liqDock, heatmapDock);
    cvdDock->raise();
    tabifyDockWidget(profileDock, levelsDock);
    auto *tpo = new TpoView; // TPO chart tab (analysis.md A5): follows the snapshots on its own
    tabifyDockWidget(levelsDock, addPanel("tpoDock", QString(), tpo, Qt::RightDockWidgetArea));
    connect(feed_, &SnapshotFeed::snapshotChanged, tpo, &TpoView::setSnapshot);
    profileDock->raise();
    resizeDocks({profileDock}, {340}, Qt::Horizontal);
    resizeDocks({priceDock}, {300}, Qt::Vertical);

    statusBar()->setObjectName("statusBar");
    statusBar()->addWidget(progress_);
    statusBar()->addPermanentWidget(status_);
    connect(status_, &StatusPanel::urlCopied, this,
            [this](const QString &url) { statusBar()->showMessage(tr("Copied %1").arg(url), 4000); });

    buildToolbar();
    buildMenus();
    retranslate();
    defaultLayout_ = QMainWindow::saveState(kStateVersion);
    restoreSavedState();

    connect(feed_, &SnapshotFeed::snapshotChanged, this, &MainWindow::onSnapshot);
    connect(feed_, &SnapshotFeed::engineSymbolsChanged, this, &MainWindow::onEngineSymbols);
    auto *statusTimer = new QTimer(this);
    connect(statusTimer, &QTimer::timeout, this, &MainWindow::refreshStatus);
    statusTimer->start(500);
    feed_->setSymbol(symbolPicker_->currentText());
    feed_->start();
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::addPanel(const QString &objectName, const QString &title, QWidget *w, Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(w);
    addDockWidget(area, dock);
    docks_ << dock;
    return dock;
}

void MainWindow::buildToolbar()
{
    QToolBar *bar = addToolBar(QString());
    toolbar_ = bar;
    bar->setObjectName("chartToolbar");
    bar->setMovable(false);
    symbolPicker_ = new QComboBox;
    symbolPicker_->setObjectName("symbolPicker");
    symbolPicker_->setMinimumContentsLength(10);
    symbolPicker_->addItems(configured_);
    timeframePicker_ = new QComboBox;
    timeframePicker_->setObjectName("timeframePicker");
    for (Timeframe tf : kTimeframes)
        timeframePicker_->addItem(QString::fromLatin1(timeframeName(tf).data(), qsizetype(timeframeName(tf).size())), int(tf));
    timeframePicker_->setCurrentIndex(int(Timeframe::M5));
    groupingPicker_ = new QComboBox;
    groupingPicker_->setObjectName("groupingPicker");
    for (int k : groupingMultipliers())
        groupingPicker_->addItem(QStringLiteral("%1×").arg(k), k);
    groupingPicker_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    groupingPicker_->setMinimumContentsLength(11); // "100× (10.00)" once the tick is known
    modePicker_ = new QComboBox;
    modePicker_->setObjectName("modePicker");
    for (FootprintMode m : {FootprintMode::BidAsk, FootprintMode::Delta, FootprintMode::Volume})
        modePicker_->addItem(QString(), int(m));

    for (QWidget *picker : std::initializer_list<QWidget *>{symbolPicker_, timeframePicker_, groupingPicker_, modePicker_}) {
        toolLabels_ << new QLabel;
        bar->addWidget(toolLabels_.back());
        bar->addWidget(picker);
    }
    bar->addSeparator();
    QAction *follow = bar->addAction(QString(), footprint_, &FootprintView::followLatest);
    follow->setObjectName("followLatest");
    actions_[follow->objectName()] = follow;

    connect(symbolPicker_, &QComboBox::textActivated, this, [this] { userPickedSymbol_ = true; });
    connect(symbolPicker_, &QComboBox::currentTextChanged, this, [this](const QString &s) {
        feed_->setSymbol(s);
        setWindowTitle(QStringLiteral("Crypto Orderflow — %1").arg(s));
    });
    connect(timeframePicker_, &QComboBox::currentIndexChanged, this, [this] {
        const Timeframe tf = timeframe();
        footprint_->setTimeframe(tf);
        price_->setTimeframe(tf);
        cvd_->setTimeframe(tf);
    });
    connect(groupingPicker_, &QComboBox::currentIndexChanged, this, [this] {
        footprint_->setGrouping(grouping());
        profile_->setGrouping(grouping());
    });
    connect(modePicker_, &QComboBox::currentIndexChanged, this,
            [this] { footprint_->setMode(FootprintMode(modePicker_->currentData().toInt())); });
}

void MainWindow::buildMenus()
{
    auto add = [this](QMenu *menu, const char *name, auto &&...slot) {
        QAction *a = menu->addAction(QString(), slot...);
        a->setObjectName(name);
        actions_[name] = a;
        return a;
    };
    QMenu *file = menuBar()->addMenu(QString());
    QAction *settings = add(file, "actionSettings", this, &MainWindow::settingsRequested);
    // Not every desktop defines a Preferences key (plain X11 does not): Ctrl+, then.
    const QList<QKeySequence> prefs = QKeySequence::keyBindings(QKeySequence::Preferences);
    settings->setShortcut(prefs.isEmpty() ? QKeySequence(Qt::CTRL | Qt::Key_Comma) : prefs.first());
    add(file, "actionImportArchive", this, &MainWindow::importRequested);
    add(file, "actionAlerts", this, &MainWindow::alertsRequested);
    add(file, "actionPickSymbol", this, [this] { // any trading perpetual (live only)
        auto *picker = new SymbolPickerDialog(directory_, this);
        picker->setAttribute(Qt::WA_DeleteOnClose);
        connect(picker, &SymbolPickerDialog::symbolChosen, this, [this](const QString &symbol) {
            if (symbolPicker_->findText(symbol) < 0)
                symbolPicker_->addItem(symbol);
            userPickedSymbol_ = true;
            symbolPicker_->setCurrentText(symbol);
        });
        picker->show();
    })->setVisible(false);
    QAction *record = add(file, "actionRecord", this, [this](bool on) { Q_EMIT recordToggled(on); });
    record->setCheckable(true);
    record->setVisible(false);
    file->addSeparator();
    add(file, "actionQuit", this, &MainWindow::quitRequested)->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(QString());
    for (QDockWidget *d : docks_)
        view->addAction(d->toggleViewAction());
    view->addSeparator();
    add(view, "actionResetLayout", this, [this] { restoreState(defaultLayout_, kStateVersion); });

    QMenu *help = menuBar()->addMenu(QString());
    add(help, "actionAbout", this, [this] {
        QMessageBox::about(this, tr("About Crypto Orderflow"),
                           tr("<b>Crypto Orderflow %1</b><p>Order-flow analytics for Binance USD-M perpetual futures: "
                              "footprint, delta and CVD, volume profile, VWAP, sessions, depth, funding, open interest "
                              "and liquidations.</p><p>MCP server: %2</p>")
                               .arg(QApplication::applicationVersion(), status_->serverUrl().toHtmlEscaped()));
    });
    menus_ = {file, view, help};
}

void MainWindow::setSymbolDirectory(std::shared_ptr<SymbolDirectory> directory)
{
    directory_ = std::move(directory);
    actions_["actionPickSymbol"]->setVisible(directory_ != nullptr);
}

void MainWindow::setRecording(bool on)
{
    QAction *a = actions_["actionRecord"];
    const QSignalBlocker quiet(a);
    a->setVisible(true);
    a->setChecked(on);
}

void MainWindow::retranslate()
{
    const QStringList titles{tr("Price, VWAP and levels"), tr("CVD"),          tr("Depth delta"),
                             tr("Open interest and funding"), tr("Liquidations"), tr("Volume profile"),
                             tr("Key levels"), tr("Liquidity heatmap"), tr("TPO profile")};
    for (int i = 0; i < docks_.size() && i < titles.size(); ++i)
        docks_[i]->setWindowTitle(titles[i]);
    toolbar_->setWindowTitle(tr("Chart"));
    const QStringList labels{tr(" Symbol "), tr("  Timeframe "), tr("  Rows "), tr("  Footprint ")};
    for (int i = 0; i < toolLabels_.size(); ++i)
        toolLabels_[i]->setText(labels.value(i));
    groupingPicker_->setToolTip(tr("Price rows merged: multiples of the tick size"));
    modePicker_->setItemText(0, tr("Bid × Ask"));
    modePicker_->setItemText(1, tr("Delta"));
    modePicker_->setItemText(2, tr("Volume"));
    actions_["followLatest"]->setText(tr("Follow latest"));
    actions_["followLatest"]->setToolTip(tr("Scroll back to the newest bar (Home)"));
    menus_[0]->setTitle(tr("&File"));
    menus_[1]->setTitle(tr("&View"));
    menus_[2]->setTitle(tr("&Help"));
    actions_["actionSettings"]->setText(tr("&Settings…"));
    actions_["actionImportArchive"]->setText(tr("&Import archive…"));
    actions_["actionAlerts"]->setText(tr("&Alerts…"));
    actions_["actionPickSymbol"]->setText(tr("S&ymbols…"));
    actions_["actionRecord"]->setText(tr("&Record session"));
    actions_["actionRecord"]->setToolTip(tr("Write what the engines consume to the recording folder (--replay reads it)"));
    actions_["actionQuit"]->setText(tr("&Quit"));
    actions_["actionResetLayout"]->setText(tr("Reset layout"));
    actions_["actionAbout"]->setText(tr("&About"));
}

void MainWindow::changeEvent(QEvent *e)
{
    QMainWindow::changeEvent(e);
    if (e->type() == QEvent::LanguageChange) {
        retranslate();
        onSnapshot(feed_->current()); // the panels draw their texts with the snapshot
        refreshStatus();
    }
}

void MainWindow::restoreSavedState()
{
    QSettings s;
    if (!restoreGeometry(s.value(kGeometry).toByteArray())) {
        // First start: most of the screen, centred.
        const QRect avail = screen()->availableGeometry();
        resize(avail.size() * 0.85);
        move(avail.center() - rect().center());
    }
    restoreState(s.value(kWindowState).toByteArray(), kStateVersion);
    const QString symbol = s.value(kSymbol).toString();
    if (!symbol.isEmpty()) {
        if (symbolPicker_->findText(symbol) < 0)
            symbolPicker_->addItem(symbol);
        symbolPicker_->setCurrentText(symbol);
    }
    timeframePicker_->setCurrentIndex(std::clamp(s.value(kTimeframe, int(Timeframe::M5)).toInt(), 0, int(kTimeframes.size()) - 1));
    groupingPicker_->setCurrentIndex(std::max(0, groupingPicker_->findData(s.value(kGrouping, 1).toInt())));
    modePicker_->setCurrentIndex(std::max(0, modePicker_->findData(s.value(kMode, 0).toInt())));
    // Apply what the pickers hold even where restoring did not change them.
    footprint_->setTimeframe(timeframe());
    price_->setTimeframe(timeframe());
    cvd_->setTimeframe(timeframe());
    footprint_->setGrouping(grouping());
    profile_->setGrouping(grouping());
    footprint_->setMode(FootprintMode(modePicker_->currentData().toInt()));
}

void MainWindow::saveState() const
{
    QSettings s;
    s.setValue(kGeometry, saveGeometry());
    s.setValue(kWindowState, QMainWindow::saveState(kStateVersion));
    s.setValue(kSymbol, symbolPicker_->currentText());
    s.setValue(kTimeframe, timeframePicker_->currentIndex());
    s.setValue(kGrouping, groupingPicker_->currentData().toInt());
    s.setValue(kMode, modePicker_->currentData().toInt());
}

void MainWindow::setStatusSource(std::function<ServiceStatus::Services()> source)
{
    statusSource_ = std::move(source);
    refreshStatus();
}

void MainWindow::refreshStatus()
{
    status_->showStatus(statusSource_ ? statusSource_() : ServiceStatus::Services{}, feed_->current(),
                        QDateTime::currentMSecsSinceEpoch());
}

Timeframe MainWindow::timeframe() const { return Timeframe(timeframePicker_->currentData().toInt()); }
int64_t MainWindow::grouping() const { return groupingPicker_->currentData().toInt(); }

void MainWindow::setTimeframe(Timeframe tf) { timeframePicker_->setCurrentIndex(std::max(0, timeframePicker_->findData(int(tf)))); }

void MainWindow::setGroupingMultiplier(int k) { groupingPicker_->setCurrentIndex(std::max(0, groupingPicker_->findData(k))); }

void MainWindow::onEngineSymbols(const QStringList &symbols)
{
    // An on-demand symbol dropped (MAX_SYMBOLS) leaves the list; shown, SYMBOLS' first replaces it.
    for (const QString &s : std::as_const(engineSymbols_)) {
        if (!directory_ || symbols.contains(s) || configured_.contains(s) || symbolPicker_->findText(s) < 0)
            continue;
        const SymbolAccess::Kind k = directory_->peek(s.toStdString()).kind;
        if (k == SymbolAccess::Kind::WarmingUp || k == SymbolAccess::Kind::Ready) // asked again meanwhile
            continue;
        if (symbolPicker_->currentText() == s && !configured_.isEmpty())
            symbolPicker_->setCurrentText(configured_.first());
        symbolPicker_->removeItem(symbolPicker_->findText(s));
    }
    engineSymbols_ = symbols;
    for (const QString &s : symbols)
        if (symbolPicker_->findText(s) < 0)
            symbolPicker_->addItem(s);
    // Replayed files may hold another symbol than the configured ones: show one that has data.
    if (!userPickedSymbol_ && !symbols.isEmpty() && !symbols.contains(symbolPicker_->currentText()))
        symbolPicker_->setCurrentText(symbols.front());
}

void MainWindow::updateGroupingLabels(int64_t tick)
{
    if (tick == tick_)
        return;
    tick_ = tick;
    const int d = decimalsFor(fixedToDouble(tick));
    for (int i = 0; i < groupingPicker_->count(); ++i) {
        const int k = groupingPicker_->itemData(i).toInt();
        groupingPicker_->setItemText(i, tick > 0 ? QStringLiteral("%1× (%2)").arg(k).arg(formatPrice(fixedToDouble(tick * k), d))
                                                 : QStringLiteral("%1×").arg(k));
    }
}

void MainWindow::onSnapshot(const SnapshotPtr &s)
{
    if (s)
        updateGroupingLabels(s->symbol.tickSize);
    footprint_->setSnapshot(s);
    price_->setSnapshot(s);
    profile_->setSnapshot(s);
    levels_->setSnapshot(s);
    cvd_->setSnapshot(s);
    depth_->setSnapshot(s);
    heatmap_->setSnapshot(s);
    derivatives_->setSnapshot(s);
    liquidations_->setSnapshot(s);
}

void MainWindow::closeEvent(QCloseEvent *e)
{
    saveState();
    if (closeToTray_) {
        hide();
        e->ignore();
        Q_EMIT hiddenToTray();
        return;
    }
    QMainWindow::closeEvent(e);
    Q_EMIT quitRequested();
}

void MainWindow::showEvent(QShowEvent *e)
{
    QMainWindow::showEvent(e);
    Q_EMIT visibilityChanged(true);
}

void MainWindow::hideEvent(QHideEvent *e)
{
    QMainWindow::hideEvent(e);
    Q_EMIT visibilityChanged(false);
}

} // namespace co
