// Tray actions over a running Application (offline, server on a free port): show/hide the
// window, stop and start the MCP/REST server, status text, quit; close-to-tray.
#include "app/Application.h"
#include "app/DesktopApp.h"
#include "server/HttpServer.h"
#include "views/MainWindow.h"
#include "views/StatusPanel.h"
#include "views/TrayIcon.h"

#include <QAction>
#include <QMenu>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace co;

namespace {
QAction *action(TrayIcon &tray, const char *name)
{
    auto *a = tray.menu()->findChild<QAction *>(name);
    if (!a)
        qFatal("no tray action %s", name);
    return a;
}

bool accepts(quint16 port)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    return s.waitForConnected(2000);
}
} // namespace

class TestGuiTray : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<Application> app_;
    std::unique_ptr<DesktopApp> desktop_;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        ConfigSources src;
        src.args = {"--offline", "--port", "0", "--cache-db-path", dir_.filePath("cache.sqlite")};
        QString error;
        const auto config = loadConfig(src, &error);
        QVERIFY2(config, qPrintable(error));
        app_ = std::make_unique<Application>(*config);
        QVERIFY2(app_->start(&error), qPrintable(error));
        desktop_ = std::make_unique<DesktopApp>(*app_, RunMode::Gui);
        desktop_->start();
        QVERIFY(QTest::qWaitForWindowExposed(&desktop_->window()));
    }

    void cleanupTestCase()
    {
        desktop_.reset();
        app_->stop();
    }

    void showHide()
    {
        MainWindow &w = desktop_->window();
        QAction *toggle = action(desktop_->tray(), "trayShowHide");
        QCOMPARE(toggle->text(), QString("Hide window"));
        toggle->trigger();
        QVERIFY(!w.isVisible());
        QCOMPARE(toggle->text(), QString("Show window"));
        toggle->trigger();
        QVERIFY(w.isVisible());
        QCOMPARE(toggle->text(), QString("Hide window"));
    }

    void serverOffAndOn()
    {
        QAction *server = action(desktop_->tray(), "trayServer");
        QVERIFY(server->isCheckable());
        QVERIFY(server->isChecked());
        const quint16 port = app_->server()->port();
        QVERIFY(port != 0);
        QVERIFY(accepts(port));
        auto *url = desktop_->window().findChild<QToolButton *>("statusServerUrl");
        QTRY_VERIFY(url->text().contains(QString(":%1/mcp").arg(port)));

        server->trigger(); // off
        QVERIFY(!server->isChecked());
        QCOMPARE(app_->server()->port(), quint16(0));
        QVERIFY(!accepts(port));
        QVERIFY(!app_->status().server().value().running);
        QTRY_COMPARE(url->text(), QString("MCP server off"));

        server->trigger(); // on again (PORT=0: a new free port)
        QVERIFY(server->isChecked());
        QVERIFY(app_->server()->port() != 0);
        QVERIFY(accepts(app_->server()->port()));
        QTRY_VERIFY(url->text().contains(QString(":%1/mcp").arg(app_->server()->port())));
    }

    void statusText()
    {
        auto *status = desktop_->tray().menu()->findChild<QAction *>("trayStatus");
        QTRY_VERIFY(status->text().contains("Binance: offline")); // --offline, no replay
        QVERIFY(!status->isEnabled());
    }

    void closeToTray()
    {
        MainWindow &w = desktop_->window();
        QSignalSpy quitting(desktop_.get(), &DesktopApp::aboutToQuit);
        QSignalSpy hidden(&w, &MainWindow::hiddenToTray);
        w.setCloseToTray(true);
        QVERIFY(w.close() == false); // refused: hidden instead
        QVERIFY(!w.isVisible());
        QCOMPARE(hidden.size(), 1);
        QCOMPARE(quitting.size(), 0);
        action(desktop_->tray(), "trayShowHide")->trigger();
        QVERIFY(w.isVisible());
    }

    void quit()
    {
        QSignalSpy quitting(desktop_.get(), &DesktopApp::aboutToQuit);
        action(desktop_->tray(), "trayQuit")->trigger();
        QCOMPARE(quitting.size(), 1);
        QVERIFY(!desktop_->window().closeToTray()); // a real close now ends the program
    }
};

QTEST_MAIN(TestGuiTray)
#include "test_gui_tray.moc"
