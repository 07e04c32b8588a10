#pragma once
// File → Alerts…: the alert rules of the AlertBook (the same ones set_alert/list_alerts/
// delete_alert change), a form to add one of each kind (price crosses a level or a price, stacked
// imbalance, liquidations within a window, delta/CVD divergence), Delete, and the fired alerts,
// newest first. Rules are checked as the tools check them (AlertRule::fromJson); the tables
// refresh when an alert fires (the book's listener, queued to the GUI thread).
// Object names for tests: alertsRules, alertsHistory, alertsSymbol, alertsKind, alertsLevel,
// alertsPrice, alertsRows, alertsTimeframe, alertsUsdt, alertsWindow, alertsNote, alertsAdd,
// alertsDelete, alertsError.
#include <QDialog>
#include <QStringList>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace co {

class AlertBook;
struct AlertEvent;

class AlertsDialog : public QDialog {
    Q_OBJECT
public:
    AlertsDialog(AlertBook &book, const QStringList &symbols, QWidget *parent = nullptr);
    ~AlertsDialog() override;

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    // An alert fired (on the GUI thread): the tray shows it.
    void alertFired(const QString &message);

protected:
    void changeEvent(QEvent *e) override;

private:
    void retranslate();
    void updateKind();
    void addRule();
    void deleteSelected();

    AlertBook &book_;
    int listener_ = 0;
    QTableWidget *rules_, *history_;
    QComboBox *symbol_, *kind_, *level_, *timeframe_;
    QDoubleSpinBox *price_, *usdt_;
    QSpinBox *rows_, *window_;
    QLineEdit *note_;
    QPushButton *add_, *delete_;
    QLabel *error_;
    QList<QLabel *> labels_;
};

} // namespace co
