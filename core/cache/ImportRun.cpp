#include "cache/ImportRun.h"

#include "archive/ArchiveDownloader.h"
#include "cache/ArchiveImporter.h"
#include "archive/Sha256.h"
#include "model/Time.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace co {

namespace {
// "BTCUSDT-aggTrades-2024-08-01.zip" → "BTCUSDT"
QString symbolFromName(const QString &fileName)
{
    static const QRegularExpression re("^([A-Z0-9]{2,20})-aggTrades-", QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(fileName);
    return m.hasMatch() ? m.captured(1).toUpper() : QString();
}

// The sha256 published next to a local file (PATH.CHECKSUM), "" if there is none.
QString siblingChecksum(const QString &path, QString *error)
{
    QFile f(path + ".CHECKSUM");
    if (!f.exists())
        return {};
    static const QRegularExpression re("^\\s*([0-9a-fA-F]{64})\\b");
    const auto m = f.open(QIODevice::ReadOnly) ? re.match(QString::fromLatin1(f.readAll())) : QRegularExpressionMatch();
    if (!m.hasMatch()) {
        *error = f.fileName() + ": not a sha256 checksum file";
        return {};
    }
    return m.captured(1).toLower();
}
} // namespace

QString importRate(int64_t rows, qint64 ms)
{
    return ms > 0 ? QStringLiteral("%1 M rows/s").arg(double(rows) / double(ms) / 1000.0, 0, 'f', 2) : QString();
}

ImportSummary ImportRun::run(const Callbacks &cb)
{
    ImportSummary sum;
    auto line = [&](const QString &text, bool problem) {
        if (cb.message)
            cb.message(text, problem);
    };
    auto problem = [&](const QString &text) {
        ++sum.problems;
        line("error: " + text, true);
    };
    auto started = [&](int index, int count, const QString &name) {
        if (cb.fileStarted)
            cb.fileStarted(index, count, name);
    };
    auto progress = [&](double f, const QString &phase, int64_t rows) {
        if (cb.progress)
            cb.progress(f, phase, rows);
    };
    ArchiveImporter::Options io;
    io.dbPath = config_.dbPath;
    io.engine = config_.engine;
    io.cacheDays = config_.tradeCacheDays;
    io.chunkRows = chunkRows_;
    io.cancel = &cancel_;
    ArchiveImporter importer(io);
    QString error;
    if (!importer.open(&error)) {
        sum.openFailed = true;
        sum.text = error;
        line(error, true);
        return sum;
    }
    QElapsedTimer total;
    total.start();
    auto importOne = [&](const ImportFile &f) {
        QElapsedTimer t;
        t.start();
        const ImportResult r = importer.import(f, [&](int64_t done, int64_t size, int64_t n) {
            progress(size > 0 ? double(done) / double(size) : -1, QStringLiteral("importing"), n);
        });
        switch (r.status) {
        case ImportResult::Status::Imported:
            ++sum.imported;
            sum.rows += r.rows;
            line(r.message + " (" + importRate(r.rows, t.elapsed()) + ")", false);
            break;
        case ImportResult::Status::AlreadyImported:
            ++sum.already;
            line(r.message, false);
            break;
        case ImportResult::Status::Cancelled:
            line(r.message, false);
            break;
        case ImportResult::Status::ChecksumChanged:
        case ImportResult::Status::Failed:
            problem(r.message);
            break;
        }
    };

    if (!options_.files.isEmpty()) {
        const int count = int(options_.files.size());
        for (int i = 0; i < count && !cancel_; ++i) {
            const QString &path = options_.files[i];
            const QFileInfo fi(path);
            ImportFile f;
            f.path = path;
            f.name = fi.fileName();
            f.origin = fi.absoluteFilePath();
            f.symbol = options_.symbol.isEmpty() ? symbolFromName(f.name) : options_.symbol;
            started(i + 1, count, f.name);
            if (f.symbol.isEmpty()) {
                problem(f.name + ": no symbol: name it SYMBOL-aggTrades-….zip/.csv or pass --symbol");
                continue;
            }
            QString why;
            const QString published = siblingChecksum(path, &why);
            if (!why.isEmpty()) {
                problem(why);
                continue;
            }
            if (!published.isEmpty()) {
                const QString actual = Sha256::ofFile(path);
                if (actual != published) {
                    problem(f.name + ": checksum mismatch: " + f.name + ".CHECKSUM says " + published +
                            ", the file has " + (actual.isEmpty() ? "(unreadable)" : actual) + " (not imported)");
                    importer.breakContinuity(f.symbol);
                    continue;
                }
                f.sha256 = published;
            }
            importOne(f);
        }
    } else {
        int64_t from = 0, to = 0;
        parseIsoDate(options_.from.toStdString(), from);
        parseIsoDate(options_.to.toStdString(), to);
        const QString &symbol = options_.symbol;
        ArchiveDownloader net(QUrl(config_.archiveUrl), QFileInfo(config_.dbPath).absolutePath(),
                              config_.proxy ? config_.proxy() : nullptr);
        net.setCancelFlag(&cancel_);
        const int count = int(to - from + 1);
        for (int64_t d = from; d <= to && !cancel_; ++d) {
            const QString date = QString::fromStdString(isoDate(d));
            const QString name = ArchiveDownloader::fileName(symbol, date);
            started(int(d - from + 1), count, name);
            const QUrl url = net.urlOf(symbol, date);
            progress(0, QStringLiteral("checksum"), 0);
            const ArchiveDownloader::Checksum sum256 = net.checksum(url);
            if (cancel_)
                break;
            if (sum256.status != ArchiveDownloader::Checksum::Status::Ok) {
                problem(sum256.message);
                importer.breakContinuity(symbol);
                continue;
            }
            // Resumable: a file imported with this checksum is skipped before downloading it.
            if (auto stored = importer.importedSha(name); stored && *stored == sum256.sha256) {
                ++sum.already;
                line(name + ": already imported (sha256 " + sum256.sha256.left(12) + "…)", false);
                importer.breakContinuity(symbol);
                continue;
            }
            ArchiveDownloader::Download dl = net.download(url, sum256.sha256, [&](qint64 got, qint64 size) {
                progress(size > 0 ? double(got) / double(size) : -1, QStringLiteral("downloading"), 0);
            });
            if (cancel_)
                break;
            if (!dl.ok) {
                problem(dl.message);
                importer.breakContinuity(symbol);
                continue;
            }
            ImportFile f;
            f.path = dl.file->fileName();
            f.name = name;
            f.origin = url.toString();
            f.symbol = symbol;
            f.sha256 = sum256.sha256;
            importOne(f);
        }
    }
    sum.cancelled = cancel_;
    sum.deleted = importer.finish(&error);
    if (sum.deleted < 0) {
        problem("retention: " + error);
        sum.deleted = 0;
    }
    sum.ms = total.elapsed();
    const QString speed = sum.imported ? ", " + importRate(sum.rows, sum.ms) : QString();
    sum.text = QStringLiteral("import%1: %2 file(s) imported (%3 trades%4), %5 already imported, %6 not imported")
                   .arg(sum.cancelled ? QStringLiteral(" cancelled") : QString())
                   .arg(sum.imported)
                   .arg(sum.rows)
                   .arg(speed)
                   .arg(sum.already)
                   .arg(sum.problems);
    if (sum.deleted > 0)
        sum.text += QStringLiteral("; %1 trades older than TRADE_CACHE_DAYS=%2 before the newest stored day were not "
                                   "kept (their day summaries were)")
                        .arg(sum.deleted)
                        .arg(config_.tradeCacheDays);
    sum.text += " -> " + config_.dbPath;
    line(sum.text, false);
    return sum;
}

} // namespace co
