#pragma once
// Which archive files were imported, with their sha256 (imported_files): an import run skips a
// file it already has with the same checksum and reports one whose checksum changed.
#include <QString>

#include <cstdint>
#include <optional>

struct sqlite3;

namespace co {

struct ImportedFile {
    QString name;   // file name as published ("BTCUSDT-aggTrades-2024-08-01.zip")
    int64_t sym = 0;
    QString sha256; // lower-case hex
    QString origin; // URL or local path
    int64_t rows = 0;
    std::optional<int64_t> firstId, lastId;
    int64_t importedMs = 0;
};

class ArchiveLedger {
public:
    explicit ArchiveLedger(sqlite3 *db) : db_(db) {}
    std::optional<ImportedFile> find(const QString &name, QString *error = nullptr) const;
    // In the caller's transaction, with the file's rows.
    bool record(const ImportedFile &f, QString *error);

private:
    sqlite3 *db_;
};

} // namespace co
