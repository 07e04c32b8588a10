// WITH_GUI=ON: the desktop window and the tray over a running Application.
#include "app/DesktopApp.h"
#include "app/Gui.h"
#include "views/Language.h"
#include "views/SettingsDialog.h"

#include <QApplication>
#include <QIcon>
#include <QMessageBox>
#include <QPalette>
#include <QSettings>
#include <QStyleFactory>
#include <QTimer>

#include <atomic>
#include <csignal>

namespace co {

namespace {
std::atomic<bool> g_stop{false};

// One dark palette for widgets and charts alike (views/Theme.h).
void useDarkStyle(QApplication &app)
{
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p;
    const QColor window(0x1c, 0x1f, 0x26), base(0x14, 0x16, 0x1b), text(0xdc, 0xe0, 0xe8), accent(0x4a, 0xa3, 0xff);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::black);
    p.setColor(QPalette::Link, accent);
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x91, 0x9d));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6a, 0x70, 0x7a));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6a, 0x70, 0x7a));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6a, 0x70, 0x7a));
    app.setPalette(p);
}

QIcon appIcon()
{
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/crypto-orderflow-%1.png").arg(size), QSize(size, size));
    return icon;
}
} // namespace

bool guiAvailable(QString *why)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        if (why)
            *why = QStringLiteral("no display (DISPLAY and WAYLAND_DISPLAY are unset)");
        return false;
    }
#endif
    Q_UNUSED(why);
    return true;
}

int runGui(int &argc, char **argv, const Config &config)
{
    QApplication qapp(argc, argv);
    QApplication::setWindowIcon(appIcon());
    QApplication::setQuitOnLastWindowClosed(false); // the window may live on in the tray; quit is explicit
    useDarkStyle(qapp);
    QSettings settings;
    installTranslations(qapp, resolveLanguage(settings.value(kLanguageKey).toString()));

    Application app(config);
    QString error;
    if (!app.start(&error)) {
        QMessageBox::critical(nullptr, QStringLiteral("Crypto Orderflow"), error);
        return 1;
    }
    DesktopApp desktop(app, config.mode);
    desktop.start();

    std::signal(SIGINT, [](int) { g_stop = true; });
    std::signal(SIGTERM, [](int) { g_stop = true; });
    QTimer stopPoll; // signal handlers may not call Qt; poll a flag instead
    QObject::connect(&stopPoll, &QTimer::timeout, &desktop, [&desktop] {
        if (g_stop)
            desktop.quit();
    });
    stopPoll.start(200);
    const int rc = QApplication::exec();
    app.stop();
    return rc;
}

} // namespace co
