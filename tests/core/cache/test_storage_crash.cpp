// Crash safety of the cache: the ingesting process (storage_ingest_helper: engine → observer →
// TradeWriter) is killed with SIGKILL 20 times at random moments. After each kill the database
// must pass PRAGMA integrity_check, hold every trade id once with no hole, and have lost at most
// the last second: every trade the process had applied a second before the kill is stored.
// Each restart restores from the cache and continues after the last stored id.
#include "storage/CacheReader.h"

#include <QDateTime>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <vector>

namespace {
struct Accepted {
    qint64 id = 0, wallMs = 0;
};

qint64 one(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}
} // namespace

class TestStorageCrash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void killedTwentyTimes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        const quint32 seed = QRandomGenerator::securelySeeded().generate();
        QRandomGenerator rnd(seed);
        qInfo("seed %u", seed);
        qint64 storedBefore = 0, worstLossMs = 0, killsWhileIngesting = 0;
        for (int run = 0; run < 20; ++run) {
            QProcess p;
            p.setProcessChannelMode(QProcess::SeparateChannels);
            std::vector<Accepted> accepted;
            qint64 readyId = -1;
            QByteArray pendingOut;
            connect(&p, &QProcess::readyReadStandardOutput, [&] {
                pendingOut += p.readAllStandardOutput();
                for (int nl; (nl = pendingOut.indexOf('\n')) >= 0; pendingOut.remove(0, nl + 1)) {
                    const QList<QByteArray> f = pendingOut.left(nl).split(' ');
                    if (f.value(0) == "ready")
                        readyId = f.value(1).toLongLong();
                    else if (f.value(0) == "accepted" && f.size() == 3)
                        accepted.push_back({f[1].toLongLong(), f[2].toLongLong()});
                }
            });
            p.start(CO_HELPER_PATH, {path});
            QVERIFY2(p.waitForStarted(5000), qPrintable(p.errorString()));
            const int killAfterMs = rnd.bounded(100, 1400); // sometimes during start-up or restore
            QTest::qWait(killAfterMs);
            const qint64 killWall = QDateTime::currentMSecsSinceEpoch();
            ::kill(pid_t(p.processId()), SIGKILL);
            QVERIFY(p.waitForFinished(5000));
            QCOMPARE(p.exitStatus(), QProcess::CrashExit);
            if (readyId >= 0)
                QCOMPARE(readyId, storedBefore); // the restart resumed after the last stored id

            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "check");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            {
                QSqlQuery q(db);
                QVERIFY(q.exec("PRAGMA integrity_check") && q.next());
                QCOMPARE(q.value(0).toString(), QString("ok"));
                // Blocks and open rows, decoded as readers see them: ids strictly rising.
                qint64 n = 0, distinct = 0, minId = 1, maxId = 0;
                {
                    co::CacheReader reader;
                    QString why;
                    QVERIFY2(reader.open(path, &why), qPrintable(why));
                    QVERIFY2(reader.scanTrades("BTCUSDT", co::TradeSource::AggTrade, 0,
                                               [&](std::span<const co::Trade> ts) {
                                                   for (const co::Trade &t : ts) {
                                                       if (n == 0)
                                                           minId = t.id;
                                                       distinct += t.id > maxId;
                                                       maxId = std::max<qint64>(maxId, t.id);
                                                       ++n;
                                                   }
                                                   return true;
                                               },
                                               &why),
                             qPrintable(why));
                }
                QCOMPARE(one(db, "SELECT count(*) FROM trade_blocks a JOIN trade_blocks b ON a.sym = b.sym AND "
                                 "a.src = b.src AND a.first_id < b.first_id AND b.first_id <= a.last_id"),
                         0);           // blocks never overlap
                QCOMPARE(distinct, n);         // no id doubled
                QCOMPARE(minId, 1);
                QCOMPARE(n, maxId);            // no hole: ids 1..max
                QVERIFY(maxId >= storedBefore); // nothing stored before was lost
                // At most the last second is missing.
                qint64 mustHave = storedBefore, lastAccepted = storedBefore;
                for (const Accepted &a : accepted) {
                    lastAccepted = std::max(lastAccepted, a.id);
                    if (a.wallMs <= killWall - 1000)
                        mustHave = std::max(mustHave, a.id);
                }
                QVERIFY2(maxId >= mustHave, qPrintable(QStringLiteral("run %1: stored up to %2, but %3 was applied "
                                                                      "more than a second before the kill")
                                                           .arg(run)
                                                           .arg(maxId)
                                                           .arg(mustHave)));
                if (maxId < lastAccepted && !accepted.empty()) {
                    // The oldest applied trade that is missing: how long before the kill.
                    for (const Accepted &a : accepted)
                        if (a.id > maxId) {
                            worstLossMs = std::max(worstLossMs, killWall - a.wallMs);
                            break;
                        }
                }
                if (!accepted.empty())
                    ++killsWhileIngesting;
                storedBefore = maxId;
            }
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase("check");
        }
        qInfo("%lld trades stored over 20 kills (%lld while ingesting); the oldest lost trade was applied %lld ms "
              "before its kill",
              storedBefore, killsWhileIngesting, worstLossMs);
        QVERIFY(storedBefore > 0);
        QVERIFY(killsWhileIngesting >= 10);
    }
};

QTEST_GUILESS_MAIN(TestStorageCrash)
#include "test_storage_crash.moc"
