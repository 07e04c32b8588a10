#include "storage/ArchiveLedger.h"

#include "storage/Sqlite.h"

namespace co {

std::optional<ImportedFile> ArchiveLedger::find(const QString &name, QString *error) const
{
    Statement q(db_, "SELECT sym, sha256, origin, rows, first_id, last_id, imported_ms FROM imported_files WHERE name = ?");
    const QByteArray n = name.toUtf8();
    q.bind(1, std::string_view(n.constData(), size_t(n.size())));
    if (!q.step()) {
        if (error && !q.error().isEmpty())
            *error = q.error();
        return std::nullopt;
    }
    ImportedFile f;
    f.name = name;
    f.sym = q.int64(0);
    f.sha256 = q.text(1);
    f.origin = q.text(2);
    f.rows = q.int64(3);
    if (!q.isNull(4))
        f.firstId = q.int64(4);
    if (!q.isNull(5))
        f.lastId = q.int64(5);
    f.importedMs = q.int64(6);
    return f;
}

bool ArchiveLedger::record(const ImportedFile &f, QString *error)
{
    Statement q(db_, "INSERT OR REPLACE INTO imported_files(name, sym, sha256, origin, rows, first_id, last_id, "
                     "imported_ms) VALUES (?,?,?,?,?,?,?,?)");
    const QByteArray name = f.name.toUtf8(), sha = f.sha256.toUtf8(), origin = f.origin.toUtf8();
    q.bind(1, std::string_view(name.constData(), size_t(name.size())));
    q.bind(2, f.sym);
    q.bind(3, std::string_view(sha.constData(), size_t(sha.size())));
    q.bind(4, std::string_view(origin.constData(), size_t(origin.size())));
    q.bind(5, f.rows);
    if (f.firstId)
        q.bind(6, *f.firstId);
    else
        q.bindNull(6);
    if (f.lastId)
        q.bind(7, *f.lastId);
    else
        q.bindNull(7);
    q.bind(8, f.importedMs);
    if (q.exec())
        return true;
    if (error)
        *error = q.error();
    return false;
}

} // namespace co
