#include "app/ImportController.h"

#include "app/ImportCommand.h"

#include "views/ImportDialog.h"

#include <QElapsedTimer>
#include <QThread>

#include <atomic>

namespace co {

ImportController::ImportController(Config config, ImportDialog *dialog, QObject *parent)
    : QObject(parent), config_(std::move(config)), dialog_(dialog)
{
    connect(dialog, &ImportDialog::startRequested, this, &ImportController::start);
    connect(dialog, &ImportDialog::cancelRequested, this, &ImportController::cancel);
}

ImportController::~ImportController()
{
    if (thread_) {
        run_->cancel();
        thread_->wait();
        delete thread_;
    }
}

void ImportController::cancel()
{
    if (run_)
        run_->cancel();
}

void ImportController::start()
{
    if (thread_ || !dialog_)
        return;
    // The same validation as the command line (symbol, dates, at most 3660 days).
    const ImportDialog::Request r = dialog_->request();
    QStringList args;
    if (!r.symbol.isEmpty())
        args << "--symbol" << r.symbol;
    if (r.files.isEmpty() && r.from.isValid())
        args << "--from" << r.from.toString(Qt::ISODate) << "--to" << r.to.toString(Qt::ISODate);
    else if (!r.files.isEmpty())
        args << "--file" << r.files;
    ImportOptions o;
    QString error;
    if (!parseImportArgs(args, o, &error)) {
        dialog_->refused(error);
        return;
    }
    run_ = std::make_unique<ImportRun>(o, importSettingsFrom(config_));
    run_->setChunkRows(chunkRows_);
    ImportRun *run = run_.get();
    QPointer<ImportDialog> dialog = dialog_;
    // Queued to the GUI thread through this object (alive until the worker has been joined).
    auto toDialog = [this, dialog](auto fn) {
        QMetaObject::invokeMethod(
            this, [dialog, fn] { if (dialog) fn(*dialog); }, Qt::QueuedConnection);
    };
    thread_ = QThread::create([this, run, toDialog] {
        QElapsedTimer sinceReport;
        sinceReport.start();
        QString lastPhase;
        ImportRun::Callbacks cb;
        cb.fileStarted = [&](int index, int count, const QString &name) {
            lastPhase.clear();
            toDialog([=](ImportDialog &d) { d.started(index, count, name); });
        };
        cb.progress = [&](double f, const QString &phase, int64_t rows) {
            // At most ~10 updates a second, but every change of phase.
            if (phase == lastPhase && sinceReport.elapsed() < 100)
                return;
            sinceReport.restart();
            lastPhase = phase;
            toDialog([=](ImportDialog &d) { d.progress(f, phase, rows); });
        };
        cb.message = [&](const QString &line, bool problem) {
            toDialog([=](ImportDialog &d) { d.message(line, problem); });
        };
        const ImportSummary s = run->run(cb);
        QMetaObject::invokeMethod(this, [this, s] {
            thread_->wait();
            delete thread_;
            thread_ = nullptr;
            run_.reset();
            if (dialog_)
                dialog_->finished(s.text, s.cancelled);
            Q_EMIT finished(s);
        }, Qt::QueuedConnection);
    });
    thread_->setObjectName("import");
    thread_->start();
}

} // namespace co
