#pragma once
// The symbol picker: every trading USD-M perpetual of the exchange's list (SymbolDirectory) with a
// search box, its 24 h quote volume and a favourite star (kept in QSettings); favourites first,
// then by volume. Choosing one follows it live (the directory starts it) and shows today's
// backfill progress until it is complete.
#include "engine/SymbolDirectory.h"

#include <QDialog>
#include <QTimer>

#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace co {

class SymbolPickerDialog : public QDialog {
    Q_OBJECT
public:
    explicit SymbolPickerDialog(std::shared_ptr<SymbolDirectory> directory, QWidget *parent = nullptr);

    // Reads the directory's list again (it changes with exchangeInfo and the tickers).
    void refresh();
    // Follows `symbol` (as the user's choice would) and emits symbolChosen.
    void choose(const QString &symbol);
    QStringList favourites() const { return favourites_; }
    QString chosen() const { return chosen_; }

    static constexpr const char *kFavouritesKey = "picker/favourites";

Q_SIGNALS:
    void symbolChosen(const QString &symbol);

private:
    void fill();
    void showProgress();
    void toggleFavourite(const QString &symbol);

    std::shared_ptr<SymbolDirectory> directory_;
    std::vector<SymbolListing> listing_;
    QStringList favourites_;
    QString chosen_;
    QLineEdit *search_;
    QTableWidget *table_;
    QProgressBar *progress_;
    QLabel *progressLabel_;
    QPushButton *follow_;
    QTimer poll_;
};

} // namespace co
