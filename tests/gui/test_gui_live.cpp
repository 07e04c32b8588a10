// The running desktop app: the cache restore and today's backfill (against a fake Binance) can be
// cancelled from the status bar (live data continues, the status says cancelled); the language switches without a restart; indicator
// settings reach the engines and the server moves to a new port without a restart.
#include "app/Application.h"
#include "app/DesktopApp.h"
#include "app/ImportCommand.h"
#include "pipeline/EngineThread.h"
#include "cache/ImportRun.h"
#include "cache/StorageService.h"
#include "model/Time.h"
#include "server/HttpServer.h"
#include "support/ArchiveFiles.h"
#include "support/FakeBinance.h"
#include "support/SharedData.h"
#include "views/DepthDeltaChart.h"
#include "views/Language.h"
#include "views/MainWindow.h"
#include "views/SettingsDialog.h"
#include "views/StatusPanel.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QLineSeries>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

using namespace co;
using namespace co::test;

class TestGuiLive : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QList<Row> day_;

    static Config load(const QStringList &args, QSettings *store = nullptr)
    {
        ConfigSources src;
        src.args = args;
        src.settings = store;
        QString error;
        const auto c = loadConfig(src, &error);
        if (!c)
            qFatal("config: %s", qPrintable(error));
        return *c;
    }
    static quint16 freePort()
    {
        QTcpServer s;
        s.listen(QHostAddress::LocalHost, 0);
        return s.serverPort();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void restoreCancelLetsLiveDataContinue()
    {
        CO_REQUIRE_SHARED_FILE(rec, "hftbacktest/btcusdt_20240808.gz");
        day_ = recordedTrades(rec);
        const QString cache = dir_.filePath("restore.sqlite");
        const QString zip = dir_.filePath("BTCUSDT-aggTrades-2024-08-08.zip");
        QVERIFY(writeFile(zip, zipOf("BTCUSDT-aggTrades-2024-08-08.csv", csv(day_, true))));
        const Config config = load({"--offline", "--port", "0", "--cache-db-path", cache, "--symbols", "BTCUSDT"});
        ImportOptions o;
        o.files = {zip};
        QCOMPARE(ImportRun(o, importSettingsFrom(config)).run({}).imported, 1);

        Application app(config);
        // The engine thread is held back, so the restore (which waits for it) is still running
        // when the status bar offers Cancel.
        std::atomic<bool> release{false};
        app.engines().post(std::function<void(MarketFeed &)>([&release](MarketFeed &) {
            while (!release)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }));
        QString error;
        QVERIFY2(app.start(&error), qPrintable(error));
        QSignalSpy restored(app.storage(), &StorageService::restored);
        DesktopApp desktop(app, RunMode::Gui);
        desktop.start();
        auto *cancel = desktop.window().findChild<QPushButton *>("taskCancel");
        auto *label = desktop.window().findChild<QLabel *>("taskLabel");
        QTRY_VERIFY_WITH_TIMEOUT(cancel->isVisible(), 5000);
        QCOMPARE(label->text(), QString("Restoring cached trades"));
        QCOMPARE(app.status().storage()->state, StorageStatus::State::Restoring);
        cancel->click();
        release = true;
        QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 1, 10'000);
        QCOMPARE(app.status().storage()->state, StorageStatus::State::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(label->text().startsWith("Restore cancelled: live data continues"), 5000);
        QVERIFY(!cancel->isVisible());

        // Live data continues: a newer trade is taken by the engine.
        Trade t;
        t.id = day_.last().id + 1;
        t.timeMs = day_.last().time + 1000;
        t.price = units(day_.last().price);
        t.qty = units(day_.last().qty);
        MarketEvent e;
        e.symbol = SymbolName("BTCUSDT");
        e.payload = t;
        app.engines().post(e);
        app.engines().flush();
        QCOMPARE(app.registry().snapshot("BTCUSDT")->lastTradeId, t.id);
    }

    // Today's backfill in the status bar has Cancel; it reaches the live session, live trades go
    // on, the status says cancelled and the data quality holds the skipped span.
    void backfillCancelLetsLiveDataContinue()
    {
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        if (now - floorDiv(now, kMsPerDay) * kMsPerDay < 150'000)
            QSKIP("within minutes after midnight UTC: no part of today to backfill");
        FakeSymbolData d;
        d.symbol = "BTCUSDT";
        d.trades = syntheticTrades(3, 30'000, 9'000'000, now - 100'000, 10); // 100 s before start-up, 200 s after
        FakeBinance fake;
        QVERIFY(fake.listen());
        fake.addSymbol(d);
        fake.skipFor(100'000);
        fake.faults().restDelayMs = 1500; // a slow first page: the backfill is still running at the click
        const Config config = load({"--port", "0", "--cache-db-path", dir_.filePath("backfill.sqlite"), "--symbols",
                                    "BTCUSDT", "--binance-rest-url", fake.restUrl(), "--binance-ws-url", fake.wsUrl()});
        Application app(config);
        QString error;
        QVERIFY2(app.start(&error), qPrintable(error));
        QVERIFY(app.live());
        DesktopApp desktop(app, RunMode::Gui);
        desktop.start();
        fake.play(1, 10);
        auto *cancel = desktop.window().findChild<QPushButton *>("taskCancel");
        auto *label = desktop.window().findChild<QLabel *>("taskLabel");
        QTRY_VERIFY_WITH_TIMEOUT(label->text().startsWith("Backfilling today's trades: BTCUSDT") && cancel->isVisible(),
                                 15'000);
        cancel->click();
        QTRY_VERIFY_WITH_TIMEOUT(label->text().startsWith("Backfill cancelled: live data continues"), 10'000);
        QVERIFY(!cancel->isVisible());
        const BackfillStatus backfill = app.status().binance().value().symbols.at("BTCUSDT").backfill;
        QVERIFY(backfill.cancelled);
        QVERIFY(!backfill.active);

        // Live trades keep coming, and dataQuality names the skipped span.
        auto gapReason = [&app] {
            const SnapshotPtr s = app.registry().snapshot("BTCUSDT");
            return s && !s->quality.gaps.empty() ? QString::fromStdString(s->quality.gaps.front().reason) : QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(gapReason(), QString("backfill_cancelled"), 10'000);
        const int64_t seen = app.registry().snapshot("BTCUSDT")->lastTradeId;
        QTRY_VERIFY_WITH_TIMEOUT(app.registry().snapshot("BTCUSDT")->lastTradeId > seen + 50, 10'000);
        const Gap g = app.registry().snapshot("BTCUSDT")->quality.gaps.front();
        QVERIFY(g.fromMs <= now - 60'000); // from the start of the day (or the last history page, if one came)
        QVERIFY(g.toMs >= now - 1'000);     // to the first live trade
        QCOMPARE(app.registry().snapshot("BTCUSDT")->quality.gaps.size(), size_t(1));
    }

    void languageSwitchesLive()
    {
        QSettings store;
        store.clear();
        const Config config = load({"--offline", "--port", "0", "--cache-db-path", dir_.filePath("lang.sqlite")});
        Application app(config);
        QString error;
        QVERIFY2(app.start(&error), qPrintable(error));
        DesktopApp desktop(app, RunMode::Gui);
        desktop.start();
        auto *dock = desktop.window().findChild<QDockWidget *>("liquidationsDock");
        auto *import = desktop.window().findChild<QAction *>("actionImportArchive");
        auto *levels = desktop.window().findChild<QTableWidget *>("levelsTable");
        QCOMPARE(dock->windowTitle(), QString("Liquidations"));
        QCOMPARE(import->text(), QString("&Import archive…"));

        store.setValue(kLanguageKey, "zh_CN");
        QCOMPARE(desktop.applySavedSettings({kLanguageKey}, {}), QString());
        QTRY_COMPARE(dock->windowTitle(), QString("爆仓"));
        QCOMPARE(import->text(), QString("导入历史数据(&I)…"));
        QCOMPARE(levels->horizontalHeaderItem(0)->text(), QCoreApplication::translate("co::LevelsPanel", "Level"));
        QVERIFY(levels->horizontalHeaderItem(0)->text() != QString("Level"));
        // Panels' texts set once at construction follow too.
        auto *side = desktop.window().findChild<QComboBox *>("liquidationSide");
        QCOMPARE(side->itemText(1), QCoreApplication::translate("co::LiquidationTable", "Longs liquidated"));
        QVERIFY(side->itemText(1) != QString("Longs liquidated"));
        auto *depth = desktop.window().findChild<DepthDeltaChart *>("depthDeltaChart");
        QVERIFY(depth);
        QCOMPARE(depth->bidSeries()->name(), QCoreApplication::translate("co::DepthDeltaChart", "Bids"));
        QVERIFY(depth->bidSeries()->name() != QString("Bids"));

        store.setValue(kLanguageKey, "en");
        desktop.applySavedSettings({kLanguageKey}, {});
        QTRY_COMPARE(dock->windowTitle(), QString("Liquidations"));
        store.remove(kLanguageKey);
    }

    void settingsApplyToEnginesAndServerLive()
    {
        installTranslations(*QCoreApplication::instance(), "en");
        QSettings store;
        store.clear();
        store.setValue("PORT", "0");
        store.setValue("CACHE_DB_PATH", dir_.filePath("live.sqlite"));
        const Config config = load({"--offline"}, &store);
        Application app(config);
        QString error;
        QVERIFY2(app.start(&error), qPrintable(error));
        DesktopApp desktop(app, RunMode::Gui);
        // An engine to reconfigure.
        Trade t;
        t.id = 1;
        t.timeMs = 1'723'075'200'000;
        t.price = 6'000'000'000'000;
        t.qty = 1'000'000;
        MarketEvent e;
        e.symbol = SymbolName("BTCUSDT");
        e.payload = t;
        app.engines().post(e);
        app.engines().flush();
        QCOMPARE(app.registry().snapshot("BTCUSDT")->config.imbalance.ratio, 300'000'000);

        const quint16 port = freePort();
        QVERIFY(port);
        store.setValue("IMBALANCE_RATIO_THRESHOLD", "5");
        store.setValue("PORT", QString::number(port));
        store.setValue("SYMBOLS", "BTCUSDT,SOLUSDT");
        const QString note = desktop.applySavedSettings({"IMBALANCE_RATIO_THRESHOLD", "PORT"}, {"SYMBOLS"});
        QVERIFY2(note.contains("after a restart: Symbols"), qPrintable(note));
        QVERIFY2(!note.contains("could not"), qPrintable(note));
        app.engines().flush();
        QCOMPARE(app.registry().snapshot("BTCUSDT")->config.imbalance.ratio, 500'000'000);
        QCOMPARE(app.server()->port(), port);
        QCOMPARE(app.config().port, int(port));
        QVERIFY(desktop.window().statusPanel()->serverUrl().endsWith(QStringLiteral(":%1/mcp").arg(port)));

        // A port taken by another program: said so, the server stays where it was.
        QTcpServer other;
        QVERIFY(other.listen(QHostAddress::LocalHost, 0));
        store.setValue("PORT", QString::number(other.serverPort()));
        const QString refused = desktop.applySavedSettings({"PORT"}, {});
        QVERIFY2(refused.contains("could not move to the new address"), qPrintable(refused));
        QCOMPARE(app.server()->port(), port);
        QCOMPARE(app.config().port, int(port));
        store.clear();
    }
};

QTEST_MAIN(TestGuiLive)
#include "test_gui_live.moc"
