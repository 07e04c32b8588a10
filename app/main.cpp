// crypto-orderflow: GUI (default with a display), --tray, --headless server, --stdio MCP,
// and the report/import commands.
#include "app/Application.h"
#include "app/Config.h"
#include "app/Logging.h"
#include "app/ReportCommand.h"

#include <QCoreApplication>
#include <QDebug>
#include <QDir>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>

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
    QCoreApplication qapp(argc, argv);
    QCoreApplication::setOrganizationName("crypto-orderflow");
    QCoreApplication::setApplicationName("crypto-orderflow");
    QCoreApplication::setApplicationVersion(CO_VERSION);
    const QStringList args = qapp.arguments().mid(1);

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
    const bool command = config->mode == co::RunMode::Report || config->mode == co::RunMode::Import;
    co::installLogging(config->logLevel, command ? QString() : co::defaultLogDir());
    switch (config->mode) {
    case co::RunMode::Report: {
        co::ReportOptions o;
        if (!co::parseReportArgs(config->rest, o, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
        return co::runReport(o, config->engine, stdout, stderr);
    }
    case co::RunMode::Import:
        std::fprintf(stderr, "import is not available yet\n");
        return 2;
    default:
        return runHeadless(*config);
    }
}
