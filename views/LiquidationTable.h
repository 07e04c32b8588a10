#pragma once
// Forced orders (indicators.md §8): newest first, filtered by side and minimum notional, with
// running totals of what the filter shows and the store's 24 h totals. Binance pushes at most
// one liquidation per symbol per second, so totals are lower bounds.
#include "engine/Snapshot.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QTableView;

namespace co {

class LiquidationModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Side, Price, Qty, Notional, Columns };
    using QAbstractTableModel::QAbstractTableModel;
    void setItems(std::vector<Liquidation> items, int priceDecimals);
    const Liquidation &item(int row) const { return items_[size_t(row)]; }
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    std::vector<Liquidation> items_; // newest first
    int decimals_ = 2;
};

class LiquidationFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class SideFilter { All, Longs, Shorts };
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setSide(SideFilter s);
    void setMinNotional(double usdt);

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override;

private:
    SideFilter side_ = SideFilter::All;
    double minNotional_ = 0;
};

class LiquidationTable : public QWidget {
    Q_OBJECT
public:
    explicit LiquidationTable(QWidget *parent = nullptr);
    void setSnapshot(const SnapshotPtr &s);
    QString totalsText() const;

protected:
    void showEvent(QShowEvent *) override;
    void changeEvent(QEvent *e) override;

private:
    void refresh();
    void retranslate();
    void updateTotals();

    SnapshotPtr snap_;
    int64_t seen_ = -2; // store->seen() when the model was filled (-1: no store)
    QString symbol_;
    LiquidationModel *model_;
    LiquidationFilter *filter_;
    QComboBox *side_;
    QDoubleSpinBox *minNotional_;
    QTableView *table_;
    QLabel *totals_;
    QLabel *show_ = nullptr;
    bool dirty_ = true;
};

} // namespace co
