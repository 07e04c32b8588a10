#include "views/SymbolPickerDialog.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace co {
namespace {
enum Column { Star, Name, Volume, State, Columns };

QString volumeText(int64_t fixed)
{
    const double v = double(fixed) / 1e8;
    if (v >= 1e9)
        return QLocale().toString(v / 1e9, 'f', 2) + " B";
    if (v >= 1e6)
        return QLocale().toString(v / 1e6, 'f', 2) + " M";
    return QLocale().toString(v, 'f', 0);
}
} // namespace

SymbolPickerDialog::SymbolPickerDialog(std::shared_ptr<SymbolDirectory> directory, QWidget *parent)
    : QDialog(parent), directory_(std::move(directory))
{
    setObjectName("symbolPickerDialog");
    setWindowTitle(tr("Symbols"));
    favourites_ = QSettings().value(kFavouritesKey).toStringList();
    search_ = new QLineEdit;
    search_->setObjectName("symbolSearch");
    search_->setPlaceholderText(tr("Search, e.g. SOL"));
    search_->setClearButtonEnabled(true);
    table_ = new QTableWidget(0, Columns);
    table_->setObjectName("symbolTable");
    table_->setHorizontalHeaderLabels({tr("★"), tr("Symbol"), tr("24 h volume (USDT)"), tr("Status")});
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Stretch);
    progress_ = new QProgressBar;
    progress_->setObjectName("backfillProgress");
    progress_->setRange(0, 100);
    progress_->hide();
    progressLabel_ = new QLabel;
    progressLabel_->setObjectName("backfillLabel");
    follow_ = new QPushButton(tr("Follow"));
    follow_->setObjectName("followSymbol");
    follow_->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(search_);
    layout->addWidget(table_, 1);
    layout->addWidget(progressLabel_);
    layout->addWidget(progress_);
    layout->addWidget(follow_);

    connect(search_, &QLineEdit::textChanged, this, &SymbolPickerDialog::fill);
    connect(table_, &QTableWidget::cellClicked, this, [this](int row, int column) {
        if (column == Star)
            toggleFavourite(table_->item(row, Name)->text());
    });
    connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) { choose(table_->item(row, Name)->text()); });
    connect(follow_, &QPushButton::clicked, this, [this] {
        const int row = table_->currentRow();
        if (row >= 0)
            choose(table_->item(row, Name)->text());
    });
    poll_.setInterval(1000);
    connect(&poll_, &QTimer::timeout, this, [this] {
        showProgress();
        refresh();
    });
    refresh();
    poll_.start();
    resize(460, 560);
}

void SymbolPickerDialog::refresh()
{
    std::vector<SymbolListing> next = directory_ ? directory_->listing() : std::vector<SymbolListing>{};
    const bool same = next.size() == listing_.size() &&
                      std::equal(next.begin(), next.end(), listing_.begin(), [](const auto &a, const auto &b) {
                          return a.name == b.name && a.quoteVolume24h == b.quoteVolume24h && a.followed == b.followed;
                      });
    if (same)
        return;
    listing_ = std::move(next);
    fill();
}

void SymbolPickerDialog::fill()
{
    const QString wanted = search_->text().trimmed().toUpper();
    const QString current = table_->currentRow() >= 0 ? table_->item(table_->currentRow(), Name)->text() : QString();
    std::vector<const SymbolListing *> rows;
    for (const SymbolListing &s : listing_)
        if (wanted.isEmpty() || QString::fromStdString(s.name).contains(wanted))
            rows.push_back(&s);
    // Favourites first, then the most traded.
    std::stable_sort(rows.begin(), rows.end(), [this](const SymbolListing *a, const SymbolListing *b) {
        const bool fa = favourites_.contains(QString::fromStdString(a->name));
        const bool fb = favourites_.contains(QString::fromStdString(b->name));
        return fa != fb ? fa : a->quoteVolume24h > b->quoteVolume24h;
    });
    table_->setSortingEnabled(false);
    table_->setRowCount(int(rows.size()));
    for (int i = 0; i < int(rows.size()); ++i) {
        const SymbolListing &s = *rows[size_t(i)];
        const QString name = QString::fromStdString(s.name);
        auto *star = new QTableWidgetItem(favourites_.contains(name) ? QStringLiteral("★") : QStringLiteral("☆"));
        star->setToolTip(tr("Favourite: listed first"));
        table_->setItem(i, Star, star);
        table_->setItem(i, Name, new QTableWidgetItem(name));
        auto *volume = new QTableWidgetItem(s.quoteVolume24h > 0 ? volumeText(s.quoteVolume24h) : QStringLiteral("–"));
        volume->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table_->setItem(i, Volume, volume);
        table_->setItem(i, State, new QTableWidgetItem(s.followed ? tr("followed") : QString()));
        if (name == current)
            table_->setCurrentCell(i, Name);
    }
}

void SymbolPickerDialog::toggleFavourite(const QString &symbol)
{
    if (!favourites_.removeAll(symbol))
        favourites_ << symbol;
    QSettings().setValue(kFavouritesKey, favourites_);
    fill();
}

void SymbolPickerDialog::choose(const QString &symbol)
{
    if (!directory_ || symbol.isEmpty())
        return;
    chosen_ = symbol;
    directory_->request(symbol.toStdString()); // follows it if it is not yet
    showProgress();
    Q_EMIT symbolChosen(symbol);
}

void SymbolPickerDialog::showProgress()
{
    if (chosen_.isEmpty() || !directory_)
        return;
    const SymbolAccess a = directory_->peek(chosen_.toStdString());
    if (a.kind == SymbolAccess::Kind::WarmingUp) {
        progress_->show();
        progress_->setValue(int(a.progress * 100));
        progressLabel_->setText(a.etaMs < 0 ? tr("%1: today's backfill %2%").arg(chosen_).arg(int(a.progress * 100))
                                            : tr("%1: today's backfill %2%, about %3 s left")
                                                  .arg(chosen_)
                                                  .arg(int(a.progress * 100))
                                                  .arg((a.etaMs + 999) / 1000));
        return;
    }
    progress_->setValue(100);
    progress_->hide();
    progressLabel_->setText(a.kind == SymbolAccess::Kind::Unknown ? tr("%1 is not a trading perpetual").arg(chosen_)
                                                                  : tr("%1: live, today complete").arg(chosen_));
}

} // namespace co
