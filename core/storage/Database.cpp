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

#include <algorithm>
#include <atomic>
#include <set>

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

std::set<int> Database::pendingMigrations(const std::set<int> &applied, const QList<int> &known)
{
    std::set<int> out;
    for (int v : known)
        if (!applied.count(v))
            out.insert(v);
    return out;
}

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
    std::set<int> applied;
    if (readOnly) {
        if (!appliedVersions(&applied, &why))
            return fail("no schema (not a crypto-orderflow cache?): " + why);
        version_ = applied.empty() ? 0 : *applied.rbegin();
    } else if (!migrate(&applied, &why)) {
        return fail(why);
    }
    const int known = knownSchemaVersion();
    if (version_ > known)
        return fail(QStringLiteral("schema version %1 is newer than this program knows (%2): it was written by a newer "
                                   "crypto-orderflow. Use that version, or point CACHE_DB_PATH at another file.")
                        .arg(version_)
                        .arg(known));
    const std::set<int> missing = pendingMigrations(applied, migrationFiles().keys());
    if (!missing.empty())
        return fail(QStringLiteral("schema version %1 lacks migration %2 of %3 (open it read-write once to migrate)")
                        .arg(version_)
                        .arg(*missing.begin())
                        .arg(known));
    return true;
}

bool Database::appliedVersions(std::set<int> *out, QString *error)
{
    Statement cur(handle_, "SELECT version FROM schema_version");
    if (!cur.ok()) {
        if (error)
            *error = cur.error();
        return false;
    }
    while (cur.step())
        out->insert(int(cur.int64(0)));
    return true;
}

bool Database::migrate(std::set<int> *applied, QString *error)
{
    if (!run(handle_,
             "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
             "applied_ms INTEGER NOT NULL)",
             error))
        return false;
    // Another process may migrate at the same time: the write lock first, then the version.
    if (!begin(error))
        return false;
    // Every migration not yet applied, lower numbers too: branches land their migrations in any
    // order (a file at 6 may still lack 5).
    if (!appliedVersions(applied, error)) {
        rollback();
        return false;
    }
    version_ = applied->empty() ? 0 : *applied->rbegin();
    const auto files = migrationFiles();
    const std::set<int> pending = pendingMigrations(*applied, files.keys());
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (!pending.count(it.key()))
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
        applied->insert(it.key());
        version_ = std::max(version_, it.key());
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
