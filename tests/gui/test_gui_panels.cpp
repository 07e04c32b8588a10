// Panels fed from hand-made engine data: liquidations table filters and running totals, the
// status bar's streams / REST weight / server URL, and the session volume profile.
#include "GuiFixtures.h"
#include "model/Time.h"
#include "views/Language.h"
#include "views/LiquidationTable.h"
#include "views/ProfileView.h"
#include "views/StatusPanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

using namespace co;
using namespace co::test;

namespace {
const int64_t kDay = daysFromCivil({2024, 7, 19}) * kMsPerDay;

Liquidation liq(int64_t ms, Side side, double avg, double qty)
{
    Liquidation l;
    l.eventMs = l.tradeMs = ms;
    l.side = side;
    l.price = l.avgPrice = std::llround(avg * 10) * 10'000'000;
    l.origQty = l.filledQty = l.lastFilledQty = std::llround(qty * 1000) * 100'000;
    return l;
}
} // namespace

class TestGuiPanels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { installTranslations(*QCoreApplication::instance(), "en"); }

    void liquidationsFilterAndTotals()
    {
        MarketEngine e(btcInfo(), {});
        int64_t id = 1;
        addTrades(e, kDay + 1000, {{100.0, 1, true}}, id);
        e.onLiquidation(liq(kDay + 2000, Side::Sell, 100.0, 2));  // long liquidated, 200 USDT
        e.onLiquidation(liq(kDay + 3000, Side::Buy, 101.0, 1));   // short liquidated, 101 USDT
        e.onLiquidation(liq(kDay + 4000, Side::Sell, 99.0, 10));  // long liquidated, 990 USDT
        LiquidationTable table;
        table.show();
        table.setSnapshot(e.publish());
        auto *view = table.findChild<QTableView *>("liquidationView");
        auto *totals = table.findChild<QLabel *>("liquidationTotals");
        QCOMPARE(view->model()->rowCount(), 3);
        QCOMPARE(view->model()->index(0, LiquidationModel::Notional).data().toString(), QString("990")); // newest first
        QCOMPARE(view->model()->index(0, LiquidationModel::Side).data().toString(), QString("Long liquidated"));
        QCOMPARE(view->model()->index(1, LiquidationModel::Price).data().toString(), QString("101.0"));
        QVERIFY2(totals->text().startsWith("Shown: 3 orders · longs 1190 · shorts 101 USDT"), qPrintable(totals->text()));
        QVERIFY(totals->text().contains("24 h: 3 orders"));

        table.findChild<QComboBox *>("liquidationSide")->setCurrentIndex(1); // longs only
        QCOMPARE(view->model()->rowCount(), 2);
        QVERIFY(totals->text().startsWith("Shown: 2 orders · longs 1190 · shorts 0 USDT"));
        table.findChild<QDoubleSpinBox *>("liquidationMinNotional")->setValue(500);
        QCOMPARE(view->model()->rowCount(), 1);
        QVERIFY(totals->text().startsWith("Shown: 1 order · longs 990 · shorts 0 USDT"));
        table.findChild<QComboBox *>("liquidationSide")->setCurrentIndex(2); // shorts only
        QCOMPARE(view->model()->rowCount(), 0);
    }

    void statusShowsStreamsWeightAndServer()
    {
        StatusPanel panel;
        panel.setServerUrl("http://127.0.0.1:8022/mcp");
        panel.setFallbackSource("offline");
        ServiceStatus::Services all;
        BinanceStatus binance;
        binance.state = BinanceStatus::State::Reconnecting;
        binance.marketStream = StreamStatus{"market", true, 10, 1, 0, 5, 0, 0, ""};
        binance.publicStream = StreamStatus{"public", false, -1, 0, 0, 0, 0, 0, ""};
        binance.rest.usedWeight = 120;
        binance.rest.weightLimit = 2400;
        all.binance = binance;
        all.server = ServerStatus{true, "0.0.0.0", 9000, ""};
        all.storage = StorageStatus{};
        all.storage->state = StorageStatus::State::Restoring;
        panel.showStatus(all, nullptr, 0);
        const QString text = panel.connectionText();
        QVERIFY2(text.contains("binance/market: connected") && text.contains("binance/public: disconnected") &&
                     text.contains("storage: restoring") && text.contains("server: ok"),
                 qPrintable(text));
        QVERIFY(!text.contains("offline")); // a binance status exists
        const QString tip = panel.findChild<QLabel *>("statusConnections")->toolTip();
        QVERIFY2(tip.contains("binance: reconnecting, REST weight 120/2400") && tip.contains("/public: disconnected"),
                 qPrintable(tip));
        QCOMPARE(panel.findChild<QLabel *>("statusWeight")->text(), QString("REST weight 120 / 2400"));
        QCOMPARE(panel.findChild<QLabel *>("statusLag")->text(), QString("no data yet"));
        QCOMPARE(panel.serverUrl(), QString("http://127.0.0.1:9000/mcp")); // wildcard bind → loopback
        QCOMPARE(panel.findChild<QToolButton *>("statusServerUrl")->text(), QString("MCP http://127.0.0.1:9000/mcp"));

        all = {};
        all.server = ServerStatus{}; // stopped on request
        panel.showStatus(all, nullptr, 0);
        QVERIFY(panel.connectionText().contains("Binance: offline"));
        QVERIFY(panel.findChild<QLabel *>("statusWeight")->isHidden());
        QCOMPARE(panel.findChild<QToolButton *>("statusServerUrl")->text(), QString("MCP server off"));
    }

    void sessionProfile()
    {
        // Tokyo 00:00-09:00 UTC. By hand: 100.0 ×5 (buy 3, sell 2), 100.1 ×1, 100.2 ×4 → POC 100.0;
        // the London-only trade at 10:00 is not in it.
        MarketEngine e(btcInfo(), {});
        int64_t id = 1;
        addTrades(e, kDay + kMsPerHour, {{100.0, 3, true}, {100.0, 2, false}, {100.1, 1, true}}, id);
        addTrades(e, kDay + 8 * kMsPerHour + 59 * kMsPerMinute, {{100.2, 4, false}}, id);
        addTrades(e, kDay + 10 * kMsPerHour, {{105.0, 50, true}}, id);
        const SnapshotPtr s = e.publish();
        const auto choices = profileChoices(*s);
        const auto tokyo = std::find_if(choices.begin(), choices.end(), [&](const ProfileChoice &c) {
            return c.kind == ProfileChoice::Session && s->todaySessions[c.session].name == "tokyo";
        });
        QVERIFY(tokyo != choices.end());
        const ProfileScene sc = buildProfileScene(*s, *tokyo, 1);
        QCOMPARE(sc.rows.size(), size_t(3));
        QCOMPARE(sc.rows.front().price, 100.2); // highest first
        QCOMPARE(sc.rows.back().buy, 3.0);
        QCOMPARE(sc.rows.back().sell, 2.0);
        QCOMPARE(sc.volume, 10.0);
        QCOMPARE(*sc.poc, 100.0);
        // The day profile holds the 10:00 trade too; merged to at most 4 rows it groups ×20 ticks (2.0).
        const ProfileScene day = buildProfileScene(*s, choices.front(), 1, 4);
        QCOMPARE(day.rowStep, 2.0);
        QCOMPARE(day.volume, 60.0);
        QCOMPARE(*day.poc, 104.0);
    }
};

QTEST_MAIN(TestGuiPanels)
#include "test_gui_panels.moc"
