// Settings: the dialog writes QSettings as Config's "saved settings" layer reads it, refuses an
// invalid configuration, says what applies at once; read-time indicator settings reach the
// views without a restart; the language follows the system unless chosen.
#include "GuiFixtures.h"
#include "app/Config.h"
#include "app/DesktopApp.h"
#include "engine/EngineRegistry.h"
#include "model/Time.h"
#include "render/FootprintScene.h"
#include "views/Language.h"
#include "views/SettingsDialog.h"
#include "views/SnapshotFeed.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace co;
using namespace co::test;

namespace {
Config configFrom(QSettings *store, const QStringList &args = {})
{
    ConfigSources src;
    src.args = args;
    src.settings = store;
    QString error;
    auto c = loadConfig(src, &error);
    if (!c)
        qFatal("config: %s", qPrintable(error));
    return *c;
}

template <typename W>
W *editor(QDialog &d, const QString &name)
{
    auto *w = d.findChild<W *>("setting_" + name);
    if (!w)
        qFatal("no editor setting_%s", qPrintable(name));
    return w;
}
} // namespace

class TestGuiSettings : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    QString iniPath() const { return dir_.filePath("settings.ini"); }

private Q_SLOTS:
    void roundTripThroughConfig()
    {
        QSettings store(iniPath(), QSettings::IniFormat);
        store.clear();
        const Config before = configFrom(&store);
        {
            SettingsDialog d(DesktopApp::settingFields(before, store), store, &DesktopApp::validateSettings);
            QCOMPARE(editor<QSpinBox>(d, "PORT")->value(), 8022);
            editor<QSpinBox>(d, "PORT")->setValue(9000);
            editor<QDoubleSpinBox>(d, "VALUE_AREA_PERCENT")->setValue(68.5);
            editor<QLineEdit>(d, "SYMBOLS")->setText("btcusdt, solusdt");
            auto *method = editor<QComboBox>(d, "VALUE_AREA_METHOD");
            method->setCurrentIndex(method->findData("single"));
            editor<QLineEdit>(d, "API_TOKEN")->setText("s3cret");
            editor<QSpinBox>(d, "IMBALANCE_CONSECUTIVE_COUNT")->setValue(4);
            editor<QLineEdit>(d, "HTTPS_PROXY")->setText("http://127.0.0.1:7890");
            auto *lang = editor<QComboBox>(d, "language");
            lang->setCurrentIndex(lang->findData("zh_CN"));
            QVERIFY(d.save());
            const QStringList live = d.changedLive();
            // Read-time indicators, the server's address and token, and the language apply at once.
            QCOMPARE(QSet<QString>(live.begin(), live.end()),
                     (QSet<QString>{"VALUE_AREA_PERCENT", "VALUE_AREA_METHOD", "IMBALANCE_CONSECUTIVE_COUNT", "PORT",
                                    "API_TOKEN", kLanguageKey}));
            const QStringList restart = d.changedRestart();
            QCOMPARE(QSet<QString>(restart.begin(), restart.end()), (QSet<QString>{"SYMBOLS", "HTTPS_PROXY"}));
            QVERIFY(d.findChild<QLabel *>("settingHelp_PORT")->text().contains("the server restarts"));
            QVERIFY(d.findChild<QLabel *>("settingHelp_SYMBOLS")->text().contains("after a restart"));
        }
        // Only what changed is saved, under the variables' own names.
        QCOMPARE(store.value("PORT").toString(), QString("9000"));
        QCOMPARE(store.value("SYMBOLS").toString(), QString("BTCUSDT,SOLUSDT"));
        QCOMPARE(store.value("API_TOKEN").toString(), QString("s3cret"));
        QCOMPARE(store.value("HTTPS_PROXY").toString(), QString("http://127.0.0.1:7890"));
        QCOMPARE(store.value(kLanguageKey).toString(), QString("zh_CN"));
        QVERIFY(!store.contains("HOST"));
        QVERIFY(!store.contains("TRADE_CACHE_DAYS"));

        const Config after = configFrom(&store);
        QCOMPARE(after.port, 9000);
        QCOMPARE(after.symbols, (QStringList{"BTCUSDT", "SOLUSDT"}));
        QCOMPARE(after.apiToken, QString("s3cret"));
        QCOMPARE(after.engine.valueAreaBp, 6850);
        QCOMPARE(after.engine.valueAreaMethod, VaMethod::Single);
        QCOMPARE(after.engine.imbalance.consecutive, 4);
        QCOMPARE(after.origin.value("PORT"), QString("settings"));

        // Reopened, the dialog shows the saved values; the default again removes the key.
        SettingsDialog again(DesktopApp::settingFields(after, store), store, &DesktopApp::validateSettings);
        QCOMPARE(editor<QSpinBox>(again, "PORT")->value(), 9000);
        QCOMPARE(editor<QDoubleSpinBox>(again, "VALUE_AREA_PERCENT")->value(), 68.5);
        QCOMPARE(editor<QComboBox>(again, "VALUE_AREA_METHOD")->currentData().toString(), QString("single"));
        QCOMPARE(editor<QComboBox>(again, "language")->currentData().toString(), QString("zh_CN"));
        editor<QSpinBox>(again, "PORT")->setValue(8022);
        QVERIFY(again.save());
        QVERIFY(!store.contains("PORT"));
        QCOMPARE(configFrom(&store).port, 8022);
    }

    void refusesInvalidConfiguration()
    {
        QSettings store(iniPath(), QSettings::IniFormat);
        store.clear();
        SettingsDialog d(DesktopApp::settingFields(configFrom(&store), store), store, &DesktopApp::validateSettings);
        editor<QLineEdit>(d, "HOST")->setText("0.0.0.0"); // off loopback without a token
        QVERIFY(!d.save());
        auto *error = d.findChild<QLabel *>("settingsError");
        QVERIFY(error->isVisibleTo(&d));
        QVERIFY2(error->text().contains("API_TOKEN"), qPrintable(error->text()));
        QVERIFY(!store.contains("HOST"));
        editor<QLineEdit>(d, "API_TOKEN")->setText("t");
        editor<QLineEdit>(d, "SYMBOLS")->setText(" , ");
        QVERIFY(!d.save()); // no symbol left
        editor<QLineEdit>(d, "SYMBOLS")->setText("ETHUSDT");
        editor<QLineEdit>(d, "HTTPS_PROXY")->setText("ftp://proxy");
        QVERIFY(!d.save());
        editor<QLineEdit>(d, "HTTPS_PROXY")->setText("socks5://127.0.0.1:1080");
        QVERIFY(d.save());
        QCOMPARE(store.value("HOST").toString(), QString("0.0.0.0"));
    }

    void commandLineStillWins()
    {
        QSettings store(iniPath(), QSettings::IniFormat);
        store.clear();
        store.setValue("PORT", "9100");
        const Config c = configFrom(&store, {"--port", "9200"});
        const auto fields = DesktopApp::settingFields(c, store);
        const auto port = std::find_if(fields.begin(), fields.end(), [](const SettingField &f) { return f.name == "PORT"; });
        QCOMPARE(port->origin, QString("cli"));
        SettingsDialog d(fields, store, &DesktopApp::validateSettings);
        QVERIFY(d.findChild<QLabel *>("settingHelp_PORT")->text().contains("command line"));
        QCOMPARE(DesktopApp::effectiveValues(c, store).value("PORT"), QString("9200"));
        store.setValue("VALUE_AREA_PERCENT", "80");
        QCOMPARE(DesktopApp::effectiveValues(c, store).value("VALUE_AREA_PERCENT"), QString("80"));
    }

    void readTimeSettingsApplyWithoutRestart()
    {
        EngineRegistry registry;
        MarketEngine &e = registry.engine(btcInfo());
        int64_t id = 1;
        addWorkedExampleB(e, daysFromCivil({2024, 7, 19}) * kMsPerDay, id);
        registry.publishAll();
        SnapshotFeed feed(registry);
        QSignalSpy changed(&feed, &SnapshotFeed::snapshotChanged);
        feed.setSymbol("BTCUSDT");
        QCOMPARE(changed.size(), 1);
        QCOMPARE(buildFootprintScene(*feed.current(), Timeframe::M5, 1, 0, 1).bars[0].buyImbalances.size(), size_t(4));
        feed.poll();
        QCOMPARE(changed.size(), 1); // same seq: nothing to repaint

        // Ratio 10: by hand, 12 < 10×3, 30 < 10×6, 24 < 10×7, 24 < 10×8 and 20 < 10×5: none left.
        EngineConfig c = registry.config();
        c.imbalance.ratio = 10 * 100'000'000LL;
        feed.setReadTimeSettings(c);
        QCOMPARE(changed.size(), 2);
        const FootprintScene sc = buildFootprintScene(*feed.current(), Timeframe::M5, 1, 0, 1);
        QVERIFY(sc.bars[0].buyImbalances.empty());
        QVERIFY(sc.bars[0].sellImbalances.empty());
        QVERIFY(sc.bars[0].stacked.empty());
    }

    // The trade cache's size on disk and the days it holds: a read-only line on TRADE_CACHE_DAYS's
    // tab, never a saved setting.
    void cacheUsageShownReadOnly()
    {
        QSettings store(iniPath(), QSettings::IniFormat);
        store.clear();
        SettingsDialog d(DesktopApp::settingFields(configFrom(&store), store), store, &DesktopApp::validateSettings);
        auto *usage = d.findChild<QLabel *>("settingsCacheUsage");
        QVERIFY(usage);
        QVERIFY(!(usage->textInteractionFlags() & Qt::TextEditable));
        // On the same tab as the TRADE_CACHE_DAYS editor.
        QWidget *days = editor<QSpinBox>(d, "TRADE_CACHE_DAYS");
        QCOMPARE(usage->parentWidget(), days->parentWidget()->parentWidget());
        d.setCacheUsage({1'500'000'000, 30, "2024-07-01", "2024-07-30"});
        QVERIFY2(usage->text().contains("days held: 30") && usage->text().contains("2024-07-01") &&
                     usage->text().contains("2024-07-30") && usage->text().contains("1.4") /* 1.5e9 B = 1.4 GiB */,
                 qPrintable(usage->text()));
        d.setCacheUsage({});
        QVERIFY(usage->text().contains("no trade cache"));
        QVERIFY(!d.values().contains("settingsCacheUsage"));
        QVERIFY(d.save());
        QVERIFY(store.allKeys().isEmpty()); // nothing of it saved
    }

    void languageFollowsSystemUnlessChosen()
    {
        QCOMPARE(resolveLanguage("", QLocale(QLocale::Chinese, QLocale::China)), QString("zh_CN"));
        QCOMPARE(resolveLanguage("", QLocale(QLocale::English, QLocale::UnitedStates)), QString("en"));
        QCOMPARE(resolveLanguage("en", QLocale(QLocale::Chinese, QLocale::China)), QString("en"));
        QCOMPARE(resolveLanguage("zh_CN", QLocale(QLocale::German, QLocale::Germany)), QString("zh_CN"));
        QVERIFY(installTranslations(*QCoreApplication::instance(), "zh_CN"));
        QCOMPARE(QCoreApplication::translate("co::MainWindow", "Liquidations"), QString("爆仓"));
        QCOMPARE(QCoreApplication::translate("Settings", "Value area %"), QString("价值区 %"));
    }
};

QTEST_MAIN(TestGuiSettings)
#include "test_gui_settings.moc"
