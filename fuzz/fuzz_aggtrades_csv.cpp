// The aggTrades CSV readers (AggTradeFile for imports, ReplaySource for --replay) on any file bytes,
// through their public headers: the bytes are written to a file named as an archive CSV.
#include "archive/AggTradeFile.h"
#include "pipeline/ReplaySource.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QString path = QDir::temp().filePath(QString("fuzz-%1/XRPUSDT-aggTrades-2024-08-01.csv").arg(::getpid()));
    static const bool made = QDir().mkpath(QFileInfo(path).path());
    (void)made;
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        f.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    co::AggTradeFile file;
    QString error;
    if (file.open(path, &error)) {
        std::vector<co::Trade> trades;
        while (file.read(trades, 64) && trades.size() < 100'000) {
        }
    }
    co::ReplaySource replay({path.toStdString()});
    replay.run([](const co::MarketEvent &) {});
    return 0;
}
