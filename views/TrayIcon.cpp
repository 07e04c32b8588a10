#include "views/TrayIcon.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QSystemTrayIcon>

namespace co {

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent), tray_(new QSystemTrayIcon(this)), menu_(new QMenu), showHide_(menu_->addAction(tr("Show window"))),
      server_(menu_->addAction(tr("MCP server running"))), status_(menu_->addAction(QString())),
      quit_(nullptr)
{
    setObjectName("trayIcon");
    menu_->setObjectName("trayMenu");
    showHide_->setObjectName("trayShowHide");
    server_->setObjectName("trayServer");
    status_->setObjectName("trayStatus");
    server_->setCheckable(true);
    status_->setEnabled(false);
    menu_->addSeparator();
    quit_ = menu_->addAction(tr("Quit"));
    quit_->setObjectName("trayQuit");
    tray_->setContextMenu(menu_);
    tray_->setIcon(QApplication::windowIcon());
    tray_->setToolTip(QStringLiteral("Crypto Orderflow"));
    connect(showHide_, &QAction::triggered, this, &TrayIcon::toggleWindowRequested);
    connect(server_, &QAction::toggled, this, &TrayIcon::serverToggled);
    connect(quit_, &QAction::triggered, this, &TrayIcon::quitRequested);
    connect(tray_, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick)
            Q_EMIT toggleWindowRequested();
    });
}

TrayIcon::~TrayIcon() { delete menu_; }

bool TrayIcon::available() { return QSystemTrayIcon::isSystemTrayAvailable(); }

void TrayIcon::show() { tray_->show(); }

void TrayIcon::setWindowVisible(bool visible)
{
    windowVisible_ = visible;
    showHide_->setText(visible ? tr("Hide window") : tr("Show window"));
}

void TrayIcon::retranslate()
{
    setWindowVisible(windowVisible_);
    server_->setText(tr("MCP server running"));
    quit_->setText(tr("Quit"));
}

void TrayIcon::setServerRunning(bool running)
{
    const QSignalBlocker block(server_);
    server_->setChecked(running);
}

void TrayIcon::setStatusText(const QString &text)
{
    status_->setText(text);
    tray_->setToolTip(QStringLiteral("Crypto Orderflow\n") + text);
}

void TrayIcon::notify(const QString &message)
{
    if (tray_->isVisible())
        tray_->showMessage(QStringLiteral("Crypto Orderflow"), message, QSystemTrayIcon::Information, 4000);
}

void TrayIcon::showAlert(const QString &message)
{
    lastAlert_ = message;
    if (tray_->isVisible())
        tray_->showMessage(tr("Crypto Orderflow alert"), message, QSystemTrayIcon::Warning, 10000);
}

} // namespace co
