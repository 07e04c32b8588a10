#pragma once
// Where the recorded Binance files of ../shared/data/binance are; tests skip when absent.
#include <QString>

namespace co::test {

// Directory from $CO_SHARED_DATA_DIR (set by ctest); empty if it does not exist.
QString sharedDataDir();
// Absolute path of a file below it ("hftbacktest/btcusdt_20240718.gz"), empty if absent.
QString sharedFile(const QString &relative);

} // namespace co::test

// Skips the current Qt test function with a clear message when the file is missing.
#define CO_REQUIRE_SHARED_FILE(var, rel)                                                               \
    const QString var = co::test::sharedFile(rel);                                                     \
    if (var.isEmpty())                                                                                 \
        QSKIP(qPrintable(QStringLiteral("shared data file %1 not found (set CO_SHARED_DATA_DIR to "  \
                                        "../shared/data/binance)").arg(rel)))
