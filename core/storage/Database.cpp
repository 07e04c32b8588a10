#include "storage/Database.h"

#include "storage/Log.h"
#include "storage/Sqlite.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <atomic>

namespace co {

namespace {
// Migration files by version: "0001_initial.sql" → 1.
QMap<int, QString> migrationFiles()
{
    QMap<int, QString> out;
    const QDir dir(":/migrations");
    for (const QString &f : dir.entryList({"*.sql"}, QDir::Files, QDir::Name)) {
        bool ok = false;
        const int v = f.section('_', 0, 0).toInt(&ok);
        if (ok && v > 0)
            out.insert(v, dir.filePath(f));
    }
    return out;
}

QString connectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("co-storage-%1").arg(++counter);
}

bool run(sqlite3 *db, const char *sql, QString *error)
{
    return execScript(db, QByteArray(sql), error);
}
} // namespace

int Database::knownSchemaVersion()
{
    const auto files = migrationFiles();
    return files.isEmpty() ? 0 : files.lastKey();
}

Database::~Database() { close(); }

bool Database::open(const QString &path, const Options &options, QString *error)
{
    close();
    auto fail = [&](const QString &why) {
        if (error)
            *error = "cache database " + path + ": " + why;
        close();
        return false;
    };
    path_ = path;
    const bool readOnly = options.mode == Mode::ReadOnly;
    if (readOnly && !QFileInfo::exists(path))
        return fail("does not exist");
    if (!readOnly) {
        const QString dir = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(dir))
            return fail("cannot create folder " + dir);
    }
    name_ = connectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", name_);
        if (!db.isValid())
            return fail("the Qt SQLite driver (QSQLITE, Debian package libqt6sql6-sqlite) is not installed");
        db.setDatabaseName(path);
        QString opts = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs);
        if (readOnly)
            opts += ";QSQLITE_OPEN_READONLY";
        db.setConnectOptions(opts);
        if (!db.open())
            return fail(db.lastError().text());
        const QVariant h = db.driver()->handle();
        if (!h.isValid() || qstrcmp(h.typeName(), "sqlite3*") != 0)
            return fail("the QSQLITE driver gives no sqlite3 handle");
        handle_ = *static_cast<sqlite3 *const *>(h.constData());
        // The raw handle is only safe if the driver uses the SQLite library linked here
        // (Debian's Qt uses the system libsqlite3).
        QSqlQuery q(db);
        if (!q.exec("SELECT sqlite_version()") || !q.next() || q.value(0).toString() != QLatin1String(sqlite3_libversion()))
            return fail("Qt's SQLite driver uses another SQLite library than this program");
    }
    QString why;
    // A new file gets 16 KiB pages: bulk inserts of narrow rows split pages a quarter as often
    // (~1.5x faster than the 4 KiB default). Only possible before the first table exists.
    if (!readOnly) {
        Statement pages(handle_, "PRAGMA page_count");
        const bool empty = pages.step() && pages.int64(0) == 0;
        pages = Statement(); // finished before the page size can change
        if (empty && !run(handle_, "PRAGMA page_size=16384", &why))
            return fail(why);
    }
    // WAL: readers never block the writer; synchronous=NORMAL keeps every commit across a killed
    // process (the WAL is in the OS cache), FULL also across power loss.
    if (!readOnly && !run(handle_, "PRAGMA journal_mode=WAL", &why))
        return fail(why);
    const QByteArray pragmas = QStringLiteral("PRAGMA synchronous=%1; PRAGMA cache_size=-%2; PRAGMA temp_store=MEMORY;")
                                   .arg(options.durability == Durability::Full ? "FULL" : "NORMAL")
                                   .arg(options.cacheKiB)
                                   .toLatin1();
    if (!execScript(handle_, pragmas, &why))
        return fail(why);
    if (readOnly) {
        Statement v(handle_, "SELECT max(version) FROM schema_version");
        if (!v.ok() || !v.step())
            return fail("no schema (not a crypto-orderflow cache?): " + v.error());
        version_ = int(v.int64(0));
    } else if (!migrate(&why)) {
        return fail(why);
    }
    const int known = knownSchemaVersion();
    if (version_ > known)
        return fail(QStringLiteral("schema version %1 is newer than this program knows (%2): it was written by a newer "
                                   "crypto-orderflow. Use that version, or point CACHE_DB_PATH at another file.")
                        .arg(version_)
                        .arg(known));
    if (version_ < known)
        return fail(QStringLiteral("schema version %1 is older than %2 (open it read-write once to migrate)")
                        .arg(version_)
                        .arg(known));
    return true;
}

bool Database::migrate(QString *error)
{
    if (!run(handle_,
             "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
             "applied_ms INTEGER NOT NULL)",
             error))
        return false;
    // Another process may migrate at the same time: the write lock first, then the version.
    if (!begin(error))
        return false;
    Statement cur(handle_, "SELECT ifnull(max(version), 0) FROM schema_version");
    if (!cur.ok() || !cur.step()) {
        if (error)
            *error = cur.error();
        rollback();
        return false;
    }
    version_ = int(cur.int64(0));
    cur = Statement();
    const auto files = migrationFiles();
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (it.key() <= version_)
            continue;
        QFile f(it.value());
        if (!f.open(QIODevice::ReadOnly)) {
            if (error)
                *error = "cannot read migration " + it.value();
            rollback();
            return false;
        }
        QString why;
        Statement mark(handle_, "INSERT INTO schema_version(version, name, applied_ms) VALUES (?, ?, ?)");
        mark.bind(1, it.key());
        const QByteArray name = QFileInfo(it.value()).fileName().toUtf8();
        mark.bind(2, std::string_view(name.constData(), size_t(name.size())));
        mark.bind(3, QDateTime::currentMSecsSinceEpoch());
        if (!execScript(handle_, f.readAll(), &why) || !mark.exec()) {
            if (error)
                *error = "migration " + QFileInfo(it.value()).fileName() + " failed: " + (why.isEmpty() ? mark.error() : why);
            rollback();
            return false;
        }
        qCInfo(lcStorage) << "applied schema migration" << QFileInfo(it.value()).fileName();
        version_ = it.key();
    }
    return commit(error);
}

bool Database::begin(QString *error) { return run(handle_, "BEGIN IMMEDIATE", error); }
bool Database::commit(QString *error) { return run(handle_, "COMMIT", error); }
void Database::rollback()
{
    if (handle_ && !sqlite3_get_autocommit(handle_))
        run(handle_, "ROLLBACK", nullptr);
}

void Database::close()
{
    handle_ = nullptr;
    version_ = 0;
    if (name_.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name_, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(name_);
    name_.clear();
}

} // namespace co
