#include "storage/Sqlite.h"

#include <QByteArray>

#include <sqlite3.h>

namespace co {

Statement::Statement(sqlite3 *db, std::string_view sql) : db_(db)
{
    if (sqlite3_prepare_v3(db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) != SQLITE_OK) {
        error_ = QString::fromUtf8(sqlite3_errmsg(db));
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
    }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement &&o) noexcept : db_(o.db_), stmt_(o.stmt_), error_(std::move(o.error_))
{
    o.stmt_ = nullptr;
}

Statement &Statement::operator=(Statement &&o) noexcept
{
    if (this != &o) {
        sqlite3_finalize(stmt_);
        db_ = o.db_;
        stmt_ = o.stmt_;
        error_ = std::move(o.error_);
        o.stmt_ = nullptr;
    }
    return *this;
}

void Statement::bind(int i, int64_t v) noexcept { sqlite3_bind_int64(stmt_, i, v); }
void Statement::bind(int i, std::string_view text) noexcept
{
    sqlite3_bind_text(stmt_, i, text.data(), int(text.size()), SQLITE_TRANSIENT);
}
void Statement::bindBlob(int i, const void *data, int size) noexcept
{
    sqlite3_bind_blob(stmt_, i, data, size, SQLITE_TRANSIENT);
}
void Statement::bindNull(int i) noexcept { sqlite3_bind_null(stmt_, i); }

bool Statement::step()
{
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        error_ = QString::fromUtf8(sqlite3_errmsg(db_));
    else
        error_.clear();
    return false;
}

bool Statement::exec()
{
    const bool row = step();
    const bool ok = row || error_.isEmpty();
    reset();
    return ok;
}

void Statement::reset() noexcept
{
    sqlite3_reset(stmt_);
}

int64_t Statement::int64(int col) const noexcept { return sqlite3_column_int64(stmt_, col); }
bool Statement::isNull(int col) const noexcept { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
QString Statement::text(int col) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(stmt_, col));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(stmt_, col)) : QString();
}
std::string_view Statement::blob(int col) const noexcept
{
    const auto *p = static_cast<const char *>(sqlite3_column_blob(stmt_, col));
    return p ? std::string_view(p, size_t(sqlite3_column_bytes(stmt_, col))) : std::string_view();
}

int64_t changes(sqlite3 *db) noexcept { return sqlite3_changes64(db); }

bool execScript(sqlite3 *db, const QByteArray &sql, QString *error)
{
    char *msg = nullptr;
    if (sqlite3_exec(db, sql.constData(), nullptr, nullptr, &msg) == SQLITE_OK)
        return true;
    if (error)
        *error = QString::fromUtf8(msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return false;
}

} // namespace co
