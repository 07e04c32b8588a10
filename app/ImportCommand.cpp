#include "app/ImportCommand.h"

#include "app/CliArgs.h"
#include "app/ArchiveDownloader.h"
#include "app/ArchiveImporter.h"
#include "app/Sha256.h"
#include "app/TerminalProgress.h"
#include "model/Time.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace co {

namespace {
constexpr int64_t kMaxDays = 3660;

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

QString rate(int64_t rows, qint64 ms)
{
    return ms > 0 ? QStringLiteral("%1 M rows/s").arg(double(rows) / double(ms) / 1000.0, 0, 'f', 2) : QString();
}
} // namespace

bool parseImportArgs(const QStringList &args, ImportOptions &o, QString *error)
{
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto value = [&](QString &dst) { return takeValue(args, i, dst, error); };
        if (a == "--symbol") {
            if (!value(o.symbol))
                return false;
            o.symbol = o.symbol.toUpper();
            static const QRegularExpression symRe("^[A-Z0-9]{2,20}$");
            if (!symRe.match(o.symbol).hasMatch()) {
                *error = "--symbol " + o.symbol + ": a USD-M symbol like BTCUSDT";
                return false;
            }
        } else if (a == "--from" || a == "--to") {
            QString &dst = a == "--from" ? o.from : o.to;
            if (!value(dst))
                return false;
            int64_t d = 0;
            if (!parseIsoDate(dst.toStdString(), d)) {
                *error = a + " " + dst + ": a date YYYY-MM-DD";
                return false;
            }
        } else if (a == "--file") {
            while (i + 1 < args.size() && !args[i + 1].startsWith("--"))
                o.files << args[++i];
            if (o.files.isEmpty()) {
                *error = "--file needs at least one path";
                return false;
            }
        } else if (a.startsWith("--")) {
            // A configuration flag (--cache-db-path PATH, --binance-archive-url URL, ...):
            // loadConfig validates it.
            o.configArgs << a;
            if (!a.contains('=') && i + 1 < args.size() && !args[i + 1].startsWith("--"))
                o.configArgs << args[++i];
        } else {
            *error = "unexpected argument " + a + " (import --symbol SYM --from DATE --to DATE | --file PATH...)";
            return false;
        }
    }
    const bool range = !o.from.isEmpty() || !o.to.isEmpty();
    if (range == !o.files.isEmpty()) {
        *error = "import needs either --from DATE --to DATE (download) or --file PATH... (local files)";
        return false;
    }
    if (range) {
        int64_t from = 0, to = 0;
        if (o.from.isEmpty() || o.to.isEmpty() || o.symbol.isEmpty()) {
            *error = "a download needs --symbol, --from and --to";
            return false;
        }
        parseIsoDate(o.from.toStdString(), from);
        parseIsoDate(o.to.toStdString(), to);
        if (to < from || to - from >= kMaxDays) {
            *error = QStringLiteral("--to must be on or after --from, at most %1 days").arg(kMaxDays);
            return false;
        }
    }
    return true;
}

int runImport(const ImportOptions &o, const Config &config, FILE *err)
{
    TerminalProgress bar(err);
    ArchiveImporter::Options io;
    io.dbPath = config.cacheDbPath;
    io.engine = config.engine;
    io.cacheDays = config.tradeCacheDays;
    ArchiveImporter importer(io);
    QString error;
    if (!importer.open(&error)) {
        bar.line(error);
        return 2;
    }
    int imported = 0, already = 0, problems = 0;
    int64_t rows = 0;
    QElapsedTimer total;
    total.start();
    auto importOne = [&](const ImportFile &f, const QString &label) {
        QElapsedTimer t;
        t.start();
        const ImportResult r = importer.import(f, [&](int64_t done, int64_t size, int64_t n) {
            bar.update(label, size > 0 ? double(done) / double(size) : 0, QStringLiteral("%1 rows").arg(n));
        });
        switch (r.status) {
        case ImportResult::Status::Imported:
            ++imported;
            rows += r.rows;
            bar.line(r.message + " (" + rate(r.rows, t.elapsed()) + ")");
            break;
        case ImportResult::Status::AlreadyImported:
            ++already;
            bar.line(r.message);
            break;
        case ImportResult::Status::ChecksumChanged:
        case ImportResult::Status::Failed:
            ++problems;
            bar.line("error: " + r.message);
            break;
        }
    };

    if (!o.files.isEmpty()) {
        for (int i = 0; i < o.files.size(); ++i) {
            const QString &path = o.files[i];
            const QFileInfo fi(path);
            ImportFile f;
            f.path = path;
            f.name = fi.fileName();
            f.origin = fi.absoluteFilePath();
            f.symbol = o.symbol.isEmpty() ? symbolFromName(f.name) : o.symbol;
            const QString label = QStringLiteral("%1/%2 %3").arg(i + 1).arg(o.files.size()).arg(f.name);
            if (f.symbol.isEmpty()) {
                ++problems;
                bar.line("error: " + f.name + ": no symbol: name it SYMBOL-aggTrades-….zip/.csv or pass --symbol");
                continue;
            }
            QString why;
            const QString published = siblingChecksum(path, &why);
            if (!why.isEmpty()) {
                ++problems;
                bar.line("error: " + why);
                continue;
            }
            if (!published.isEmpty()) {
                const QString actual = Sha256::ofFile(path);
                if (actual != published) {
                    ++problems;
                    bar.line("error: " + f.name + ": checksum mismatch: " + f.name + ".CHECKSUM says " + published +
                             ", the file has " + (actual.isEmpty() ? "(unreadable)" : actual) + " (not imported)");
                    importer.breakContinuity(f.symbol);
                    continue;
                }
                f.sha256 = published;
            }
            importOne(f, label);
        }
    } else {
        int64_t from = 0, to = 0;
        parseIsoDate(o.from.toStdString(), from);
        parseIsoDate(o.to.toStdString(), to);
        ArchiveDownloader net(QUrl(config.archiveUrl), QFileInfo(config.cacheDbPath).absolutePath());
        const int64_t days = to - from + 1;
        for (int64_t d = from; d <= to; ++d) {
            const QString date = QString::fromStdString(isoDate(d));
            const QString name = ArchiveDownloader::fileName(o.symbol, date);
            const QString label = QStringLiteral("%1/%2 %3").arg(d - from + 1).arg(days).arg(name);
            const QUrl url = net.urlOf(o.symbol, date);
            bar.update(label, 0, "checksum");
            const ArchiveDownloader::Checksum sum = net.checksum(url);
            if (sum.status != ArchiveDownloader::Checksum::Status::Ok) {
                ++problems;
                bar.line("error: " + sum.message);
                importer.breakContinuity(o.symbol);
                continue;
            }
            // Resumable: a file imported with this checksum is skipped before downloading it.
            if (auto stored = importer.importedSha(name); stored && *stored == sum.sha256) {
                ++already;
                bar.line(name + ": already imported (sha256 " + sum.sha256.left(12) + "…)");
                importer.breakContinuity(o.symbol);
                continue;
            }
            ArchiveDownloader::Download dl = net.download(url, sum.sha256, [&](qint64 got, qint64 size) {
                bar.update(label, size > 0 ? double(got) / double(size) : 0, "downloading");
            });
            if (!dl.ok) {
                ++problems;
                bar.line("error: " + dl.message);
                importer.breakContinuity(o.symbol);
                continue;
            }
            ImportFile f;
            f.path = dl.file->fileName();
            f.name = name;
            f.origin = url.toString();
            f.symbol = o.symbol;
            f.sha256 = sum.sha256;
            importOne(f, label);
        }
    }
    const int64_t deleted = importer.finish(&error);
    if (deleted < 0) {
        bar.line("error: retention: " + error);
        ++problems;
    }
    const QString speed = imported ? ", " + rate(rows, total.elapsed()) : QString();
    QString summary = QStringLiteral("import: %1 file(s) imported (%2 trades%3), %4 already imported, %5 not imported")
                          .arg(imported)
                          .arg(rows)
                          .arg(speed)
                          .arg(already)
                          .arg(problems);
    if (deleted > 0)
        summary += QStringLiteral("; %1 trades older than TRADE_CACHE_DAYS=%2 before the newest stored day were not "
                                  "kept (their day summaries were)")
                       .arg(deleted)
                       .arg(config.tradeCacheDays);
    bar.line(summary + " -> " + config.cacheDbPath);
    return problems ? 1 : 0;
}

} // namespace co
