#include "views/AlertsDialog.h"

#include "alerts/AlertBook.h"

#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace co {

namespace {
// The kinds in the order of the Kind picker (names as set_alert takes them).
const QStringList kKinds{"price_cross", "stacked_imbalance", "liquidations", "divergence"};

QTableWidget *table(const char *name, int columns, QWidget *parent)
{
    auto *t = new QTableWidget(0, columns, parent);
    t->setObjectName(name);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

// What a rule watches, in a few words.
QString describe(const AlertRule &r)
{
    switch (r.kind) {
    case AlertKind::PriceCross:
        return r.level == "price" ? QString::number(r.price) : r.level;
    case AlertKind::StackedImbalance:
        return QStringLiteral("≥ %1 rows, %2").arg(r.rows).arg(r.timeframe);
    case AlertKind::Liquidations:
        return QStringLiteral("≥ %1 USDT / %2 s").arg(r.usdt).arg(r.windowMs / 1000);
    case AlertKind::Divergence:
        return r.timeframe;
    }
    return {};
}

QString timeText(int64_t ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString("yyyy-MM-dd HH:mm:ss"); }
} // namespace

AlertsDialog::AlertsDialog(AlertBook &book, const QStringList &symbols, QWidget *parent) : QDialog(parent), book_(book)
{
    setObjectName("alertsDialog");
    rules_ = table("alertsRules", 5, this);
    history_ = table("alertsHistory", 3, this);
    symbol_ = new QComboBox(this);
    symbol_->setObjectName("alertsSymbol");
    symbol_->addItems(symbols);
    kind_ = new QComboBox(this);
    kind_->setObjectName("alertsKind");
    for (const QString &k : kKinds)
        kind_->addItem(QString(), k);
    level_ = new QComboBox(this);
    level_->setObjectName("alertsLevel");
    level_->addItems(alertLevelNames());
    price_ = new QDoubleSpinBox(this);
    price_->setObjectName("alertsPrice");
    price_->setRange(0, 1e9);
    price_->setDecimals(8);
    rows_ = new QSpinBox(this);
    rows_->setObjectName("alertsRows");
    rows_->setRange(2, 50);
    rows_->setValue(3);
    timeframe_ = new QComboBox(this);
    timeframe_->setObjectName("alertsTimeframe");
    timeframe_->addItems({"1m", "5m", "15m", "30m", "1h"});
    timeframe_->setCurrentText("5m");
    usdt_ = new QDoubleSpinBox(this);
    usdt_->setObjectName("alertsUsdt");
    usdt_->setRange(0, 1e12);
    usdt_->setDecimals(0);
    usdt_->setValue(1'000'000);
    window_ = new QSpinBox(this);
    window_->setObjectName("alertsWindow");
    window_->setRange(1, 3600);
    window_->setValue(60);
    note_ = new QLineEdit(this);
    note_->setObjectName("alertsNote");
    note_->setMaxLength(200);
    add_ = new QPushButton(this);
    add_->setObjectName("alertsAdd");
    delete_ = new QPushButton(this);
    delete_->setObjectName("alertsDelete");
    error_ = new QLabel(this);
    error_->setObjectName("alertsError");
    error_->setWordWrap(true);
    error_->setStyleSheet("color: #d9534f");

    auto *form = new QFormLayout;
    QWidget *fields[] = {symbol_, kind_, level_, price_, rows_, timeframe_, usdt_, window_, note_};
    for (QWidget *w : fields) {
        auto *label = new QLabel(this);
        labels_ << label;
        form->addRow(label, w);
    }
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add_);
    buttons->addWidget(delete_);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(rules_, 2);
    layout->addLayout(form);
    layout->addWidget(error_);
    layout->addLayout(buttons);
    layout->addWidget(history_, 2);
    resize(620, 640);

    connect(kind_, &QComboBox::currentIndexChanged, this, &AlertsDialog::updateKind);
    connect(level_, &QComboBox::currentTextChanged, this, &AlertsDialog::updateKind);
    connect(add_, &QPushButton::clicked, this, &AlertsDialog::addRule);
    connect(delete_, &QPushButton::clicked, this, &AlertsDialog::deleteSelected);
    QPointer<AlertsDialog> self(this);
    listener_ = book_.addListener([self](const AlertEvent &e) {
        // An engine thread: the widgets belong to the GUI thread.
        QMetaObject::invokeMethod(self.data(), [self, message = e.message] {
            if (!self)
                return;
            self->refresh();
            Q_EMIT self->alertFired(message);
        }, Qt::QueuedConnection);
    });
    retranslate();
    updateKind();
    refresh();
}

AlertsDialog::~AlertsDialog() { book_.removeListener(listener_); }

void AlertsDialog::updateKind()
{
    const QString kind = kind_->currentData().toString();
    const bool cross = kind == "price_cross";
    const bool liq = kind == "liquidations";
    const bool bars = kind == "stacked_imbalance" || kind == "divergence";
    QWidget *shown[] = {level_, price_, rows_, timeframe_, usdt_, window_};
    const bool on[] = {cross, cross && level_->currentText() == "price", kind == "stacked_imbalance", bars, liq, liq};
    for (int i = 0; i < 6; ++i) {
        shown[i]->setEnabled(on[i]);
        labels_[i + 2]->setEnabled(on[i]);
    }
}

void AlertsDialog::addRule()
{
    QJsonObject o{{"symbol", symbol_->currentText()}, {"kind", kind_->currentData().toString()}, {"note", note_->text()}};
    const QString kind = o["kind"].toString();
    if (kind == "price_cross") {
        o.insert("level", level_->currentText());
        if (level_->currentText() == "price")
            o.insert("price", price_->value());
    } else if (kind == "stacked_imbalance") {
        o.insert("rows", rows_->value());
        o.insert("timeframe", timeframe_->currentText());
    } else if (kind == "liquidations") {
        o.insert("usdt", usdt_->value());
        o.insert("windowSeconds", window_->value());
    } else {
        o.insert("timeframe", timeframe_->currentText());
    }
    QString error;
    auto rule = AlertRule::fromJson(o, &error); // the checks of set_alert
    if (rule && !book_.add(*rule, QDateTime::currentMSecsSinceEpoch(), &error))
        rule.reset();
    error_->setText(rule ? QString() : error);
    if (rule)
        note_->clear();
    refresh();
}

void AlertsDialog::deleteSelected()
{
    const int row = rules_->currentRow();
    if (row < 0 || !rules_->item(row, 0))
        return;
    book_.remove(rules_->item(row, 0)->data(Qt::UserRole).toLongLong());
    refresh();
}

void AlertsDialog::refresh()
{
    const std::vector<AlertRule> rules = book_.rules();
    rules_->setRowCount(int(rules.size()));
    for (int i = 0; i < int(rules.size()); ++i) {
        const AlertRule &r = rules[size_t(i)];
        const QStringList cells{QString::number(r.id), r.symbol, alertKindName(r.kind), describe(r),
                                r.active ? tr("active") : tr("fired")};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, qlonglong(r.id));
            rules_->setItem(i, c, item);
        }
    }
    const std::vector<AlertEvent> fired = book_.history();
    history_->setRowCount(int(fired.size()));
    for (int i = 0; i < int(fired.size()); ++i) {
        const AlertEvent &e = fired[size_t(i)];
        const QStringList cells{timeText(e.timeMs), e.symbol, e.message};
        for (int c = 0; c < cells.size(); ++c)
            history_->setItem(i, c, new QTableWidgetItem(cells[c]));
    }
}

void AlertsDialog::retranslate()
{
    setWindowTitle(tr("Alerts"));
    rules_->setHorizontalHeaderLabels({tr("Id"), tr("Symbol"), tr("Kind"), tr("Watches"), tr("State")});
    history_->setHorizontalHeaderLabels({tr("Time (UTC)"), tr("Symbol"), tr("Alert")});
    const QStringList kinds{tr("Price crosses a level"), tr("Stacked imbalance"), tr("Liquidations"), tr("Delta/CVD divergence")};
    for (int i = 0; i < kinds.size(); ++i)
        kind_->setItemText(i, kinds[i]);
    const QStringList labels{tr("Symbol"), tr("Kind"), tr("Level"), tr("Price"), tr("Rows"), tr("Timeframe"),
                             tr("USDT"), tr("Within (s)"), tr("Note")};
    for (int i = 0; i < labels_.size(); ++i)
        labels_[i]->setText(labels[i]);
    add_->setText(tr("&Add"));
    delete_->setText(tr("&Delete"));
}

void AlertsDialog::changeEvent(QEvent *e)
{
    QDialog::changeEvent(e);
    if (e->type() == QEvent::LanguageChange)
        retranslate();
}

} // namespace co
