#include "support/SharedData.h"

#include <QDir>
#include <QFileInfo>

namespace co::test {

QString sharedDataDir()
{
    const QString dir = qEnvironmentVariable("CO_SHARED_DATA_DIR");
    return !dir.isEmpty() && QFileInfo(dir).isDir() ? QDir(dir).absolutePath() : QString();
}

QString sharedFile(const QString &relative)
{
    const QString dir = sharedDataDir();
    if (dir.isEmpty())
        return {};
    const QString path = QDir(dir).filePath(relative);
    return QFileInfo::exists(path) ? path : QString();
}

} // namespace co::test
