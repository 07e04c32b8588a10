#pragma once
// Wires a running Application to its desktop face: the main window reads the engines and the
// service status, the tray shows/hides it and quits, the settings dialog saves to QSettings and
// applies what it can at once (language, indicators, server address), long work shows in the
// status bar (replay and cache restore with Cancel, today's backfill), File → Import archive…
// runs an import off the GUI thread.
#include "app/Application.h"
#include "views/SettingsCatalog.h"

#include <QObject>

#include <memory>

class QSettings;

namespace co {

class ImportController;
class ImportDialog;
class AlertsDialog;
class MainWindow;
class TrayIcon;

class DesktopApp : public QObject {
    Q_OBJECT
public:
    DesktopApp(Application &app, RunMode mode, QObject *parent = nullptr);
    ~DesktopApp() override;

    // Shows the window (GUI mode, or tray mode without a tray) or only the tray icon.
    void start();
    MainWindow &window() { return *window_; }
    TrayIcon &tray() { return *tray_; }

    // Every variable of configVars() with its value and origin, plus the saved proxy.
    static QList<SettingField> settingFields(const Config &config, QSettings &store);
    // "" when the values make a valid configuration, else why not.
    static QString validateSettings(const QMap<QString, QString> &values);
    // Values after a save: command line, environment and .env still win over saved settings.
    static QMap<QString, QString> effectiveValues(const Config &config, QSettings &store);

    // Applies the saved settings now (language, read-time indicators on the views and the
    // engines, the server's address and token, close to tray). Returns what to tell the user:
    // what still needs a restart, or why the server stayed where it was ("" nothing).
    QString applySavedSettings(const QStringList &live, const QStringList &restartNeeded);
    // The import dialog (File → Import archive…), made on first use; null before.
    ImportDialog *importDialog() const { return importDialog_; }
    AlertsDialog *alertsDialog() const { return alertsDialog_; } // null without alerts
    ImportController *importController() const { return importController_; }

public Q_SLOTS:
    void openSettings();
    void openImport();
    void openAlerts();
    void toggleWindow();
    // Starts or stops the MCP/REST server (tray); the status bar and tray follow.
    void setServerRunning(bool on);
    void quit();

Q_SIGNALS:
    void aboutToQuit();

private:
    void updateTrayStatus();
    void updateWork(); // restore / backfill progress in the status bar

    Application &app_;
    RunMode mode_;
    std::unique_ptr<MainWindow> window_;
    std::unique_ptr<TrayIcon> tray_;
    bool trayAvailable_ = false; // a desktop tray shows the icon (close-to-tray, --tray hidden)
    bool toldTray_ = false;
    enum class Work { None, Restore, Convert, Backfill };
    Work work_ = Work::None;
    double backfillProgress_ = 1.0;
    ImportDialog *importDialog_ = nullptr;
    AlertsDialog *alertsDialog_ = nullptr; // created at start: fired alerts reach the tray
    ImportController *importController_ = nullptr;
    QString binanceFallback_; // what the Binance status reads as before (or without) a live feed
    bool quitting_ = false;
};


} // namespace co
