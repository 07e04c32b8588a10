#pragma once
// One connection to the cache file (SQLite through QtSql's QSQLITE driver), in WAL mode. The
// schema comes from the migrations embedded as resources (:/migrations/NNNN_name.sql) and the
// schema_version table; a file written by a newer program is refused, never downgraded.
// A connection belongs to the thread that opened it: each thread opens its own.
#include <QSqlDatabase>
#include <QList>
#include <QString>

#include <set>

struct sqlite3;

namespace co {

class Database {
public:
    enum class Mode { ReadWrite, ReadOnly };
    enum class Durability {
        Normal, // WAL + synchronous=NORMAL: a killed process loses nothing committed
        Full    // + fsync per commit: also survives power loss
    };
    struct Options {
        Mode mode = Mode::ReadWrite;
        Durability durability = Durability::Normal;
        int cacheKiB = 16 * 1024; // page cache of this connection
        int busyTimeoutMs = 10'000; // another process (import) holding the write lock
    };

    Database() = default;
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Creates the file and its folder if needed (read-write), applies pending migrations
    // (read-write) or requires an up-to-date schema (read-only). False with *error.
    bool open(const QString &path, const Options &options, QString *error);
    bool open(const QString &path, QString *error) { return open(path, Options{}, error); }
    void close();
    bool isOpen() const noexcept { return handle_ != nullptr; }

    QSqlDatabase sql() const { return QSqlDatabase::database(name_, false); }
    sqlite3 *handle() const noexcept { return handle_; }
    const QString &path() const noexcept { return path_; }
    int schemaVersion() const noexcept { return version_; }

    // Transactions on the raw handle (BEGIN IMMEDIATE takes the write lock up front).
    bool begin(QString *error);
    bool commit(QString *error);
    void rollback();

    // Highest version among the embedded migrations.
    static int knownSchemaVersion();
    // The known versions not in `applied`, gaps below the highest applied one included.
    static std::set<int> pendingMigrations(const std::set<int> &applied, const QList<int> &known);

private:
    bool appliedVersions(std::set<int> *out, QString *error);
    bool migrate(std::set<int> *applied, QString *error);

    QString name_, path_;
    sqlite3 *handle_ = nullptr;
    int version_ = 0;
};

} // namespace co
