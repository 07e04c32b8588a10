// crypto-orderflow: GUI (default with a display), --tray, --headless server, --stdio MCP,
// and the report/import commands.
#include "app/Application.h"
#include "app/Config.h"
#include "app/Gui.h"
#include "app/ImportCommand.h"
#include "app/Logging.h"
#include "app/ProxySetting.h"
#include "app/ReportCommand.h"
#include "server/StdioTransport.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QDebug>
#include <QDir>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>

namespace {
std::atomic<bool> g_stop{false};

int runHeadless(const co::Config &config)
{
    co::Application app(config);
    QObject::connect(&app, &co::Application::replayDone, [&config](bool ok, const QString &msg) {
        if (ok)
            qInfo().noquote() << msg;
        else
            qCritical().noquote() << msg;
        if (config.exitWhenDone)
            QCoreApplication::exit(ok ? 0 : 1);
    });
    QString error;
    if (!app.start(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    // --stdio: MCP over stdin/stdout instead of the HTTP listener; EOF on stdin ends the program.
    std::unique_ptr<co::StdioServer> stdio;
    if (config.mode == co::RunMode::Stdio) {
        stdio = std::make_unique<co::StdioServer>(app.registry(), config.symbols, CO_VERSION, app.history(), app.alerts());
        QObject::connect(&stdio->transport(), &co::StdioTransport::finished, [] { QCoreApplication::exit(0); });
        stdio->transport().start();
    }
    std::signal(SIGINT, [](int) { g_stop = true; });
    std::signal(SIGTERM, [](int) { g_stop = true; });
    QTimer stopPoll; // signal handlers may not call Qt; poll a flag instead
    QObject::connect(&stopPoll, &QTimer::timeout, [] {
        if (g_stop)
            QCoreApplication::quit();
    });
    stopPoll.start(200);
    const int rc = QCoreApplication::exec();
    app.stop();
    return rc;
}
} // namespace

int main(int argc, char **argv)
{
    // The application object is created once the mode is known: QApplication for the GUI.
    QCoreApplication::setOrganizationName("crypto-orderflow");
    QCoreApplication::setApplicationName("crypto-orderflow");
    QCoreApplication::setApplicationVersion(CO_VERSION);
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);

    if (args.contains("--help") || args.contains("-h")) {
        std::fputs(qPrintable(co::configHelp()), stdout);
        return 0;
    }
    if (args.contains("--version")) {
        std::printf("crypto-orderflow %s\n", CO_VERSION);
        return 0;
    }
    const auto env = QProcessEnvironment::systemEnvironment();
    QSettings settings;
    co::ConfigSources src;
    src.args = args;
    src.env = [&env](const QString &n) { return env.value(n); };
    src.dotEnvPath = QDir::current().filePath(".env");
    src.settings = &settings;
    QString error;
    const auto config = co::loadConfig(src, &error);
    if (!config) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    // stdout carries MCP lines only: everything else printed from here on goes to stderr.
    if (config->mode == co::RunMode::Stdio && !co::StdioTransport::guardStdout()) {
        std::fprintf(stderr, "cannot redirect stdout for --stdio\n");
        return 1;
    }
    const bool command = config->mode == co::RunMode::Report || config->mode == co::RunMode::Import;
    co::installLogging(config->logLevel, command ? QString() : co::defaultLogDir());
    for (const QString &w : config->warnings)
        std::fprintf(stderr, "warning: %s\n", qPrintable(w));
    // Every mode, before any network client exists: the environment, else .env, else the saved proxy.
    if (const QString from = co::applyProxySetting(src); !from.isEmpty())
        qInfo().noquote() << "proxy for Binance from" << from;
    if (config->mode == co::RunMode::Gui || config->mode == co::RunMode::Tray) {
        QString why;
        if (co::guiAvailable(&why))
            return co::runGui(argc, argv, *config);
        qWarning().noquote() << why << "- running headless";
    }
    // The servers draw pictures (format "png") with QtGui's painters, which need a QGuiApplication
    // for their fonts: on the offscreen platform, so no display is needed (or used).
    std::unique_ptr<QCoreApplication> qapp;
    if (config->mode == co::RunMode::Report || config->mode == co::RunMode::Import) {
        qapp = std::make_unique<QCoreApplication>(argc, argv);
    } else {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        qapp = std::make_unique<QGuiApplication>(argc, argv);
    }
    switch (config->mode) {
    case co::RunMode::Report: {
        co::ReportOptions o;
        if (!co::parseReportArgs(config->rest, o, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
        return co::runReport(o, config->engine, stdout, stderr);
    }
    case co::RunMode::Import: {
        co::ImportOptions o;
        if (!co::parseImportArgs(config->rest, o, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
        src.args = o.configArgs; // configuration flags given after "import" (--cache-db-path, ...)
        const auto importConfig = co::loadConfig(src, &error);
        if (!importConfig) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
        return co::runImport(o, *importConfig, stderr);
    }
    default:
        return runHeadless(*config);
    }
}
