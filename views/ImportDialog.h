#pragma once
// File → Import archive…: a symbol and a date range (daily aggTrades zips from the Binance
// archive) or local zip/CSV files, imported into the cache with progress per file and overall,
// rows/s and Cancel. The dialog only asks and shows: the work runs off the GUI thread
// (app/ImportController) and reports through the slots below.
#include <QDate>
#include <QDialog>
#include <QElapsedTimer>
#include <QStringList>

class QComboBox;
class QDateEdit;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace co {

class ImportDialog : public QDialog {
    Q_OBJECT
public:
    struct Request {
        QString symbol;    // upper case; may be empty for local files named SYMBOL-aggTrades-…
        QDate from, to;    // archive days (UTC), inclusive
        QStringList files; // local files instead of the archive
    };
    ImportDialog(const QStringList &symbols, QWidget *parent = nullptr);

    Request request() const;
    bool running() const { return running_; }
    // Local files mode with these files (the Add files… button does the same).
    void setFiles(const QStringList &paths);

public Q_SLOTS:
    void started(int index, int count, const QString &name);
    void progress(double fileFraction, const QString &phase, qint64 fileRows);
    void message(const QString &line, bool problem);
    void refused(const QString &why); // the request was not started
    void finished(const QString &summary, bool cancelled);
    void reject() override;           // while running: cancels first

Q_SIGNALS:
    void startRequested(const co::ImportDialog::Request &request);
    void cancelRequested();

protected:
    void changeEvent(QEvent *e) override;

private:
    void retranslate();
    void updateMode();
    void setRunning(bool on);

    QRadioButton *fromArchive_, *fromFiles_;
    QComboBox *symbol_;
    QDateEdit *from_, *to_;
    QListWidget *files_;
    QPushButton *addFiles_, *clearFiles_, *start_, *cancel_, *close_;
    QLabel *symbolLabel_, *fromLabel_, *toLabel_, *note_, *fileLabel_, *rate_;
    QProgressBar *fileBar_, *overallBar_;
    QPlainTextEdit *log_;
    QElapsedTimer elapsed_;
    bool running_ = false;
    int index_ = 0, count_ = 0;
    qint64 doneRows_ = 0, fileRows_ = 0;
};

} // namespace co
