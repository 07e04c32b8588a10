// bench_import: the SQLite cache under load, in two parts.
//
// 1. Import: one day of Binance aggTrades CSV (default 2.5 M rows, a busy BTCUSDT day) through
//    the real import path (co::ArchiveImporter: AggTradeFile parsing → MarketEngine indicators
//    and day summary → SQLite in one transaction, sha256 for the ledger), next to `wc -l` on the
//    same file in the same run. Targets: >= 2 M rows/s and <= 3x the wc -l time. The parts are
//    timed alone too (parse only, parse + indicators, SQLite inserts only) to show where it goes.
//    The CSV is generated from the recorded trades of hftbacktest/btcusdt_20240808.gz (21 313
//    trades, prices and quantities as recorded), repeated with consecutive ids and times spread
//    over the UTC day 2024-08-09.
//    In the same rounds (issue 16): the program's `import --file` against its `report --replay`
//    on the same CSV (target import <= 1.0x report), and the stored day's key levels and
//    footprint rebuilt from the trade blocks (DayRebuild) against that report (target <= 0.3x).
// 2. Start-up with 2 symbols x 7 days stored (BTCUSDT 2 M and ETHUSDT 1 M trades a day by
//    default): the real program (crypto-orderflow --headless --offline) is started on that
//    cache; measured are the times to "restore started", to the first /healthz answer and to
//    "restored", and the resident memory (peak and after the restore). Targets: /healthz <= 1 s,
//    RSS <= 150 MB.
//
// A benchmark, not a test: exit 0 whatever the speed (PASS/MISS per target), 0 with SKIP when
// the data file is absent, non-zero when a result is wrong (rows or volume differ from the
// generator's) or on bad arguments.
#include "ImportData.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>
#include <cstring>

#ifndef CO_BENCH_DEFAULT_DATA_DIR
#define CO_BENCH_DEFAULT_DATA_DIR "../shared/data/binance"
#endif

using namespace co;
using namespace co::bench;

namespace {

void usage(FILE *f)
{
    std::fputs("usage: bench_import [--data DIR] [--rows N] [--rounds R] [--days D] [--btc-per-day N] "
               "[--eth-per-day N]\n"
               "                    [--app PATH] [--startup-db PATH] [--skip-import] [--skip-startup]\n"
               "  --rows N         rows of the imported day (default 2500000)\n"
               "  --rounds R       import rounds (default 3; best and median shown)\n"
               "  --days D         days stored for the start-up part (default 7)\n"
               "  --btc-per-day N, --eth-per-day N  trades a day stored (default 2000000, 1000000)\n"
               "  --startup-db PATH  the start-up cache file: built when missing, kept, reused\n",
               f);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication qapp(argc, argv);
    QString dataDir = qEnvironmentVariable("CO_SHARED_DATA_DIR", CO_BENCH_DEFAULT_DATA_DIR);
    QString app = CO_APP_PATH;
    QString startupDb; // kept and reused when given
    int64_t rows = 2'500'000, btcPerDay = 2'000'000, ethPerDay = 1'000'000;
    int rounds = 3, days = 7;
    bool doImport = true, doStartup = true;
    const QStringList args = qapp.arguments().mid(1);
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto number = [&](int64_t lo, int64_t hi) -> int64_t {
            bool ok = false;
            const int64_t v = i + 1 < args.size() ? args[++i].toLongLong(&ok) : 0;
            if (!ok || v < lo || v > hi) {
                std::fprintf(stderr, "bench_import: %s must be %lld..%lld\n", qPrintable(a), static_cast<long long>(lo),
                             static_cast<long long>(hi));
                std::exit(2);
            }
            return v;
        };
        if (a == "--data" && i + 1 < args.size())
            dataDir = args[++i];
        else if (a == "--app" && i + 1 < args.size())
            app = args[++i];
        else if (a == "--startup-db" && i + 1 < args.size())
            startupDb = args[++i];
        else if (a == "--rows")
            rows = number(1000, 50'000'000);
        else if (a == "--rounds")
            rounds = int(number(1, 20));
        else if (a == "--days")
            days = int(number(2, 30));
        else if (a == "--btc-per-day")
            btcPerDay = number(1000, 10'000'000);
        else if (a == "--eth-per-day")
            ethPerDay = number(1000, 10'000'000);
        else if (a == "--skip-import")
            doImport = false;
        else if (a == "--skip-startup")
            doStartup = false;
        else {
            usage(a == "--help" ? stdout : stderr);
            return a == "--help" ? 0 : 2;
        }
    }
    const QString rec = dataDir + "/hftbacktest/btcusdt_20240808.gz";
    if (!QFile::exists(rec)) {
        std::printf("SKIP: %s not found (--data DIR or CO_SHARED_DATA_DIR)\n", qPrintable(rec));
        return 0;
    }
    const std::vector<Src> clip = loadRecorded(rec);
    if (clip.size() != 21'313) {
        std::fprintf(stderr, "bench_import: expected 21313 trades in %s, got %zu\n", qPrintable(rec), clip.size());
        return 1;
    }
    QTemporaryDir tmp;
    if (doImport && benchImport(clip, rows, rounds, tmp, app) != 0)
        return 1;
    if (doStartup && benchStartup(clip, btcPerDay, ethPerDay, days, app,
                                  startupDb.isEmpty() ? tmp.filePath("startup.sqlite") : startupDb) != 0)
        return 1;
    return 0;
}
