// crypto-orderflow: GUI (default with a display), --headless server, report command.
#include "app/ReplayRunner.h"
#include "app/ReportCommand.h"
#include "app/IndicatorSettings.h"
#include "engine/EngineRegistry.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace {
std::atomic<bool> g_stop{false};

void usage(FILE *f)
{
    std::fputs("usage:\n"
               "  crypto-orderflow [--headless] [--replay FILE... [--speed N|max]] [--exit-when-done]\n"
               "  crypto-orderflow report --replay FILE... --symbol SYM [--date YYYY-MM-DD]\n"
               "                   [--exchange-info FILE] [--timeframe 1m|5m|15m|30m|1h] [--rows] [--pretty]\n"
               "  crypto-orderflow --version | --help\n",
               f);
}

int runHeadless(const QStringList &args)
{
    QStringList files;
    double speed = 0;
    bool exitWhenDone = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == "--headless") {
        } else if (a == "--replay") {
            while (i + 1 < args.size() && !args[i + 1].startsWith("--"))
                files << args[++i];
        } else if (a == "--speed" && i + 1 < args.size()) {
            const QString v = args[++i];
            bool ok = v == "max";
            if (!ok)
                speed = v.toDouble(&ok);
            if (!ok || speed < 0) {
                std::fprintf(stderr, "--speed must be a positive number or max, got %s\n", qPrintable(v));
                return 2;
            }
        } else if (a == "--exit-when-done") {
            exitWhenDone = true;
        } else {
            std::fprintf(stderr, "unknown argument %s\n", qPrintable(a));
            usage(stderr);
            return 2;
        }
    }
    QString err;
    const auto config = co::engineConfigFrom(QProcessEnvironment::systemEnvironment(), &err);
    if (!config) {
        std::fprintf(stderr, "%s\n", qPrintable(err));
        return 2;
    }
    co::EngineRegistry registry(*config);
    std::unique_ptr<co::ReplayRunner> replay;
    if (!files.isEmpty()) {
        replay = std::make_unique<co::ReplayRunner>(registry, files, speed);
        QObject::connect(replay.get(), &co::ReplayRunner::done, [exitWhenDone](bool ok, const QString &msg) {
            std::fprintf(stderr, "%s\n", qPrintable(msg));
            if (exitWhenDone)
                QCoreApplication::exit(ok ? 0 : 1);
        });
        replay->start();
    }
    std::signal(SIGINT, [](int) { g_stop = true; });
    std::signal(SIGTERM, [](int) { g_stop = true; });
    QTimer stopPoll;
    QObject::connect(&stopPoll, &QTimer::timeout, [] {
        if (g_stop)
            QCoreApplication::quit();
    });
    stopPoll.start(200);
    return QCoreApplication::exec();
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("crypto-orderflow");
    QCoreApplication::setApplicationVersion(CO_VERSION);
    QStringList args = app.arguments().mid(1);

    if (args.contains("--help") || args.contains("-h")) {
        usage(stdout);
        return 0;
    }
    if (args.contains("--version")) {
        std::printf("crypto-orderflow %s\n", CO_VERSION);
        return 0;
    }
    if (!args.isEmpty() && args.first() == "report") {
        co::ReportOptions o;
        QString err;
        if (!co::parseReportArgs(args.mid(1), o, &err)) {
            std::fprintf(stderr, "%s\n", qPrintable(err));
            usage(stderr);
            return 2;
        }
        return co::runReport(o, stdout, stderr);
    }
    return runHeadless(args);
}
