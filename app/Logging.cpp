#include "app/Logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <cstdio>
#include <mutex>

namespace co {

namespace {
struct LogFile {
    std::mutex mutex;
    QFile file;
    QString path;

    void rotate()
    {
        file.close();
        for (int i = kLogKeep - 1; i >= 1; --i) {
            QFile::remove(path + '.' + QString::number(i + 1));
            QFile::rename(path + '.' + QString::number(i), path + '.' + QString::number(i + 1));
        }
        QFile::remove(path + ".1");
        QFile::rename(path, path + ".1");
        file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text);
    }
};
LogFile *g_file = nullptr;

char levelChar(QtMsgType t)
{
    switch (t) {
    case QtDebugMsg: return 'D';
    case QtInfoMsg: return 'I';
    case QtWarningMsg: return 'W';
    case QtCriticalMsg: return 'E';
    case QtFatalMsg: return 'F';
    }
    return '?';
}

void handler(QtMsgType type, const QMessageLogContext &ctx, const QString &msg)
{
    QString category = ctx.category && qstrcmp(ctx.category, "default") != 0 ? QString::fromLatin1(ctx.category) : "app";
    if (category.startsWith("co."))
        category = category.mid(3);
    const QByteArray line = (QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) + ' ' + levelChar(type) + ' ' +
                             category + ": " + msg + '\n')
                                .toUtf8();
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    if (g_file) {
        std::lock_guard lock(g_file->mutex);
        if (g_file->file.isOpen()) {
            g_file->file.write(line);
            g_file->file.flush();
            if (g_file->file.size() > kLogMaxBytes)
                g_file->rotate();
        }
    }
}
} // namespace

QString defaultLogDir()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return dir.isEmpty() ? QString() : QDir(dir).filePath("logs");
}

void installLogging(const QString &level, const QString &logDir)
{
    // Qt's own categories stay at warning; ours follow LOG_LEVEL.
    QString rules = "*.debug=false\nqt.*.info=false\n";
    if (level == "debug")
        rules += "co.*.debug=true\ndefault.debug=true\n";
    if (level == "warning" || level == "error")
        rules += "co.*.info=false\ndefault.info=false\n";
    if (level == "error")
        rules += "co.*.warning=false\ndefault.warning=false\n";
    QLoggingCategory::setFilterRules(rules);
    if (!logDir.isEmpty() && QDir().mkpath(logDir)) {
        static LogFile file;
        file.path = QDir(logDir).filePath("crypto-orderflow.log");
        file.file.setFileName(file.path);
        if (file.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
            g_file = &file;
    }
    qInstallMessageHandler(handler);
}

} // namespace co
