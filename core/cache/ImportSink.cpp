#include "cache/ImportSink.h"

#include "storage/Database.h"
#include "storage/RecordInserter.h"
#include "storage/Retention.h"
#include "storage/SymbolTable.h"
#include "storage/TradeInserter.h"
#include "worker/WorkerStart.h"

#include <QDateTime>

#include <memory>
#include <span>

namespace co {

ImportSink::~ImportSink()
{
    queue_.close(); // what is queued is still done
    if (thread_.joinable())
        thread_.join();
}

bool ImportSink::start(QString *error)
{
    return startWorker(thread_, [this](std::promise<QString> *opened) { run(opened); }, error);
}

void ImportSink::push(Item item, bool bounded)
{
    if (bounded)
        queue_.push(std::move(item));
    else
        queue_.pushUnbounded(std::move(item));
}

std::optional<ImportedFile> ImportSink::ledger(const QString &name, QString *error)
{
    std::promise<std::pair<std::optional<ImportedFile>, QString>> done;
    auto f = done.get_future();
    push(Ledger{name, &done}, false);
    auto [file, why] = f.get();
    if (!why.isEmpty() && error)
        *error = why;
    return file;
}

void ImportSink::beginFile(const SymbolInfo &symbol, int64_t samplePrice, int64_t sampleQty)
{
    {
        std::lock_guard lock(mutex_);
        failed_ = false;
    }
    push(Begin{symbol, samplePrice, sampleQty}, false);
}

void ImportSink::addTrades(std::vector<Trade> trades) { push(std::move(trades), true); }
void ImportSink::addSummary(DaySummaryRecord d) { push(std::move(d), false); }

QString ImportSink::commitFile(ImportedFile f)
{
    std::promise<QString> done;
    auto r = done.get_future();
    push(Commit{std::move(f), &done}, false);
    return r.get();
}

void ImportSink::rollbackFile()
{
    std::promise<QString> done;
    auto r = done.get_future();
    push(Rollback{&done}, false);
    r.get();
}

bool ImportSink::failed() const
{
    std::lock_guard lock(mutex_);
    return failed_;
}

int64_t ImportSink::retain(int days, QString *error)
{
    std::promise<QString> done;
    int64_t deleted = 0;
    auto r = done.get_future();
    push(Retain{days, &done, &deleted}, false);
    const QString why = r.get();
    if (why.isEmpty())
        return deleted;
    if (error)
        *error = why;
    return -1;
}

void ImportSink::run(std::promise<QString> *opened)
{
    Database db;
    std::unique_ptr<SymbolTable> symbols;
    std::unique_ptr<TradeInserter> trades;
    std::unique_ptr<RecordInserter> records;
    std::unique_ptr<ArchiveLedger> ledger;
    {
        QString why;
        Database::Options o;
        o.cacheKiB = 64 * 1024; // a day's inserts stay in cache until the commit
        if (!db.open(path_, o, &why)) {
            opened->set_value(why);
            return;
        }
        symbols = std::make_unique<SymbolTable>(db.handle());
        trades = std::make_unique<TradeInserter>(db.handle());
        records = std::make_unique<RecordInserter>(db.handle());
        ledger = std::make_unique<ArchiveLedger>(db.handle());
        if (!symbols->load(&why) || !trades->error().isEmpty() || !records->error().isEmpty()) {
            opened->set_value("cache database " + path_ + ": " +
                              (why.isEmpty() ? trades->error() + records->error() : why));
            return;
        }
        opened->set_value(QString());
    }
    const StoredSymbol *current = nullptr;
    QString fileError; // first error of the open file
    bool inFile = false;
    auto setFailed = [&](const QString &why) {
        if (fileError.isEmpty())
            fileError = why;
        std::lock_guard lock(mutex_);
        failed_ = true;
    };
    auto abortFile = [&] {
        db.rollback();
        trades->discard();
        symbols->load(nullptr);
        inFile = false;
        current = nullptr;
    };
    std::vector<Item> items;
    while (queue_.take(items)) {
        for (Item &item : items) {
            std::visit(
                [&](auto &it) {
                    using T = std::decay_t<decltype(it)>;
                    if constexpr (std::is_same_v<T, Begin>) {
                        fileError.clear();
                        QString why;
                        if (!db.begin(&why))
                            return setFailed(why);
                        inFile = true;
                        current = symbols->ensure(it.symbol, it.price, it.qty, &why);
                        if (!current)
                            setFailed(why);
                    } else if constexpr (std::is_same_v<T, std::vector<Trade>>) {
                        if (fileError.isEmpty() && current && !trades->add(*current, std::span<const Trade>(it)))
                            setFailed(trades->error());
                    } else if constexpr (std::is_same_v<T, DaySummaryRecord>) {
                        if (fileError.isEmpty() && current && !records->daySummary(current->id, it))
                            setFailed(records->error());
                    } else if constexpr (std::is_same_v<T, Commit>) {
                        QString why = fileError;
                        if (why.isEmpty() && !inFile)
                            why = "no file open";
                        if (why.isEmpty() && !trades->finishTransaction())
                            why = trades->error();
                        it.file.sym = current ? current->id : 0;
                        it.file.importedMs = QDateTime::currentMSecsSinceEpoch();
                        if (why.isEmpty() && !ledger->record(it.file, &why) && why.isEmpty())
                            why = "cannot record the file";
                        if (why.isEmpty() && !db.commit(&why) && why.isEmpty())
                            why = "commit failed";
                        if (!why.isEmpty())
                            abortFile();
                        inFile = false;
                        it.done->set_value(why);
                    } else if constexpr (std::is_same_v<T, Rollback>) {
                        abortFile();
                        it.done->set_value(QString());
                    } else if constexpr (std::is_same_v<T, Retain>) {
                        QString why;
                        RetentionResult r;
                        do {
                            if (!runRetentionChunk(db.handle(), it.days, 200'000, r, &why))
                                break;
                            *it.deleted += r.trades;
                        } while (r.more);
                        it.done->set_value(why);
                    } else {
                        QString why;
                        auto f = ledger->find(it.name, &why);
                        it.done->set_value({f, why});
                    }
                },
                item);
        }
        items.clear();
    }
    if (inFile)
        abortFile();
    records.reset();
    trades.reset();
}

} // namespace co
