// core/storage: schema migrations applied once each (gaps included, as branches land them in any
// order), the guard against a file written by a newer program, read-only opens, and the day delta
// that migration 0002 backfills from the profile rows. Expected values are the hand-made inputs.
#include "storage/Database.h"
#include "storage/Sqlite.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <set>

using namespace co;

namespace {
int64_t scalar(const Database &db, const char *sql)
{
    Statement q(db.handle(), sql);
    return q.step() ? q.int64(0) : -1;
}
} // namespace

class TestMigrations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void migratesAFreshFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("sub/cache.sqlite"); // the folder is created
        Database db;
        QString error;
        QVERIFY2(db.open(path, &error), qPrintable(error));
        QVERIFY(Database::knownSchemaVersion() >= 1);
        QCOMPARE(db.schemaVersion(), Database::knownSchemaVersion());
        QSqlQuery q(db.sql());
        QVERIFY(q.exec("PRAGMA journal_mode") && q.next());
        QCOMPARE(q.value(0).toString(), QString("wal"));
        // One row per migration file (numbers may have gaps while branches add their own).
        const int64_t files = QDir(":/migrations").entryList({"*.sql"}, QDir::Files).size();
        QCOMPARE(scalar(db, "SELECT count(*) FROM schema_version"), files);
        db.close();
        // Opening again applies nothing.
        QVERIFY2(db.open(path, &error), qPrintable(error));
        QCOMPARE(scalar(db, "SELECT count(*) FROM schema_version"), files);
    }

    // Branches land migrations in any order: a file that has 6 but lacks a lower number gets it,
    // and a read-only open refuses it until then.
    void appliesAMissingLowerMigration()
    {
        QCOMPARE(Database::pendingMigrations({1, 2, 3, 4, 6}, {1, 2, 3, 4, 5, 6}), (std::set<int>{5}));
        QCOMPARE(Database::pendingMigrations({}, {1, 3}), (std::set<int>{1, 3}));
        QCOMPARE(Database::pendingMigrations({1, 2, 3}, {1, 2, 3}), std::set<int>{});
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        const int64_t files = QDir(":/migrations").entryList({"*.sql"}, QDir::Files).size();
        QString error;
        {
            Database db;
            QVERIFY2(db.open(path, &error), qPrintable(error));
            // As if the alerts migration (0006) had not been applied.
            QVERIFY2(execScript(db.handle(),
                                "DROP TABLE alert_rules; DROP TABLE alert_events; DELETE FROM schema_version WHERE version = 6",
                                &error),
                     qPrintable(error));
        }
        {
            Database db;
            Database::Options ro;
            ro.mode = Database::Mode::ReadOnly;
            QVERIFY(!db.open(path, ro, &error));
            QVERIFY2(error.contains("lacks migration 6"), qPrintable(error));
        }
        Database db;
        QVERIFY2(db.open(path, &error), qPrintable(error));
        QCOMPARE(scalar(db, "SELECT count(*) FROM schema_version"), files);
        QCOMPARE(scalar(db, "SELECT count(*) FROM alert_rules"), int64_t(0));
        QCOMPARE(db.schemaVersion(), Database::knownSchemaVersion());
    }

    void refusesANewerSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        {
            Database db;
            QString error;
            QVERIFY2(db.open(path, &error), qPrintable(error));
            QVERIFY(execScript(db.handle(), "INSERT INTO schema_version VALUES (999, '0999_future.sql', 0)", &error));
        }
        for (Database::Mode mode : {Database::Mode::ReadWrite, Database::Mode::ReadOnly}) {
            Database db;
            QString error;
            Database::Options o;
            o.mode = mode;
            QVERIFY(!db.open(path, o, &error));
            QVERIFY2(error.contains("schema version 999 is newer"), qPrintable(error));
            QVERIFY(error.contains(path));
        }
        // Nothing was downgraded or dropped.
        sqlite3 *raw = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &raw), SQLITE_OK);
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(raw, "SELECT max(version) FROM schema_version", -1, &st, nullptr);
        QCOMPARE(sqlite3_step(st), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int64(st, 0), 999);
        sqlite3_finalize(st);
        sqlite3_close(raw);
    }

    // Schema 2 adds each day's delta; days stored under schema 1 get it from their profile rows.
    void migrationBackfillsTheDayDelta()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        {
            sqlite3 *raw = nullptr;
            QCOMPARE(sqlite3_open(path.toUtf8().constData(), &raw), SQLITE_OK);
            QFile f(":/migrations/0001_initial.sql");
            QVERIFY(f.open(QIODevice::ReadOnly));
            QString error;
            QVERIFY2(execScript(raw, f.readAll() + R"(
                CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms INTEGER NOT NULL);
                INSERT INTO schema_version VALUES (1, '0001_initial.sql', 0);
                INSERT INTO symbols(id, name, price_unit, qty_unit) VALUES (1, 'BTCUSDT', 10000000, 100000);
                INSERT INTO day_summaries VALUES (1, 'UTC', 19943, 0, 1, 3, 2, 1, 1, 1, '{}', 0);
                INSERT INTO day_summaries VALUES (1, 'UTC', 19944, 1, 2, 0, 2, 1, 1, 1, '{}', 0);
                INSERT INTO day_profiles VALUES (1, 'UTC', 19943, 100, 500, 200, 2);
                INSERT INTO day_profiles VALUES (1, 'UTC', 19943, 110, 7, 900, 1);
                INSERT INTO day_profiles VALUES (1, 'UTC', 19944, 100, 1, 0, 1);)",
                                 &error),
                     qPrintable(error));
            sqlite3_close(raw);
        }
        Database db;
        QString error;
        QVERIFY2(db.open(path, &error), qPrintable(error));
        QCOMPARE(db.schemaVersion(), Database::knownSchemaVersion());
        QCOMPARE(scalar(db, "SELECT delta FROM day_summaries WHERE day = 19943"), 500 + 7 - 200 - 900);
        QCOMPARE(scalar(db, "SELECT delta FROM day_summaries WHERE day = 19944"), 1);
    }

    void readOnlyNeedsAnExistingFile()
    {
        QTemporaryDir dir;
        Database db;
        QString error;
        Database::Options o;
        o.mode = Database::Mode::ReadOnly;
        QVERIFY(!db.open(dir.filePath("missing.sqlite"), o, &error));
        QVERIFY2(error.contains("does not exist"), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "test_migrations.moc"
