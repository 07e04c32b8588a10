#include "app/DesktopApp.h"

#include "app/ReplayRunner.h"
#include "server/HttpServer.h"
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

void applySavedProxy(QSettings &store)
{
    const QString saved = store.value(kProxyKey).toString().trimmed();
    if (saved.isEmpty())
        return;
    for (const char *v : {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"})
        if (!qEnvironmentVariableIsEmpty(v))
            return;
    qputenv("HTTPS_PROXY", saved.toUtf8());
    qputenv("HTTP_PROXY", saved.toUtf8());
}

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
    connect(window_.get(), &MainWindow::quitRequested, this, &DesktopApp::quit);

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
    // The cache restore reports progress under status "storage". No Cancel: live data waits for it.
    auto *work = new QTimer(this);
    connect(work, &QTimer::timeout, this, [this] {
        TaskProgress *task = window_->taskProgress();
        const bool restoring = app_.status().get("storage").value("state").toString() == QLatin1String("restoring");
        if (restoring && !task->running()) {
            restoreShown_ = true;
            task->start(tr("Restoring cached trades"),
                        [this] { return app_.status().get("storage").value("progress").toDouble(-1); }, {});
        } else if (!restoring && restoreShown_) {
            restoreShown_ = false;
            task->finish(tr("Cached trades restored"));
        }
    });
    work->start(500);
    updateTrayStatus();
}

DesktopApp::~DesktopApp() = default;

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
            app_.status().set("server", QJsonObject{{"ok", true}, {"host", o.host}, {"port", int(server->port())}});
        } else {
            app_.status().set("server", QJsonObject{{"ok", false}, {"state", "stopped"}, {"error", error}});
            tray_->notify(tr("The server did not start: %1").arg(error));
        }
    } else if (server && !on && running) {
        server->stop();
        app_.status().set("server", QJsonObject{{"ok", false}, {"state", "stopped"}});
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
    const QJsonObject all = app_.status().all();
    QString text = window_->feed().symbol();
    if (const SnapshotPtr s = window_->feed().current(); s && s->hasTrade)
        text += QLatin1Char(' ') + QString::number(double(s->lastPrice) / 1e8, 'f', 2);
    text += QStringLiteral(" · Binance: ") + (all.contains("binance") ? stateOf(all.value("binance")) : binanceFallback_);
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
    ConfigSources src;
    for (auto it = values.begin(); it != values.end(); ++it) {
        if (it.key() == kProxyKey)
            continue;
        src.args << "--" + it.key().toLower().replace('_', '-') << it.value();
    }
    QString error;
    if (!loadConfig(src, &error))
        return error;
    const QString proxy = values.value(kProxyKey).trimmed();
    if (!proxy.isEmpty() && !validProxy(proxy))
        return tr("invalid proxy %1: accepted http://host:port or socks5://host:port").arg(proxy);
    return {};
}

QMap<QString, QString> DesktopApp::effectiveValues(const Config &config, QSettings &store)
{
    QMap<QString, QString> out;
    for (const ConfigVar &v : configVars()) {
        const QString origin = config.origin.value(v.name);
        if (origin == "cli" || origin == "env" || origin == ".env")
            out[v.name] = config.values.value(v.name);
        else
            out[v.name] = store.contains(v.name) ? store.value(v.name).toString() : QString::fromUtf8(v.defaultValue);
    }
    return out;
}

void DesktopApp::openSettings()
{
    QSettings store;
    SettingsDialog dialog(settingFields(app_.config(), store), store, &DesktopApp::validateSettings, window_.get());
    if (dialog.exec() == QDialog::Accepted)
        applySavedSettings(dialog.changedRestart());
}

void DesktopApp::applySavedSettings(const QStringList &restartNeeded)
{
    QSettings store;
    const QMap<QString, QString> values = effectiveValues(app_.config(), store);
    QString error;
    if (auto engine = engineConfigFrom([&values](const QString &n) { return values.value(n); }, &error))
        window_->feed().setReadTimeSettings(*engine);
    else
        qCWarning(lcGui) << "saved indicator settings not applied:" << error;
    window_->setCloseToTray(trayAvailable_ && store.value(kCloseToTrayKey, true).toBool());
    if (restartNeeded.isEmpty())
        return;
    QStringList labels;
    for (const QString &n : restartNeeded)
        labels << (n == QLatin1String(kLanguageKey) ? tr("Language") : settingInfo(n).label);
    QMessageBox::information(window_.get(), tr("Settings saved"),
                             tr("Saved. These apply after a restart: %1.").arg(labels.join(QStringLiteral(", "))));
}

} // namespace co
