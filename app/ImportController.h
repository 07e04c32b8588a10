#pragma once
// Runs the import dialog's requests (views/ImportDialog) as an ImportRun on a worker thread, so
// the window stays responsive; progress and messages come back queued to the dialog. The cache
// is the running app's (CACHE_DB_PATH): its own connection, one transaction per file, while the
// live TradeWriter waits on SQLite's busy timeout between its batches.
#include "app/Config.h"
#include "cache/ImportRun.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QThread;

namespace co {

class ImportDialog;

class ImportController : public QObject {
    Q_OBJECT
public:
    ImportController(Config config, ImportDialog *dialog, QObject *parent = nullptr);
    ~ImportController() override; // cancels a running import and waits for it

    bool running() const { return thread_ != nullptr; }
    void setChunkRows(size_t rows) { chunkRows_ = rows; } // tests: cancel checks more often
    void cancel();

Q_SIGNALS:
    void finished(const co::ImportSummary &summary);

private:
    void start();

    Config config_;
    QPointer<ImportDialog> dialog_;
    std::unique_ptr<ImportRun> run_;
    QThread *thread_ = nullptr;
    size_t chunkRows_ = 65'536;
};

} // namespace co
