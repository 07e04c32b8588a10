#include "app/DesktopApp.h"

#include "app/ImportController.h"
#include "pipeline/LiveFeed.h"
#include "pipeline/ReplayRunner.h"
#include "cache/StorageService.h"
#include "model/Time.h"
#include "server/HttpServer.h"
#include "views/AlertsDialog.h"
#include "views/ImportDialog.h"
#include "views/Language.h"
#include "views/Log.h"
#include "views/MainWindow.h"
#include "views/SettingsDialog.h"
#include "views/SnapshotFeed.h"
#include "views/StatusPanel.h"
#include "views/TaskProgress.h"
#include "views/TrayIcon.h"

#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>

namespace co {

namespace {
const char *const kProxyKey = "HTTPS_PROXY";

QString mcpUrl(const Config &c)
{
    // A wildcard bind is reached on this computer through loopback.
    const QString host = (c.host == "0.0.0.0" || c.host == "::") ? QStringLiteral("127.0.0.1") : c.host;
    const QString h = host.contains(':') ? '[' + host + ']' : host;
    return QStringLiteral("http://%1:%2/mcp").arg(h).arg(c.port);
}

bool validProxy(const QString &value)
{
    const QUrl u(value.contains("://") ? value : "http://" + value, QUrl::StrictMode);
    return u.isValid() && !u.host().isEmpty() && QStringList{"http", "https", "socks5", "socks5h"}.contains(u.scheme());
}
} // namespace

DesktopApp::DesktopApp(Application &app, RunMode mode, QObject *parent)
    : QObject(parent), app_(app), mode_(mode),
      window_(std::make_unique<MainWindow>(app.registry(), app.config().symbols))
{
    const Config &c = app_.config();
    QSettings store;
    trayAvailable_ = TrayIcon::available();
    tray_ = std::make_unique<TrayIcon>();
    connect(tray_.get(), &TrayIcon::toggleWindowRequested, this, &DesktopApp::toggleWindow);
    connect(tray_.get(), &TrayIcon::quitRequested, this, &DesktopApp::quit);
    connect(tray_.get(), &TrayIcon::serverToggled, this, &DesktopApp::setServerRunning);
    connect(window_.get(), &MainWindow::visibilityChanged, tray_.get(), &TrayIcon::setWindowVisible);
    connect(window_.get(), &MainWindow::hiddenToTray, this, [this] {
        if (!toldTray_ && !quitting_)
            tray_->notify(tr("Crypto Orderflow keeps running in the tray."));
        toldTray_ = true;
    });
    tray_->setServerRunning(app_.server() && app_.server()->port() != 0);
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &DesktopApp::updateTrayStatus);
    timer->start(2000);
    window_->setCloseToTray(trayAvailable_ && store.value(kCloseToTrayKey, true).toBool());
    window_->setStatusSource([this] { return app_.status().all(); });
    window_->statusPanel()->setServerUrl(mcpUrl(c));
    binanceFallback_ = !c.replayFiles.isEmpty() ? tr("replay") : c.offline ? tr("offline") : tr("connecting");
    window_->statusPanel()->setFallbackSource(binanceFallback_);
    connect(window_.get(), &MainWindow::settingsRequested, this, &DesktopApp::openSettings);
    connect(window_.get(), &MainWindow::importRequested, this, &DesktopApp::openImport);
    connect(window_.get(), &MainWindow::alertsRequested, this, &DesktopApp::openAlerts);
    if (app_.alerts()) {
        alertsDialog_ = new AlertsDialog(*app_.alerts(), c.symbols, window_.get());
        connect(alertsDialog_, &AlertsDialog::alertFired, tray_.get(), &TrayIcon::showAlert);
    }
    connect(window_.get(), &MainWindow::quitRequested, this, &DesktopApp::quit);
    if (LiveFeed *live = app_.live()) { // any perpetual on demand; recording switched at run time
        window_->setSymbolDirectory(app_.registry().directory());
        window_->setRecording(!c.recordDir.isEmpty());
        const QString dir = !c.recordDir.isEmpty() ? c.recordDir
                            : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/recordings";
        connect(window_.get(), &MainWindow::recordToggled, this,
                [live, dir](bool on) { live->setRecordDir(on ? dir : QString()); });
    }

    if (ReplayRunner *replay = app_.replay()) {
        window_->taskProgress()->start(
            tr("Replaying %n file(s)", nullptr, int(c.replayFiles.size())),
            [replay] {
                const double p = replay->progress();
                return replay->finished() ? 1.0 : p > 0 ? p : -1.0; // unknown within the first file
            },
            [replay] { replay->cancel(); });
        connect(&app_, &Application::replayDone, this, [this](bool ok, const QString &message) {
            window_->taskProgress()->finish(ok ? tr("Replay finished") : tr("Replay stopped: %1").arg(message));
        });
    }
    auto *work = new QTimer(this);
    connect(work, &QTimer::timeout, this, &DesktopApp::updateWork);
    work->start(500);
    updateTrayStatus();
}

DesktopApp::~DesktopApp()
{
    delete importController_; // cancels a running import and waits, while its dialog still exists
}

void DesktopApp::updateWork()
{
    if (app_.replay())
        return; // the replay's progress holds the bar (no live feed, no backfill)
    TaskProgress *task = window_->taskProgress();
    // The cache restore (status storage): live data waits for it, so it can be cancelled.
    using Storage = StorageStatus::State;
    const std::optional<StorageStatus> storage = app_.status().storage();
    const Storage state = storage ? storage->state : Storage::Starting;
    if (state == Storage::Restoring) {
        if (work_ != Work::Restore) {
            work_ = Work::Restore;
            task->start(
                tr("Restoring cached trades"),
                [this] {
                    const auto s = app_.status().storage();
                    return s ? s->progress : -1.0;
                },
                [this] {
                    if (StorageService *s = app_.storage())
                        s->cancelRestore();
                });
        }
        return;
    }
    if (work_ == Work::Restore) {
        work_ = Work::None;
        if (state == Storage::Cancelled)
            task->finish(tr("Restore cancelled: live data continues; the charts lack the cached trades not restored "
                            "(the cache keeps them)"));
        else if (state == Storage::Error)
            task->finish(tr("Restore failed: %1").arg(QString::fromStdString(storage->error)));
        else
            task->finish(tr("Cached trades restored"));
        return;
    }
    // An older cache's trade rows converted into blocks (the writer, between batches).
    if (storage && storage->convertRows > 0 && storage->convertedRows < storage->convertRows) {
        if (work_ != Work::Convert && !task->running()) {
            work_ = Work::Convert;
            task->start(
                tr("Converting the trade cache to compact blocks"),
                [this] {
                    const auto s = app_.status().storage();
                    return s && s->convertRows > 0 ? double(s->convertedRows) / double(s->convertRows) : -1.0;
                },
                {});
        }
        return;
    }
    if (work_ == Work::Convert) {
        work_ = Work::None;
        task->finish(tr("Trade cache converted to compact blocks"));
        return;
    }
    // The live feed's backfill of today's trades (status binance, per symbol).
    const std::optional<BinanceStatus> binance = app_.status().binance();
    QStringList active, cancelled;
    double sum = 0;
    if (binance)
        for (const auto &[name, s] : binance->symbols) {
            if (s.backfill.active) {
                active << QString::fromStdString(name);
                sum += s.backfill.progress;
            }
            if (s.backfill.cancelled)
                cancelled << QString::fromStdString(name);
        }
    backfillProgress_ = active.isEmpty() ? 1.0 : sum / double(active.size());
    if (!active.isEmpty() && work_ != Work::Backfill && !task->running()) {
        work_ = Work::Backfill;
        task->start(tr("Backfilling today's trades: %1").arg(active.join(QStringLiteral(", "))),
                    [this] { return backfillProgress_; },
                    [this] {
                        // Queued to the network thread; the status then shows backfill.cancelled.
                        if (LiveFeed *live = app_.live())
                            live->cancelBackfill();
                    });
    } else if (active.isEmpty() && work_ == Work::Backfill) {
        work_ = Work::None;
        if (cancelled.isEmpty())
            task->finish(tr("Backfill done"));
        else
            task->finish(tr("Backfill cancelled: live data continues; today's trades not yet fetched (%1) are a "
                            "gap in the data quality")
                             .arg(cancelled.join(QStringLiteral(", "))));
    }
}

void DesktopApp::openImport()
{
    if (!importDialog_) {
        importDialog_ = new ImportDialog(app_.config().symbols, window_.get());
        importController_ = new ImportController(app_.config(), importDialog_, this);
    }
    importDialog_->show();
    importDialog_->raise();
    importDialog_->activateWindow();
}

void DesktopApp::openAlerts()
{
    if (!alertsDialog_)
        return;
    alertsDialog_->refresh();
    alertsDialog_->show();
    alertsDialog_->raise();
    alertsDialog_->activateWindow();
}

void DesktopApp::start()
{
    if (trayAvailable_)
        tray_->show();
    if (mode_ == RunMode::Tray && trayAvailable_)
        return; // a background server; the tray brings the window up
    if (mode_ == RunMode::Tray)
        qCWarning(lcGui) << "no system tray on this desktop: showing the window instead of starting hidden";
    window_->show();
}

void DesktopApp::toggleWindow()
{
    if (window_->isVisible() && !window_->isMinimized()) {
        window_->hide();
        return;
    }
    window_->showNormal();
    window_->raise();
    window_->activateWindow();
}

void DesktopApp::setServerRunning(bool on)
{
    HttpServer *server = app_.server();
    const bool running = server && server->port() != 0;
    if (server && on && !running) {
        QString error;
        if (server->start(&error)) {
            const ServerOptions &o = server->options();
            app_.status().set(ServerStatus{true, o.host.toStdString(), int(server->port()), {}});
        } else {
            app_.status().set(ServerStatus{false, {}, 0, error.toStdString()});
            tray_->notify(tr("The server did not start: %1").arg(error));
        }
    } else if (server && !on && running) {
        server->stop();
        app_.status().set(ServerStatus{}); // stopped on request
    }
    tray_->setServerRunning(server && server->port() != 0);
}

void DesktopApp::quit()
{
    quitting_ = true;
    Q_EMIT aboutToQuit();
    window_->saveState();
    window_->setCloseToTray(false);
    QCoreApplication::quit();
}

void DesktopApp::updateTrayStatus()
{
    const std::optional<BinanceStatus> binance = app_.status().binance();
    QString text = window_->feed().symbol();
    if (const SnapshotPtr s = window_->feed().current(); s && s->hasTrade)
        text += QLatin1Char(' ') + QString::number(double(s->lastPrice) / 1e8, 'f', 2);
    text += QStringLiteral(" · Binance: ") + (binance ? stateOf(*binance) : binanceFallback_);
    tray_->setStatusText(text);
}

QList<SettingField> DesktopApp::settingFields(const Config &config, QSettings &store)
{
    QList<SettingField> out;
    for (const ConfigVar &v : configVars())
        out.append({v.name, QString::fromUtf8(v.defaultValue), config.values.value(v.name), config.origin.value(v.name),
                    QString::fromUtf8(v.help)});
    const QString envProxy = qEnvironmentVariable("HTTPS_PROXY");
    out.append({kProxyKey, QString(), envProxy.isEmpty() ? store.value(kProxyKey).toString() : envProxy,
                envProxy.isEmpty() ? (store.contains(kProxyKey) ? "settings" : "default") : "env",
                QStringLiteral("proxy for Binance")});
    return out;
}

QString DesktopApp::validateSettings(const QMap<QString, QString> &values)
{
    // The values as the settings layer will hand them to Config: as text, empty included.
    QMap<QString, QString> vars = values;
    vars.remove(kProxyKey);
    QString error;
    if (!configFromValues(vars, &error))
        return error;
    const QString proxy = values.value(kProxyKey).trimmed();
    if (!proxy.isEmpty() && !validProxy(proxy))
        return tr("invalid proxy %1: accepted http://host:port or socks5://host:port").arg(proxy);
    return {};
}

QMap<QString, QString> DesktopApp::effectiveValues(const Config &config, QSettings &store)
{
    return relayered(config, store).values;
}

void DesktopApp::openSettings()
{
    QSettings store;
    SettingsDialog dialog(settingFields(app_.config(), store), store, &DesktopApp::validateSettings, window_.get());
    SettingsDialog::CacheUsage usage;
    if (const auto s = app_.status().storage(); s && s->opened && app_.storage()) {
        const StorageService::HeldDays held = app_.storage()->heldDays();
        usage = {s->sizeBytes, held.count, QString::fromStdString(isoDate(held.first)),
                 QString::fromStdString(isoDate(held.last))};
    }
    dialog.setCacheUsage(usage);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString note = applySavedSettings(dialog.changedLive(), dialog.changedRestart());
    if (!note.isEmpty())
        QMessageBox::information(window_.get(), tr("Settings saved"), note);
}

QString DesktopApp::applySavedSettings(const QStringList &live, const QStringList &restartNeeded)
{
    QSettings store;
    const QMap<QString, QString> values = effectiveValues(app_.config(), store);
    QStringList notes;
    QString error;
    // Read-time indicator settings: the views at once, and the engines (so the server answers with them).
    if (auto engine = engineConfigFrom([&values](const QString &n) { return values.value(n); }, &error)) {
        window_->feed().setReadTimeSettings(*engine);
        app_.setReadTimeSettings(*engine);
    } else {
        qCWarning(lcGui) << "saved indicator settings not applied:" << error;
    }
    if (live.contains(QLatin1String(kLanguageKey))) {
        // Every window gets QEvent::LanguageChange and sets its texts again.
        installTranslations(*QCoreApplication::instance(), resolveLanguage(store.value(kLanguageKey).toString()));
        tray_->retranslate();
        binanceFallback_ = !app_.config().replayFiles.isEmpty() ? tr("replay") : app_.config().offline ? tr("offline") : tr("connecting");
        window_->statusPanel()->setFallbackSource(binanceFallback_);
    }
    static const QStringList serverKeys{"HOST", "PORT", "API_TOKEN", "ALLOWED_ORIGINS"};
    const bool serverChanged = std::any_of(live.begin(), live.end(), [](const QString &n) { return serverKeys.contains(n); });
    if (serverChanged && app_.server()) {
        if (auto next = withSettings(app_.config(), store, &error)) {
            if (!app_.restartServer(*next, &error))
                notes << tr("The server could not move to the new address and stays where it was: %1").arg(error);
        } else {
            notes << error;
        }
        window_->statusPanel()->setServerUrl(mcpUrl(app_.config()));
        tray_->setServerRunning(app_.server() && app_.server()->port() != 0);
    }
    window_->setCloseToTray(trayAvailable_ && store.value(kCloseToTrayKey, true).toBool());
    if (!restartNeeded.isEmpty()) {
        QStringList labels;
        for (const QString &n : restartNeeded)
            labels << settingInfo(n).label;
        notes << tr("Saved. These apply after a restart: %1.").arg(labels.join(QStringLiteral(", ")));
    }
    return notes.join(QLatin1Char('\n'));
}

} // namespace co
