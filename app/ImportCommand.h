#pragma once
// `crypto-orderflow import --symbol SYM --from YYYY-MM-DD --to YYYY-MM-DD` (daily aggTrades zips
// from BINANCE_ARCHIVE_URL, sha256-checked) or `import [--symbol SYM] --file PATH...` (local zip
// or CSV; a PATH.CHECKSUM next to it is checked): into the cache at CACHE_DB_PATH, resumable.
#include "app/Config.h"
#include "cache/ImportRun.h"

#include <QString>
#include <QStringList>

#include <cstdio>

namespace co {


// The cache settings of an import (CACHE_DB_PATH, BINANCE_ARCHIVE_URL, ...; the proxy of every mode).
ImportSettings importSettingsFrom(const Config &config);
// Parses the arguments after "import". False and *error on bad usage.
bool parseImportArgs(const QStringList &args, ImportOptions &o, QString *error);
// Exit code: 0 every file imported or already there, 1 something was not (see the messages),
// 2 usage or database error. Needs a Q(Core)Application for downloads.
int runImport(const ImportOptions &o, const Config &config, FILE *err);

} // namespace co
