// The Alerts dialog (views/AlertsDialog) offscreen, over an AlertBook on a hand-fed engine: add a
// price alert through the form, a refused one names its argument, a trade crossing the price
// fires it (history row, the tray's alert), Delete removes a rule. Widgets found by objectName.
#include "alerts/AlertBook.h"
#include "app/Application.h"
#include "app/DesktopApp.h"
#include "engine/EngineRegistry.h"
#include "engine/MarketEngine.h"
#include "views/AlertsDialog.h"
#include "views/MainWindow.h"
#include "views/TrayIcon.h"

#include <QAction>
#include <QTemporaryDir>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QtTest>

#include <cmath>

using namespace co;

namespace {
int64_t units(double v) { return llround(v * 1e8); }

Trade trade(int64_t id, int64_t t, double price)
{
    Trade x;
    x.id = id;
    x.timeMs = t;
    x.price = units(price);
    x.qty = units(1);
    return x;
}

template <class T> T *child(QWidget &w, const char *name)
{
    T *c = w.findChild<T *>(name);
    if (!c)
        qFatal("no %s", name);
    return c;
}
} // namespace

class TestGuiAlerts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void addFireDelete()
    {
        EngineRegistry registry;
        SymbolInfo info;
        info.name = "BTCUSDT";
        info.tickSize = units(0.1);
        info.stepSize = units(0.001);
        info.tickSource = TickSource::ExchangeInfo;
        MarketEngine &engine = registry.engine(info);
        AlertBook book(registry);
        engine.addObserver(&book);
        AlertsDialog dialog(book, {"BTCUSDT", "ETHUSDT"});
        TrayIcon tray;
        connect(&dialog, &AlertsDialog::alertFired, &tray, &TrayIcon::showAlert);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        auto *kind = child<QComboBox>(dialog, "alertsKind");
        QCOMPARE(kind->count(), 4); // price cross, stacked imbalance, liquidations, divergence
        kind->setCurrentIndex(kind->findData("price_cross"));
        child<QComboBox>(dialog, "alertsLevel")->setCurrentText("price");
        QVERIFY(child<QDoubleSpinBox>(dialog, "alertsPrice")->isEnabled());
        QVERIFY(!child<QDoubleSpinBox>(dialog, "alertsUsdt")->isEnabled());
        // No price: refused, the message names the argument.
        QTest::mouseClick(child<QPushButton>(dialog, "alertsAdd"), Qt::LeftButton);
        QVERIFY(child<QLabel>(dialog, "alertsError")->text().contains("price"));
        QCOMPARE(child<QTableWidget>(dialog, "alertsRules")->rowCount(), 0);

        child<QDoubleSpinBox>(dialog, "alertsPrice")->setValue(100.5);
        QTest::mouseClick(child<QPushButton>(dialog, "alertsAdd"), Qt::LeftButton);
        QVERIFY(child<QLabel>(dialog, "alertsError")->text().isEmpty());
        auto *rules = child<QTableWidget>(dialog, "alertsRules");
        QCOMPARE(rules->rowCount(), 1);
        QCOMPARE(rules->item(0, 3)->text(), QString("100.5"));
        QCOMPARE(book.rules().size(), size_t(1));

        // A divergence rule too (its own kind in the form).
        kind->setCurrentIndex(kind->findData("divergence"));
        QVERIFY(child<QComboBox>(dialog, "alertsTimeframe")->isEnabled());
        QTest::mouseClick(child<QPushButton>(dialog, "alertsAdd"), Qt::LeftButton);
        QCOMPARE(rules->rowCount(), 2);
        QCOMPARE(rules->item(1, 2)->text(), QString("divergence"));

        // 100 then 101: crosses 100.5 upwards.
        const int64_t t0 = 1'723'075'200'000; // 2024-08-08 00:00 UTC
        engine.onTrade(trade(1, t0, 100));
        engine.onTrade(trade(2, t0 + 1000, 101));
        QTRY_COMPARE(child<QTableWidget>(dialog, "alertsHistory")->rowCount(), 1);
        QVERIFY(child<QTableWidget>(dialog, "alertsHistory")->item(0, 2)->text().contains("crossed price 100.5"));
        QVERIFY(tray.lastAlert().contains("BTCUSDT crossed price 100.5"));
        QCOMPARE(rules->item(0, 4)->text(), QString("fired"));

        rules->selectRow(0);
        QTest::mouseClick(child<QPushButton>(dialog, "alertsDelete"), Qt::LeftButton);
        QCOMPARE(rules->rowCount(), 1);
        QCOMPARE(book.rules().size(), size_t(1));
        QCOMPARE(child<QTableWidget>(dialog, "alertsHistory")->rowCount(), 1); // history stays
        engine.removeObserver(&book);
    }

    // The desktop wiring: File → Alerts… shows the dialog over the app's alert book, and a fired
    // alert reaches the tray.
    void desktopWiring()
    {
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir dir;
        ConfigSources src;
        src.args = {"--offline", "--port", "0", "--cache-db-path", dir.filePath("cache.sqlite")};
        QString error;
        const auto config = loadConfig(src, &error);
        QVERIFY2(config, qPrintable(error));
        Application app(*config);
        QVERIFY2(app.start(&error), qPrintable(error));
        {
            DesktopApp desktop(app, RunMode::Gui);
            desktop.start();
            QVERIFY(desktop.alertsDialog());
            QVERIFY(!desktop.alertsDialog()->isVisible());
            auto *open = desktop.window().findChild<QAction *>("actionAlerts");
            QVERIFY(open);
            open->trigger();
            QVERIFY(desktop.alertsDialog()->isVisible());
            Q_EMIT desktop.alertsDialog()->alertFired("BTCUSDT crossed dPOC");
            QCOMPARE(desktop.tray().lastAlert(), QString("BTCUSDT crossed dPOC"));
        }
        app.stop();
    }
};

QTEST_MAIN(TestGuiAlerts)
#include "test_gui_alerts.moc"
