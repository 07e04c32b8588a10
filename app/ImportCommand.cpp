#include "app/ImportCommand.h"
#include "binance/ProxyConfig.h"

#include "app/CliArgs.h"
#include "cache/ImportRun.h"
#include "app/TerminalProgress.h"
#include "model/Time.h"

#include <QRegularExpression>

namespace co {

namespace {
constexpr int64_t kMaxDays = 3660;
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

ImportSettings importSettingsFrom(const Config &config)
{
    ImportSettings s;
    s.dbPath = config.cacheDbPath;
    s.archiveUrl = config.archiveUrl;
    s.engine = config.engine;
    s.tradeCacheDays = config.tradeCacheDays;
    s.proxy = [] { return new EnvProxyFactory; }; // the same proxy as the live clients
    return s;
}

int runImport(const ImportOptions &o, const Config &config, FILE *err)
{
    TerminalProgress bar(err);
    ImportRun run(o, importSettingsFrom(config));
    QString label;
    ImportRun::Callbacks cb;
    cb.fileStarted = [&](int index, int count, const QString &name) { label = QStringLiteral("%1/%2 %3").arg(index).arg(count).arg(name); };
    cb.progress = [&](double f, const QString &phase, int64_t rows) {
        bar.update(label, std::max(0.0, f), phase == QLatin1String("importing") ? QStringLiteral("%1 rows").arg(rows) : phase);
    };
    cb.message = [&](const QString &line, bool) { bar.line(line); };
    const ImportSummary s = run.run(cb);
    if (s.openFailed)
        return 2;
    return s.problems || s.cancelled ? 1 : 0;
}

} // namespace co
