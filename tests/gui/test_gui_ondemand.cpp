// The running desktop app against a fake Binance: File > Symbols… lists every trading perpetual
// with a search box, the 24 h quote volume and favourites (QSettings); choosing one follows it live
// and shows today's backfill until complete. File > Record session starts and stops recording at
// run time (the --record format). A symbol dropped for MAX_SYMBOLS leaves the symbol dropdown.
#include "app/Application.h"
#include "app/DesktopApp.h"
#include "model/Time.h"
#include "support/FakeBinance.h"
#include "views/MainWindow.h"
#include "views/SymbolPickerDialog.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace co;
using namespace co::test;

namespace {
Config load(const QStringList &args)
{
    ConfigSources src;
    src.args = args;
    QString error;
    const auto c = loadConfig(src, &error);
    if (!c)
        qFatal("config: %s", qPrintable(error));
    return *c;
}

int rowOf(QTableWidget *t, const QString &symbol)
{
    for (int r = 0; r < t->rowCount(); ++r)
        if (t->item(r, 1) && t->item(r, 1)->text() == symbol)
            return r;
    return -1;
}
} // namespace

class TestGuiOnDemand : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QLoggingCategory::setFilterRules("co.binance.info=false");
    }

    void pickerFollowsAndRecordToggles()
    {
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        FakeBinance fake;
        QVERIFY(fake.listen());
        int k = 0;
        for (const char *name : {"BTCUSDT", "ETHUSDT", "SOLUSDT"}) {
            FakeSymbolData d;
            d.symbol = name;
            d.trades = syntheticTrades(uint32_t(k + 1), 3000, 1'000'000 * (k + 1), now - 100'000, 100); // 100 s before, 200 s after
            fake.addSymbol(d);
            ++k;
        }
        fake.skipFor(100'000);
        const Config config = load({"--port", "0", "--cache-db-path", dir_.filePath("ondemand.sqlite"), "--symbols",
                                    "BTCUSDT", "--max-symbols", "2", "--binance-rest-url", fake.restUrl(), "--binance-ws-url", fake.wsUrl()});
        Application app(config);
        QString error;
        QVERIFY2(app.start(&error), qPrintable(error));
        DesktopApp desktop(app, RunMode::Gui);
        desktop.start();
        fake.play(3, 10);
        MainWindow &w = desktop.window();

        // The picker: every trading perpetual, volumes from the all-symbols ticker.
        auto *pick = w.findChild<QAction *>("actionPickSymbol");
        QVERIFY(pick && pick->isVisible());
        pick->trigger();
        auto *dialog = w.findChild<SymbolPickerDialog *>("symbolPickerDialog");
        QVERIFY(dialog);
        auto *table = dialog->findChild<QTableWidget *>("symbolTable");
        auto *search = dialog->findChild<QLineEdit *>("symbolSearch");
        QVERIFY(table && search);
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 3, 15'000);
        QTRY_VERIFY_WITH_TIMEOUT(table->item(0, 2)->text() != QString("–"), 15'000);
        QTest::keyClicks(search, "eth");
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 1)->text(), QString("ETHUSDT"));
        // A favourite: starred, kept in QSettings, listed first once the search is cleared.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualItemRect(table->item(0, 0)).center());
        QCOMPARE(QSettings().value(SymbolPickerDialog::kFavouritesKey).toStringList(), QStringList{"ETHUSDT"});
        search->clear();
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(table->item(0, 1)->text(), QString("ETHUSDT"));
        QCOMPARE(table->item(0, 0)->text(), QString("★"));

        // Choosing it follows it live; the progress shows until today is complete.
        table->setCurrentCell(rowOf(table, "ETHUSDT"), 1);
        dialog->findChild<QPushButton *>("followSymbol")->click();
        QCOMPARE(w.findChild<QComboBox *>("symbolPicker")->currentText(), QString("ETHUSDT"));
        auto *label = dialog->findChild<QLabel *>("backfillLabel");
        QVERIFY(label->text().startsWith("ETHUSDT"));
        QTRY_COMPARE_WITH_TIMEOUT(label->text(), QString("ETHUSDT: live, today complete"), 30'000);
        QVERIFY(!dialog->findChild<QProgressBar *>("backfillProgress")->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(app.registry().snapshot("ETHUSDT") && app.registry().snapshot("ETHUSDT")->lastTradeId > 0,
                                 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(table->item(rowOf(table, "ETHUSDT"), 3)->text(), QString("followed"), 5'000);
        QVERIFY(fake.streamsOpen(true).count("ethusdt@aggTrade"));
        dialog->close();

        // Record session: on writes files, off stops (the default folder without --record).
        const QString recordings = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/recordings";
        QDir(recordings).removeRecursively();
        auto *record = w.findChild<QAction *>("actionRecord");
        QVERIFY(record && record->isVisible() && record->isCheckable() && !record->isChecked());
        record->trigger();
        QVERIFY(record->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(app.status().binance()->recording.has_value(), 5'000);
        QCOMPARE(QString::fromStdString(app.status().binance()->recording->dir), recordings);
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(recordings).entryList({"ETHUSDT-*.gz"}, QDir::Files).isEmpty(), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(!QDir(recordings).entryList({"BTCUSDT-*.gz"}, QDir::Files).isEmpty(), 10'000);
        record->trigger();
        QVERIFY(!record->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(!app.status().binance()->recording.has_value(), 5'000);
        QDir(recordings).removeRecursively();

        // MAX_SYMBOLS 2 = BTCUSDT + 1 on demand. A call for SOLUSDT (as the server's) drops the shown
        // ETHUSDT: it leaves the dropdown, which shows SYMBOLS' first; SOLUSDT comes in.
        auto *combo = w.findChild<QComboBox *>("symbolPicker");
        auto items = [combo] {
            QStringList out;
            for (int i = 0; i < combo->count(); ++i)
                out << combo->itemText(i);
            return out;
        };
        QCOMPARE(items(), (QStringList{"BTCUSDT", "ETHUSDT"}));
        const auto dir = app.registry().directory();
        QVERIFY(dir);
        dir->request("SOLUSDT");
        QTRY_COMPARE_WITH_TIMEOUT(items(), (QStringList{"BTCUSDT", "SOLUSDT"}), 15'000);
        QCOMPARE(combo->currentText(), QString("BTCUSDT"));
        // Not the shown one: it just leaves the list.
        dir->request("ETHUSDT");
        QTRY_COMPARE_WITH_TIMEOUT(items(), (QStringList{"BTCUSDT", "ETHUSDT"}), 15'000);
        QCOMPARE(combo->currentText(), QString("BTCUSDT"));
    }
};

QTEST_MAIN(TestGuiOnDemand)
#include "test_gui_ondemand.moc"
