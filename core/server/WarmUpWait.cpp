#include "server/WarmUpWait.h"

#include <QTimer>

#include <cmath>
#include <mutex>

namespace co {

namespace {
struct Wait {
    std::mutex mutex;
    bool done = false;
    int id = 0; // the directory's watch
    std::function<void()> ready;
    std::weak_ptr<SymbolDirectory> dir;
    std::string symbol;
    QString name;
    ToolProgress progress;
};

void finish(const std::shared_ptr<Wait> &w)
{
    int id = 0;
    {
        std::lock_guard lock(w->mutex);
        if (w->done)
            return;
        w->done = true;
        id = w->id;
    }
    if (const auto dir = w->dir.lock(); dir && id)
        dir->unwatch(id);
    w->ready();
}

void check(const std::shared_ptr<Wait> &w)
{
    const auto dir = w->dir.lock();
    if (!dir)
        return finish(w);
    const SymbolAccess a = dir->peek(w->symbol);
    if (a.kind == SymbolAccess::Kind::WarmingUp) {
        w->progress(std::floor(a.progress * 100), 100, warmUpMessage(w->name, a.progress));
        return;
    }
    if (a.kind == SymbolAccess::Kind::Ready) // before the answer is released: nothing follows it
        w->progress(100, 100, w->name + ": today complete");
    finish(w); // ready, or dropped meanwhile: the call says which
}
} // namespace

QString warmUpMessage(const QString &symbol, double progress)
{
    return symbol + ": backfilling today, " + QString::number(int(std::floor(progress * 100))) + " %";
}

bool waitForWarmUp(const std::shared_ptr<SymbolDirectory> &dir, const QString &symbol,
                   const std::function<std::function<void()>()> &waitOne, const ToolProgress &progress, int limitMs)
{
    if (!dir || !progress)
        return false;
    const SymbolAccess a = dir->request(symbol.toStdString());
    if (a.kind != SymbolAccess::Kind::WarmingUp)
        return false;
    auto w = std::make_shared<Wait>();
    w->ready = waitOne();
    w->dir = dir;
    w->symbol = symbol.toStdString();
    w->name = symbol;
    w->progress = progress;
    progress(std::floor(a.progress * 100), 100, warmUpMessage(symbol, a.progress));
    const int id = dir->watch([w] { check(w); });
    bool doneBefore = false;
    {
        std::lock_guard lock(w->mutex);
        w->id = id;
        doneBefore = w->done;
    }
    if (!id) // the directory cannot tell: answer now, as without a token
        finish(w);
    else if (doneBefore) // finished before the id was known
        dir->unwatch(id);
    else
        check(w); // the backfill may have ended between request() and watch()
    QTimer::singleShot(limitMs, [w] { finish(w); });
    return true;
}

} // namespace co
