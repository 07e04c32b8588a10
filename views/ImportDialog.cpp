#include "views/ImportDialog.h"

#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include <algorithm>

namespace co {

ImportDialog::ImportDialog(const QStringList &symbols, QWidget *parent)
    : QDialog(parent), fromArchive_(new QRadioButton), fromFiles_(new QRadioButton), symbol_(new QComboBox),
      from_(new QDateEdit), to_(new QDateEdit), files_(new QListWidget), addFiles_(new QPushButton),
      clearFiles_(new QPushButton), start_(new QPushButton), cancel_(new QPushButton), close_(new QPushButton),
      symbolLabel_(new QLabel), fromLabel_(new QLabel), toLabel_(new QLabel), note_(new QLabel), fileLabel_(new QLabel),
      rate_(new QLabel), fileBar_(new QProgressBar), overallBar_(new QProgressBar), log_(new QPlainTextEdit)
{
    setObjectName("importDialog");
    fromArchive_->setObjectName("importFromArchive");
    fromFiles_->setObjectName("importFromFiles");
    symbol_->setObjectName("importSymbol");
    from_->setObjectName("importFrom");
    to_->setObjectName("importTo");
    files_->setObjectName("importFiles");
    addFiles_->setObjectName("importAddFiles");
    clearFiles_->setObjectName("importClearFiles");
    start_->setObjectName("importStart");
    cancel_->setObjectName("importCancel");
    close_->setObjectName("importClose");
    note_->setObjectName("importNote");
    fileLabel_->setObjectName("importFileLabel");
    rate_->setObjectName("importRate");
    fileBar_->setObjectName("importFileProgress");
    overallBar_->setObjectName("importOverallProgress");
    log_->setObjectName("importLog");

    symbol_->setEditable(true);
    symbol_->addItems(symbols);
    // Archive files are published the day after (UTC): yesterday is the newest.
    const QDate yesterday = QDateTime::currentDateTimeUtc().date().addDays(-1);
    for (QDateEdit *d : {from_, to_}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        d->setMaximumDate(yesterday);
        d->setDate(yesterday);
    }
    files_->setMaximumHeight(90);
    note_->setWordWrap(true);
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(2000);
    for (QProgressBar *b : {fileBar_, overallBar_})
        b->setRange(0, 1000);
    fromArchive_->setChecked(true);

    auto *form = new QFormLayout;
    form->addRow(fromArchive_);
    form->addRow(symbolLabel_, symbol_);
    auto *range = new QHBoxLayout;
    range->addWidget(from_);
    range->addWidget(toLabel_);
    range->addWidget(to_);
    form->addRow(fromLabel_, range);
    form->addRow(fromFiles_);
    auto *fileButtons = new QHBoxLayout;
    fileButtons->addWidget(addFiles_);
    fileButtons->addWidget(clearFiles_);
    fileButtons->addStretch(1);
    auto *fileBox = new QVBoxLayout;
    fileBox->addWidget(files_);
    fileBox->addLayout(fileButtons);
    form->addRow(QString(), fileBox);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(start_);
    buttons->addWidget(cancel_);
    buttons->addWidget(close_);
    auto *lay = new QVBoxLayout(this);
    lay->addLayout(form);
    lay->addWidget(note_);
    lay->addWidget(fileLabel_);
    lay->addWidget(fileBar_);
    lay->addWidget(overallBar_);
    lay->addWidget(rate_);
    lay->addWidget(log_, 1);
    lay->addLayout(buttons);

    connect(fromArchive_, &QRadioButton::toggled, this, &ImportDialog::updateMode);
    connect(addFiles_, &QPushButton::clicked, this, [this] {
        const QStringList picked = QFileDialog::getOpenFileNames(this, tr("Binance aggTrades files"), QString(),
                                                                 tr("aggTrades archives (*.zip *.csv)"));
        if (!picked.isEmpty())
            setFiles(request().files + picked);
    });
    connect(clearFiles_, &QPushButton::clicked, files_, &QListWidget::clear);
    connect(start_, &QPushButton::clicked, this, [this] {
        log_->clear();
        setRunning(true);
        elapsed_.start();
        doneRows_ = fileRows_ = 0;
        index_ = count_ = 0;
        fileLabel_->setText(tr("Starting…"));
        Q_EMIT startRequested(request());
    });
    connect(cancel_, &QPushButton::clicked, this, [this] {
        cancel_->setEnabled(false);
        fileLabel_->setText(tr("Cancelling…"));
        Q_EMIT cancelRequested();
    });
    connect(close_, &QPushButton::clicked, this, &ImportDialog::reject);
    retranslate();
    updateMode();
    setRunning(false);
    resize(560, 560);
}

void ImportDialog::retranslate()
{
    setWindowTitle(tr("Import archive"));
    fromArchive_->setText(tr("Download daily files from the Binance archive"));
    fromFiles_->setText(tr("Local files (zip or CSV)"));
    symbolLabel_->setText(tr("Symbol:"));
    fromLabel_->setText(tr("From:"));
    toLabel_->setText(tr("to"));
    addFiles_->setText(tr("Add files…"));
    clearFiles_->setText(tr("Clear"));
    start_->setText(tr("Import"));
    cancel_->setText(tr("Cancel"));
    close_->setText(tr("Close"));
    note_->setText(tr("Imported days are written to the cache: history, key levels and the next start's restore use "
                      "them. The charts running now are not rewritten (today's engine keeps its live data). The live "
                      "recorder keeps writing meanwhile: it waits for each file's commit and loses nothing. A "
                      "cancelled file is rolled back whole; importing again resumes where it stopped."));
}

void ImportDialog::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(e);
}

void ImportDialog::updateMode()
{
    const bool archive = fromArchive_->isChecked();
    from_->setEnabled(archive && !running_);
    to_->setEnabled(archive && !running_);
    files_->setEnabled(!archive && !running_);
    addFiles_->setEnabled(!archive && !running_);
    clearFiles_->setEnabled(!archive && !running_);
}

void ImportDialog::setFiles(const QStringList &paths)
{
    files_->clear();
    for (const QString &p : paths) {
        auto *item = new QListWidgetItem(QFileInfo(p).fileName(), files_);
        item->setData(Qt::UserRole, p);
        item->setToolTip(p);
    }
    fromFiles_->setChecked(true);
}

ImportDialog::Request ImportDialog::request() const
{
    Request r;
    r.symbol = symbol_->currentText().trimmed().toUpper();
    if (fromArchive_->isChecked()) {
        r.from = from_->date();
        r.to = to_->date();
    } else {
        for (int i = 0; i < files_->count(); ++i)
            r.files << files_->item(i)->data(Qt::UserRole).toString();
    }
    return r;
}

void ImportDialog::setRunning(bool on)
{
    running_ = on;
    start_->setEnabled(!on);
    cancel_->setVisible(on);
    cancel_->setEnabled(on);
    close_->setEnabled(!on);
    fromArchive_->setEnabled(!on);
    fromFiles_->setEnabled(!on);
    symbol_->setEnabled(!on);
    updateMode();
}

void ImportDialog::started(int index, int count, const QString &name)
{
    doneRows_ += fileRows_;
    fileRows_ = 0;
    index_ = index;
    count_ = count;
    fileLabel_->setText(tr("File %1 of %2: %3").arg(index).arg(count).arg(name));
    fileBar_->setValue(0);
    overallBar_->setValue(count > 0 ? int(1000.0 * (index - 1) / count) : 0);
}

void ImportDialog::progress(double fileFraction, const QString &phase, qint64 fileRows)
{
    if (fileFraction < 0) {
        fileBar_->setRange(0, 0); // busy
    } else {
        fileBar_->setRange(0, 1000);
        fileBar_->setValue(int(std::clamp(fileFraction, 0.0, 1.0) * 1000));
    }
    const double f = std::clamp(fileFraction, 0.0, 1.0);
    if (count_ > 0)
        overallBar_->setValue(int(1000.0 * (index_ - 1 + f) / count_));
    fileRows_ = fileRows;
    const qint64 rows = doneRows_ + fileRows_;
    const qint64 ms = std::max<qint64>(1, elapsed_.elapsed());
    const QString what = phase == QLatin1String("downloading") ? tr("downloading")
                         : phase == QLatin1String("checksum")  ? tr("checking the checksum")
                                                               : tr("importing");
    rate_->setText(tr("%1 · %2 rows · %3 rows/s").arg(what).arg(rows).arg(qint64(double(rows) * 1000.0 / double(ms))));
}

void ImportDialog::message(const QString &line, bool problem)
{
    log_->appendPlainText(problem ? QStringLiteral("⚠ ") + line : line);
}

void ImportDialog::refused(const QString &why)
{
    setRunning(false);
    fileLabel_->clear();
    log_->appendPlainText(tr("Not started: %1").arg(why));
}

void ImportDialog::finished(const QString &summary, bool cancelled)
{
    setRunning(false);
    fileBar_->setRange(0, 1000);
    if (!cancelled) {
        fileBar_->setValue(1000);
        overallBar_->setValue(1000);
    }
    fileLabel_->setText(cancelled ? tr("Import cancelled") : tr("Import finished"));
    if (!summary.isEmpty() && !log_->toPlainText().endsWith(summary))
        log_->appendPlainText(summary);
}

void ImportDialog::reject()
{
    if (running_) {
        if (cancel_->isEnabled())
            cancel_->click();
        return; // closes once the work has stopped
    }
    QDialog::reject();
}

} // namespace co
