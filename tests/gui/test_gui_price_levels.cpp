// The price chart's level labels: close levels share one tag (values in its tooltip), tags never
// overlap on the axis or in the plot, whatever the levels.
#include "views/PriceChart.h"

#include <QtTest>

using namespace co;

namespace {
PriceScene scene(std::vector<double> levels)
{
    PriceScene sc;
    for (int i = 0; i < 50; ++i) // 100 … 110
        sc.candles.push_back(Candle{int64_t(i) * 60'000, 100 + i * 0.2, 100.5 + i * 0.2, 99.5 + i * 0.2, 100.2 + i * 0.2, 1, {}});
    int n = 0;
    for (double p : levels)
        sc.levels.push_back(LevelLine{QStringLiteral("L%1").arg(n++), p, Qt::red, Qt::SolidLine});
    sc.lastPrice = 109.8;
    sc.hasLastPrice = true;
    return sc;
}

bool overlapping(const std::vector<LevelTag> &tags)
{
    for (size_t i = 0; i < tags.size(); ++i)
        for (size_t j = i + 1; j < tags.size(); ++j)
            if (tags[i].nameRect.intersects(tags[j].nameRect) ||
                (!tags[i].valueRect.isEmpty() && tags[i].valueRect.intersects(tags[j].valueRect)))
                return true;
    return false;
}
} // namespace

class TestGuiPriceLevels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void closeLevelsMerge()
    {
        // dPOC/dVAH/dVAL/pdClose-like: three levels 0.01 apart and one far away.
        const PriceScene sc = scene({105.00, 105.01, 105.02, 101.0});
        const std::vector<LevelTag> tags = layoutLevelTags(QRectF(0, 0, 800, 400), sc, {});
        QCOMPARE(tags.size(), size_t(2));
        QVERIFY(!overlapping(tags));
        const LevelTag &merged = tags[0]; // higher prices at the top
        QCOMPARE(merged.name, QString("L2 · +2")); // the top one names the tag
        QCOMPARE(merged.tooltip.split('\n').size(), 3);
        QVERIFY(merged.tooltip.contains("L2: 105.02"));
        QCOMPARE(tags[1].name, QString("L3"));
    }

    void manyLevelsNeverOverlap()
    {
        // Forty levels over the range and beyond it, on a small chart.
        std::vector<double> levels;
        for (int i = 0; i < 40; ++i)
            levels.push_back(95 + i * 0.41);
        const PriceScene sc = scene(levels);
        for (const QRectF area : {QRectF(0, 0, 800, 400), QRectF(0, 0, 300, 160), QRectF(0, 0, 1920, 1080)}) {
            const std::vector<LevelTag> tags = layoutLevelTags(area, sc, {});
            QVERIFY(!tags.empty());
            QVERIFY(!overlapping(tags));
            int listed = 0;
            for (const LevelTag &t : tags) {
                listed += int(t.tooltip.split('\n').size());
                QVERIFY(t.nameRect.top() >= area.top() && t.nameRect.bottom() <= area.bottom());
            }
            QCOMPARE(listed, 40); // every level is in some tooltip
        }
    }

    void lastPriceKeepsItsAxisRow()
    {
        const PriceScene sc = scene({109.8});
        const std::vector<LevelTag> tags = layoutLevelTags(QRectF(0, 0, 800, 400), sc, {});
        QCOMPARE(tags.size(), size_t(1));
        QVERIFY(tags[0].valueRect.isEmpty()); // the last price's tag is there; the value is in the tooltip
        QVERIFY(tags[0].tooltip.contains("109.80"));
    }
};

QTEST_MAIN(TestGuiPriceLevels)
#include "test_gui_price_levels.moc"
