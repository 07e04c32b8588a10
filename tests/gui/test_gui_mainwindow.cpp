// The main window on a replayed day (hftbacktest BTCUSDT 2024-07-18 23:57 → 07-19 00:05):
// every panel gets data, pickers and status bar work, and a screenshot is kept as an artifact.
#include "GuiFixtures.h"
#include "app/Application.h"
#include "app/DesktopApp.h"
#include "server/HttpServer.h"
#include "support/SharedData.h"
#include "views/CvdChart.h"
#include "views/HeatmapView.h"
#include "views/DepthDeltaChart.h"
#include "views/FootprintView.h"
#include "views/LiquidationTable.h"
#include "views/MainWindow.h"
#include "views/PriceChartView.h"
#include "views/ProfileView.h"
#include "views/SnapshotFeed.h"
#include "views/TaskProgress.h"

#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineSeries>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace co;
using namespace co::test;

class TestGuiMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<Application> app_;
    std::unique_ptr<DesktopApp> desktop_;

    MainWindow &window() { return desktop_->window(); }
    template <typename T>
    T *find(const char *name)
    {
        auto *w = window().findChild<T *>(name);
        if (!w)
            qFatal("no widget %s", name);
        return w;
    }
    void raise(const char *dock)
    {
        find<QDockWidget>(dock)->raise();
        QCoreApplication::processEvents();
    }

private Q_SLOTS:
    void initTestCase()
    {
        CO_REQUIRE_SHARED_FILE(day1, "hftbacktest/btcusdt_20240718.gz");
        CO_REQUIRE_SHARED_FILE(day2, "hftbacktest/btcusdt_20240719.gz");
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        ConfigSources src;
        src.args = {"--offline", "--port", "0", "--cache-db-path", dir_.filePath("cache.sqlite"), "--replay", day1, day2};
        QString error;
        const auto config = loadConfig(src, &error);
        QVERIFY2(config, qPrintable(error));
        app_ = std::make_unique<Application>(*config);
        QSignalSpy done(app_.get(), &Application::replayDone);
        QVERIFY2(app_->start(&error), qPrintable(error));
        desktop_ = std::make_unique<DesktopApp>(*app_, RunMode::Gui);
        window().resize(1600, 1000);
        desktop_->start();
        QVERIFY(QTest::qWaitForWindowExposed(&window()));
        QVERIFY(find<TaskProgress>("taskProgress")->isVisible()); // replay progress with Cancel
        QVERIFY(done.wait(120'000));
        QVERIFY(done.at(0).at(0).toBool());
        // The last batch is published; the feed picks it up on its next poll.
        QTRY_VERIFY_WITH_TIMEOUT(window().feed().current() && window().feed().current()->lastTradeId == 5182016437, 5000);
    }

    void cleanupTestCase()
    {
        desktop_.reset();
        if (app_)
            app_->stop();
    }

    void pickersAndFootprint()
    {
        // Replayed symbol chosen although ETHUSDT is configured first? BTCUSDT is first too.
        QCOMPARE(find<QComboBox>("symbolPicker")->currentText(), QString("BTCUSDT"));
        window().setTimeframe(Timeframe::M1);
        QCOMPARE(find<QComboBox>("timeframePicker")->currentText(), QString("1m"));
        auto *fp = find<FootprintView>("footprintView");
        const FootprintScene &sc = fp->scene();
        // 23:57 … 00:05 in 1-minute bars: 3 bars on the 18th, 6 on the 19th (00:00 … 00:05).
        QCOMPARE(sc.timelineSize, size_t(9));
        QCOMPARE(sc.todayStart, size_t(3));
        QCOMPARE(sc.rowStep, 0.1);
        window().setGroupingMultiplier(5);
        QCOMPARE(fp->scene().rowStep, 0.5);
        QVERIFY(find<QComboBox>("groupingPicker")->currentText().startsWith("5× (0.5)"));
        window().setGroupingMultiplier(1);
    }

    void panelsHaveData()
    {
        auto *price = find<PriceChartView>("priceChart");
        QCOMPARE(price->scene().candles.size(), size_t(9));
        QVERIFY(!price->scene().levels.empty()); // prior-day levels and dPOC/dVAH/dVAL at least
        raise("profileDock");
        auto *profile = find<ProfileView>("profileView");
        QVERIFY(!profile->scene().rows.empty());
        QVERIFY(profile->scene().poc && profile->scene().vah && profile->scene().val);
        raise("cvdDock");
        QCOMPARE(find<CvdChart>("cvdChart")->cvdSeries()->count(), 3 + 1 + 6 + 1); // one start point per day
        raise("depthDock");
        QVERIFY(find<DepthDeltaChart>("depthDeltaChart")->bidSeries()->count() > 100); // one sample a second
        raise("liquidationsDock");
        QVERIFY(find<QLabel>("liquidationTotals")->text().contains("No liquidations"));
        raise("levelsDock");
        QVERIFY(find<QTableWidget>("levelsTable")->rowCount() > 5);
        QVERIFY(find<QLabel>("dataQuality")->text().contains("replay"));
        raise("heatmapDock");
        const HeatmapScene &heat = find<HeatmapView>("heatmapView")->scene();
        QVERIFY2(heat.cols > 100, qPrintable(QString::number(heat.cols))); // a frame a second of the replayed book
        QVERIFY(heat.maxQty > 0 && !heat.trades.empty());
        raise("cvdDock");
        raise("profileDock");
    }

    void statusBar()
    {
        QTRY_VERIFY(find<QLabel>("statusConnections")->text().contains("replay"));
        QTRY_VERIFY(find<QLabel>("statusLag")->text().contains("2024-07-19 00:05"));
        auto *url = find<QToolButton>("statusServerUrl");
        QTRY_VERIFY(url->text().contains(QString("http://127.0.0.1:%1/mcp").arg(app_->server()->port())));
        url->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), QString("http://127.0.0.1:%1/mcp").arg(app_->server()->port()));
    }

    void screenshot()
    {
        window().setTimeframe(Timeframe::M1);
        find<FootprintView>("footprintView")->followLatest();
        QTest::qWait(300);
        const QImage shot = window().grab().toImage();
        QCOMPARE(shot.size(), QSize(1600, 1000));
        qInfo() << "screenshot:" << saveArtifact(shot, "mainwindow.png");
        raise("depthDock");
        QTest::qWait(100);
        saveArtifact(window().grab().toImage(), "mainwindow_depth.png");
        raise("cvdDock");
    }

    void stateIsSaved()
    {
        window().setTimeframe(Timeframe::M15);
        window().saveState();
        QSettings s;
        QCOMPARE(s.value("gui/timeframe").toInt(), int(Timeframe::M15));
        QCOMPARE(s.value("gui/symbol").toString(), QString("BTCUSDT"));
        QVERIFY(!s.value("gui/windowState").toByteArray().isEmpty());
    }
};

QTEST_MAIN(TestGuiMainWindow)
#include "test_gui_mainwindow.moc"
