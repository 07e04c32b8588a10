#pragma once
// The tray face: show/hide the window, switch the MCP/REST server on or off, see the status,
// quit. Actions have object names (trayShowHide, trayServer, trayStatus, trayQuit) for tests.
#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace co {

class TrayIcon : public QObject {
    Q_OBJECT
public:
    explicit TrayIcon(QObject *parent = nullptr);
    QString lastAlert() const { return lastAlert_; }
    ~TrayIcon() override;

    // Whether the desktop has a tray to show the icon in.
    static bool available();
    void show();
    QMenu *menu() const { return menu_; }

public Q_SLOTS:
    void setWindowVisible(bool visible);
    void setServerRunning(bool running);
    void setStatusText(const QString &text);
    void notify(const QString &message);
    // A fired alert: a warning balloon (when the tray is shown); the last one is kept for tests.
    void showAlert(const QString &message);
    // The menu's texts again in the current language.
    void retranslate();

Q_SIGNALS:
    void toggleWindowRequested();
    void serverToggled(bool on);
    void quitRequested();

private:
    QSystemTrayIcon *tray_;
    QMenu *menu_;
    QAction *showHide_, *server_, *status_, *quit_;
    bool windowVisible_ = false;
    QString lastAlert_;
};

} // namespace co
