#include "views/LiquidationTable.h"

#include "engine/KeyLevels.h"
#include "model/Fixed.h"
#include "render/Format.h"
#include "render/Theme.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace co {

namespace {
double priceOf(const Liquidation &l) { return fixedToDouble(l.avgPrice ? l.avgPrice : l.price); }
constexpr int64_t kDayMs = 86'400'000;
} // namespace

void LiquidationModel::setItems(std::vector<Liquidation> items, int priceDecimals)
{
    beginResetModel();
    items_ = std::move(items);
    decimals_ = priceDecimals;
    endResetModel();
}

int LiquidationModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(items_.size()); }
int LiquidationModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : Columns; }

QVariant LiquidationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || size_t(index.row()) >= items_.size())
        return {};
    const Liquidation &l = items_[size_t(index.row())];
    const bool longs = l.side == Side::Sell; // a SELL order closes a long
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time: return formatUtcTime(l.tradeMs ? l.tradeMs : l.eventMs, true);
        case Side: return longs ? tr("Long liquidated") : tr("Short liquidated");
        case Price: return formatPrice(priceOf(l), decimals_);
        case Qty: return formatQty(qtyValue(l.filledQty));
        case Notional: return formatNotional(liquidationNotional(l));
        }
    } else if (role == Qt::ForegroundRole && index.column() == Side) {
        return longs ? theme::kSell : theme::kBuy;
    } else if (role == Qt::TextAlignmentRole && index.column() >= Price) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant LiquidationModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time (UTC)");
    case Side: return tr("Side");
    case Price: return tr("Price");
    case Qty: return tr("Quantity");
    case Notional: return tr("Notional (USDT)");
    }
    return {};
}

void LiquidationFilter::setSide(SideFilter s)
{
    side_ = s;
    invalidateFilter();
}

void LiquidationFilter::setMinNotional(double usdt)
{
    minNotional_ = usdt;
    invalidateFilter();
}

bool LiquidationFilter::filterAcceptsRow(int row, const QModelIndex &) const
{
    const Liquidation &l = static_cast<const LiquidationModel *>(sourceModel())->item(row);
    if (side_ == SideFilter::Longs && l.side != Side::Sell)
        return false;
    if (side_ == SideFilter::Shorts && l.side != Side::Buy)
        return false;
    return liquidationNotional(l) >= minNotional_;
}

LiquidationTable::LiquidationTable(QWidget *parent)
    : QWidget(parent), model_(new LiquidationModel(this)), filter_(new LiquidationFilter(this)), side_(new QComboBox(this)),
      minNotional_(new QDoubleSpinBox(this)), table_(new QTableView(this)), totals_(new QLabel(this))
{
    setObjectName("liquidationTable");
    side_->setObjectName("liquidationSide");
    minNotional_->setObjectName("liquidationMinNotional");
    table_->setObjectName("liquidationView");
    totals_->setObjectName("liquidationTotals");
    side_->addItems({QString(), QString(), QString()});
    minNotional_->setRange(0, 1e9);
    minNotional_->setDecimals(0);
    minNotional_->setSingleStep(10'000);
    minNotional_->setSuffix(QStringLiteral(" USDT"));
    filter_->setSourceModel(model_);
    table_->setModel(filter_);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    totals_->setWordWrap(true);

    auto *bar = new QHBoxLayout;
    show_ = new QLabel(this);
    bar->addWidget(show_);
    bar->addWidget(side_);
    bar->addWidget(minNotional_);
    bar->addStretch(1);
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(2, 2, 2, 2);
    lay->addLayout(bar);
    lay->addWidget(table_, 1);
    lay->addWidget(totals_);
    retranslate();

    connect(side_, &QComboBox::currentIndexChanged, this, [this](int i) {
        filter_->setSide(LiquidationFilter::SideFilter(i));
        updateTotals();
    });
    connect(minNotional_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        filter_->setMinNotional(v);
        updateTotals();
    });
    updateTotals();
}

void LiquidationTable::setSnapshot(const SnapshotPtr &s)
{
    snap_ = s;
    dirty_ = true;
    if (isVisible())
        refresh();
}

void LiquidationTable::retranslate()
{
    side_->setItemText(0, tr("All"));
    side_->setItemText(1, tr("Longs liquidated"));
    side_->setItemText(2, tr("Shorts liquidated"));
    minNotional_->setPrefix(tr("min "));
    show_->setText(tr("Show"));
}

void LiquidationTable::changeEvent(QEvent *e)
{
    QWidget::changeEvent(e);
    if (e->type() == QEvent::LanguageChange) {
        retranslate();
        Q_EMIT model_->headerDataChanged(Qt::Horizontal, 0, model_->columnCount() - 1);
        dirty_ = true;
        if (isVisible())
            refresh();
    }
}

void LiquidationTable::showEvent(QShowEvent *) { refresh(); }

void LiquidationTable::refresh()
{
    if (!dirty_)
        return;
    dirty_ = false;
    const LiquidationStore *store = snap_ ? snap_->liquidations.get() : nullptr;
    const int64_t seen = store ? store->seen() : -1;
    const QString symbol = snap_ ? QString::fromStdString(snap_->symbol.name) : QString();
    if (seen == seen_ && symbol == symbol_)
        return; // nothing new: keep the selection and scroll position
    seen_ = seen;
    symbol_ = symbol;
    model_->setItems(store ? store->newest(LiquidationStore::kRing) : std::vector<Liquidation>{},
                     snap_ ? decimalsFor(fixedToDouble(snap_->symbol.tickSize)) : 2);
    updateTotals();
}

void LiquidationTable::updateTotals() { totals_->setText(totalsText()); }

QString LiquidationTable::totalsText() const
{
    int n = filter_->rowCount();
    double longs = 0, shorts = 0;
    for (int r = 0; r < n; ++r) {
        const Liquidation &l = model_->item(filter_->mapToSource(filter_->index(r, 0)).row());
        (l.side == Side::Sell ? longs : shorts) += liquidationNotional(l);
    }
    QString text = tr("Shown: %n order(s) · longs %1 · shorts %2 USDT", nullptr, n)
                       .arg(formatNotional(longs), formatNotional(shorts));
    if (snap_ && snap_->liquidations && snap_->liquidations->seen() > 0) {
        const LiquidationTotals t = snap_->liquidations->totals(snap_->asOfMs, kDayMs);
        text += QLatin1Char('\n') + tr("24 h: %n order(s) · longs %1 · shorts %2 USDT (lower bounds: one order per second is pushed)",
                                       nullptr, int(t.count))
                                        .arg(formatNotional(t.longNotional), formatNotional(t.shortNotional));
    } else {
        text += QLatin1Char('\n') + tr("No liquidations in this data yet.");
    }
    return text;
}

} // namespace co
