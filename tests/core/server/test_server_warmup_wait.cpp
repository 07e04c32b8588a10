// WarmUpWait (issue 19 point 5) over a hand-driven SymbolDirectory: progress as the warm-up moves,
// the wait ends when today is complete (100 % reported first), or at the time limit; nothing
// waits without a progress callback or for a symbol that is not warming up.
#include "server/WarmUpWait.h"

#include <QtTest>

#include <map>
#include <mutex>

using namespace co;

namespace {
struct Directory : SymbolDirectory {
    std::mutex mutex;
    SymbolAccess access;
    std::map<int, std::function<void()>> watchers;
    int next = 0;

    SymbolAccess request(const std::string &) override { return peek({}); }
    SymbolAccess peek(const std::string &) const override
    {
        std::lock_guard lock(const_cast<std::mutex &>(mutex));
        return access;
    }
    std::vector<SymbolListing> listing() const override { return {}; }
    int watch(std::function<void()> changed) override
    {
        watchers[++next] = std::move(changed);
        return next;
    }
    void unwatch(int id) override { watchers.erase(id); }
    void set(SymbolAccess::Kind kind, double progress)
    {
        {
            std::lock_guard lock(mutex);
            access.kind = kind;
            access.progress = progress;
        }
        auto copy = watchers;
        for (auto &[id, fn] : copy)
            fn();
    }
};

struct Seen {
    QList<std::pair<double, QString>> progress;
    int ready = 0;
    ToolProgress callback()
    {
        return [this](double done, double total, const QString &m) {
            QCOMPARE(total, 100.0);
            progress.append({done, m});
        };
    }
    std::function<std::function<void()>()> waitOne()
    {
        return [this] { return std::function<void()>([this] { ++ready; }); };
    }
};
} // namespace

class TestServerWarmUpWait : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void waitsUntilComplete()
    {
        auto dir = std::make_shared<Directory>();
        dir->set(SymbolAccess::Kind::WarmingUp, 0.1);
        Seen seen;
        QVERIFY(waitForWarmUp(dir, "ETHUSDT", seen.waitOne(), seen.callback(), 10'000));
        QCOMPARE(seen.progress.size(), 2); // at the call, then the first check
        QCOMPARE(seen.progress.front().first, 10.0);
        QCOMPARE(seen.progress.front().second, QString("ETHUSDT: backfilling today, 10 %"));
        dir->set(SymbolAccess::Kind::WarmingUp, 0.425);
        QCOMPARE(seen.progress.back(), std::make_pair(42.0, QString("ETHUSDT: backfilling today, 42 %")));
        QCOMPARE(seen.ready, 0);
        dir->set(SymbolAccess::Kind::Ready, 1);
        QCOMPARE(seen.progress.back().first, 100.0);
        QCOMPARE(seen.ready, 1);
        QVERIFY(dir->watchers.empty());
        dir->set(SymbolAccess::Kind::Ready, 1); // nothing more after the end
        QCOMPARE(seen.ready, 1);
    }

    void endsAtTheTimeLimit()
    {
        auto dir = std::make_shared<Directory>();
        dir->set(SymbolAccess::Kind::WarmingUp, 0.2);
        Seen seen;
        QElapsedTimer t;
        t.start();
        QVERIFY(waitForWarmUp(dir, "ETHUSDT", seen.waitOne(), seen.callback(), 200));
        QTRY_COMPARE_WITH_TIMEOUT(seen.ready, 1, 5000);
        QVERIFY(t.elapsed() >= 190);
        QVERIFY(dir->watchers.empty());
        QVERIFY(seen.progress.back().first < 100);
    }

    void noWaitWithoutTokenOrWarmUp()
    {
        auto dir = std::make_shared<Directory>();
        dir->set(SymbolAccess::Kind::WarmingUp, 0.2);
        Seen seen;
        QVERIFY(!waitForWarmUp(dir, "ETHUSDT", seen.waitOne(), {}, 200));
        dir->set(SymbolAccess::Kind::Ready, 1);
        QVERIFY(!waitForWarmUp(dir, "ETHUSDT", seen.waitOne(), seen.callback(), 200));
        dir->set(SymbolAccess::Kind::Pass, 0);
        QVERIFY(!waitForWarmUp(dir, "ETHUSDT", seen.waitOne(), seen.callback(), 200));
        QVERIFY(!waitForWarmUp(nullptr, "ETHUSDT", seen.waitOne(), seen.callback(), 200));
        QCOMPARE(seen.ready, 0);
        QVERIFY(seen.progress.isEmpty());
    }
};

QTEST_MAIN(TestServerWarmUpWait)
#include "test_server_warmup_wait.moc"
