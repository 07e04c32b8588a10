#pragma once
// A prepared sqlite3 statement on a connection's raw handle, for the paths where QSqlQuery is
// too slow (bulk inserts, restore scans, migration scripts). Errors carry sqlite's message.
#include <QString>

#include <cstdint>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace co {

class Statement {
public:
    Statement() = default;
    Statement(sqlite3 *db, std::string_view sql);
    ~Statement();
    Statement(Statement &&o) noexcept;
    Statement &operator=(Statement &&o) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool ok() const noexcept { return stmt_ != nullptr; }
    const QString &error() const noexcept { return error_; }

    // Parameters are 1-based.
    void bind(int i, int64_t v) noexcept;
    void bind(int i, std::string_view text) noexcept; // copied
    void bindBlob(int i, const void *data, int size) noexcept; // copied
    void bindNull(int i) noexcept;

    // true: a row is available; false: done or failed (then error() says why).
    bool step();
    // Runs to completion; false with error() on failure.
    bool exec();
    void reset() noexcept;

    int64_t int64(int col) const noexcept;
    bool isNull(int col) const noexcept;
    QString text(int col) const;
    std::string_view blob(int col) const noexcept;

private:
    sqlite3 *db_ = nullptr;
    sqlite3_stmt *stmt_ = nullptr;
    QString error_;
};

// Rows changed by the connection's last statement.
int64_t changes(sqlite3 *db) noexcept;

// Runs one or more ';'-separated statements (migration scripts). False with *error.
bool execScript(sqlite3 *db, const QByteArray &sql, QString *error);

} // namespace co
