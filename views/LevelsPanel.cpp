#include "views/LevelsPanel.h"

#include "engine/KeyLevels.h"
#include "render/Format.h"
#include "views/PriceChart.h"
#include "render/Theme.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace co {

LevelsPanel::LevelsPanel(QWidget *parent)
    : QWidget(parent), summary_(new QLabel(this)), table_(new QTableWidget(0, 3, this)), quality_(new QLabel(this))
{
    setObjectName("levelsPanel");
    table_->setObjectName("levelsTable");
    summary_->setObjectName("levelsSummary");
    quality_->setObjectName("dataQuality");
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    summary_->setWordWrap(true);
    quality_->setWordWrap(true);
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(2, 2, 2, 2);
    lay->addWidget(summary_);
    lay->addWidget(table_, 1);
    lay->addWidget(quality_);
    changeEvent(nullptr);
}

void LevelsPanel::changeEvent(QEvent *e)
{
    if (e)
        QWidget::changeEvent(e);
    if (!e || e->type() == QEvent::LanguageChange) {
        table_->setHorizontalHeaderLabels({tr("Level"), tr("Price"), tr("From last")});
        dirty_ = true;
        if (e)
            refresh();
    }
}

void LevelsPanel::setSnapshot(const SnapshotPtr &s)
{
    snap_ = s;
    dirty_ = true;
    if (isVisible())
        refresh();
}

void LevelsPanel::showEvent(QShowEvent *) { refresh(); }

void LevelsPanel::refresh()
{
    if (!dirty_)
        return;
    dirty_ = false;
    if (!snap_ || !snap_->today) {
        summary_->setText(tr("Waiting for trades"));
        table_->setRowCount(0);
        quality_->clear();
        return;
    }
    const KeyLevels k = buildKeyLevels(*snap_, {});
    const int d = decimalsFor(k.tickSize);
    const double last = snap_->hasTrade ? double(snap_->lastPrice) / 1e8 : 0;
    struct Row {
        QString name;
        double price;
        QColor colour;
    };
    std::vector<Row> rows;
    auto add = [&](const QString &name, const std::optional<double> &v, const QColor &c) {
        if (v)
            rows.push_back({name, *v, c});
    };
    using namespace theme;
    add(tr("Day high"), k.high, kText);
    add(tr("Day low"), k.low, kText);
    add(tr("Day open"), k.open, kText);
    add(tr("dVWAP"), k.dVWAP, kVwap);
    if (k.bands) {
        for (int i : {2, 1, -1, -2})
            rows.push_back({tr("dVWAP %1%2σ").arg(i > 0 ? "+" : "−").arg(std::abs(i)), k.bands->vwap + i * k.bands->sigma, kVwap});
    }
    add(tr("dPOC"), k.dPOC, kPoc);
    add(tr("dVAH"), k.dVAH, kPoc);
    add(tr("dVAL"), k.dVAL, kPoc);
    add(tr("pdVWAP"), k.pdVWAP, kVwap);
    add(tr("pdPOC"), k.pdPOC, kPriorLevel);
    add(tr("pdVAH"), k.pdVAH, kPriorLevel);
    add(tr("pdVAL"), k.pdVAL, kPriorLevel);
    add(tr("pdHigh"), k.pdHigh, kPriorLevel);
    add(tr("pdLow"), k.pdLow, kPriorLevel);
    add(tr("pdClose"), k.pdClose, kPriorLevel);
    for (const SessionResult &s : k.sessions) {
        const QString name = sessionDisplayName(s.name);
        add(tr("%1 high").arg(name), s.high, kSessionLevel);
        add(tr("%1 low").arg(name), s.low, kSessionLevel);
        add(tr("%1 VWAP").arg(name), s.vwap, kSessionLevel);
    }
    for (const NakedPoc &n : k.nakedPOCs)
        rows.push_back({tr("Naked POC %1").arg(QString::fromStdString(n.date)), n.price, kNakedPoc});
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) { return a.price > b.price; });

    table_->setRowCount(int(rows.size()));
    for (int i = 0; i < int(rows.size()); ++i) {
        const Row &r = rows[size_t(i)];
        auto *name = new QTableWidgetItem(r.name);
        name->setForeground(r.colour);
        auto *price = new QTableWidgetItem(formatPrice(r.price, d));
        price->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        const double dist = last > 0 ? (r.price - last) / last * 100 : 0;
        auto *from = new QTableWidgetItem(last > 0 ? QString::asprintf("%+.2f %%", dist) : QString());
        from->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table_->setItem(i, 0, name);
        table_->setItem(i, 1, price);
        table_->setItem(i, 2, from);
    }
    summary_->setText(tr("%1 %2 · last %3 · volume %4 · delta %5 · CVD %6 · %n trade(s)", nullptr, int(k.trades))
                          .arg(QString::fromStdString(k.symbol), QString::fromStdString(k.date), formatPrice(last, d),
                               formatQty(k.volume), formatSignedQty(k.delta), formatSignedQty(k.cvd)));
    const DataQuality &q = k.quality;
    QString text = tr("Source %1 (%2) · coverage %3 % · tick %4 from %5")
                       .arg(QString::fromStdString(q.source), q.live ? tr("live") : tr("not live"),
                            QString::number(q.coverage * 100, 'f', 1), formatPrice(k.tickSize, d),
                            QString::fromLatin1(tickSourceName(q.tickSource)));
    if (!q.gaps.empty())
        text += QLatin1Char('\n') + tr("%n gap(s) in the trades", nullptr, int(q.gaps.size() + size_t(q.gapsOmitted)));
    for (const std::string &w : q.warnings)
        text += QLatin1Char('\n') + QString::fromStdString(w);
    quality_->setText(text);
}

} // namespace co
