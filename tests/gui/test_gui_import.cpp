// File → Import archive…: the dialog imports zips built here from the recorded trades (as Binance
// aggTrades files) off the GUI thread, with progress per file and overall and rows/s; Cancel
// leaves no file half-imported (each is one transaction) and importing again resumes.
#include "app/Config.h"
#include "app/ImportController.h"
#include "support/ArchiveFiles.h"
#include "support/SharedData.h"
#include "views/ImportDialog.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace co;
using namespace co::test;

namespace {
// Trades stored: open rows and those in blocks (migration 0004).
const QString kStoredCount = QStringLiteral("SELECT (SELECT count(*) FROM trades) + (SELECT ifnull(sum(n), 0) FROM trade_blocks)");

qint64 count(const QString &db, const QString &sql)
{
    qint64 v = -1;
    {
        QSqlDatabase c = QSqlDatabase::addDatabase("QSQLITE", "check");
        c.setDatabaseName(db);
        if (c.open()) {
            QSqlQuery q(c);
            if (q.exec(sql) && q.next())
                v = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase("check");
    return v;
}
} // namespace

class TestGuiImport : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QList<Row> day_;

    Config configWith(const QString &cache)
    {
        ConfigSources src;
        src.args = QStringList{"--offline", "--cache-db-path", cache, "--symbols", "BTCUSDT"};
        QString error;
        const auto c = loadConfig(src, &error);
        if (!c)
            qFatal("config: %s", qPrintable(error));
        return *c;
    }
    // Zips of consecutive days ending 2024-08-08, in their own folder.
    QStringList zips(const QString &folder, int days)
    {
        QDir().mkpath(dir_.filePath(folder));
        QStringList out;
        for (int d = 1 - days; d <= 0; ++d) {
            const QString path =
                dir_.filePath(folder + QStringLiteral("/BTCUSDT-aggTrades-2024-08-0%1.zip").arg(8 + d));
            if (!writeFile(path, zipOf(QFileInfo(path).completeBaseName() + ".csv", csv(shifted(day_, d), true))))
                qFatal("cannot write %s", qPrintable(path));
            out << path;
        }
        return out;
    }
    template <typename T>
    static T *find(QWidget &w, const char *name)
    {
        auto *c = w.findChild<T *>(name);
        if (!c)
            qFatal("no widget %s", name);
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        CO_REQUIRE_SHARED_FILE(rec, "hftbacktest/btcusdt_20240808.gz");
        day_ = recordedTrades(rec);
        QCOMPARE(day_.size(), 21'313);
    }

    void importsZipsWithProgress()
    {
        const QString cache = dir_.filePath("import.sqlite");
        ImportDialog dialog({"BTCUSDT"});
        ImportController controller(configWith(cache), &dialog);
        controller.setChunkRows(2000);
        QSignalSpy finished(&controller, &ImportController::finished);
        dialog.setFiles(zips("ok", 2));
        dialog.show();
        QVERIFY(find<QLabel>(dialog, "importNote")->text().contains("not rewritten"));
        QSignalSpy fileBar(find<QProgressBar>(dialog, "importFileProgress"), &QProgressBar::valueChanged);
        find<QPushButton>(dialog, "importStart")->click();
        QVERIFY(dialog.running());
        QVERIFY(!find<QPushButton>(dialog, "importClose")->isEnabled());
        QVERIFY(finished.wait(60'000));
        const auto summary = finished.at(0).at(0).value<ImportSummary>();
        QCOMPARE(summary.imported, 2);
        QVERIFY(!summary.cancelled);
        QVERIFY(!dialog.running());
        QVERIFY(fileBar.size() >= 2); // moved within the files, not only at the end
        QCOMPARE(find<QProgressBar>(dialog, "importOverallProgress")->value(), 1000);
        QVERIFY2(find<QLabel>(dialog, "importRate")->text().contains("rows/s"),
                 qPrintable(find<QLabel>(dialog, "importRate")->text()));
        const QString log = find<QPlainTextEdit>(dialog, "importLog")->toPlainText();
        QVERIFY2(log.contains("BTCUSDT-aggTrades-2024-08-07.zip: 21313 trades") &&
                     log.contains("2 file(s) imported (42626 trades"),
                 qPrintable(log));
        QCOMPARE(find<QLabel>(dialog, "importFileLabel")->text(), QString("Import finished"));
        QCOMPARE(count(cache, kStoredCount), qint64(2 * day_.size()));
        QCOMPARE(count(cache, "SELECT count(*) FROM imported_files"), 2);
    }

    // Cancel right after Start: whatever was committed is whole files, the rest nothing; the
    // summary says cancelled; a second run imports the rest.
    void cancelLeavesNothingHalfImported()
    {
        const QString cache = dir_.filePath("cancel.sqlite");
        ImportDialog dialog({"BTCUSDT"});
        ImportController controller(configWith(cache), &dialog);
        controller.setChunkRows(200);
        QSignalSpy finished(&controller, &ImportController::finished);
        dialog.setFiles(zips("cancel", 3));
        dialog.show();
        find<QPushButton>(dialog, "importStart")->click();
        auto *cancel = find<QPushButton>(dialog, "importCancel");
        QVERIFY(cancel->isVisible() && cancel->isEnabled());
        cancel->click();
        QVERIFY(!cancel->isEnabled());
        QVERIFY(finished.wait(60'000));
        const auto summary = finished.at(0).at(0).value<ImportSummary>();
        QVERIFY(summary.cancelled);
        QVERIFY(summary.imported < 3);
        QCOMPARE(find<QLabel>(dialog, "importFileLabel")->text(), QString("Import cancelled"));
        QVERIFY(find<QPlainTextEdit>(dialog, "importLog")->toPlainText().contains("import cancelled:"));
        const qint64 files = count(cache, "SELECT count(*) FROM imported_files");
        QCOMPARE(files, qint64(summary.imported));
        QCOMPARE(count(cache, kStoredCount), files * day_.size());
        QCOMPARE(count(cache, "SELECT count(DISTINCT day) FROM day_profiles"), files);

        finished.clear();
        find<QPushButton>(dialog, "importStart")->click();
        QVERIFY(finished.wait(60'000));
        const auto again = finished.at(0).at(0).value<ImportSummary>();
        QCOMPARE(again.imported + again.already, 3);
        QCOMPARE(count(cache, kStoredCount), qint64(3 * day_.size()));
        QCOMPARE(count(cache, "SELECT count(*) FROM imported_files"), 3);
    }

    void refusesABadRequest()
    {
        ImportDialog dialog({"BTCUSDT"});
        ImportController controller(configWith(dir_.filePath("refused.sqlite")), &dialog);
        dialog.setFiles({});
        find<QPushButton>(dialog, "importStart")->click();
        QVERIFY(!dialog.running());
        QVERIFY2(find<QPlainTextEdit>(dialog, "importLog")->toPlainText().contains("Not started: import needs either"),
                 qPrintable(find<QPlainTextEdit>(dialog, "importLog")->toPlainText()));
    }
};

QTEST_MAIN(TestGuiImport)
#include "test_gui_import.moc"
