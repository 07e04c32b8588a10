// The archive downloader against a fake archive on 127.0.0.1: checksum, download and sha256 check,
// progress on the calling thread, the proxy factory it is given, a prompt cancel of a stalled
// transfer (no retry), and no event loop spun on the caller's thread while it blocks.
#include "archive/ArchiveDownloader.h"
#include "archive/Sha256.h"
#include "support/FakeArchive.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkProxyFactory>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace co;
using co::test::FakeArchive;

namespace {

const QString kDir = "/data/futures/um/daily/aggTrades/BTCUSDT/";

QByteArray payload(int size)
{
    QByteArray b(size, '\0');
    for (int i = 0; i < size; ++i)
        b[i] = char('a' + i % 26);
    return b;
}

QString sha256(const QByteArray &b)
{
    Sha256 h;
    h.add(b);
    return h.hex();
}

// Publishes a zip (any bytes) and its .CHECKSUM; returns the zip's path.
QString publish(FakeArchive &archive, const QString &date, const QByteArray &zip, const QString &sha)
{
    const QString name = ArchiveDownloader::fileName("BTCUSDT", date);
    archive.files[kDir + name] = zip;
    archive.files[kDir + name + ".CHECKSUM"] = sha.toLatin1() + "  " + name.toLatin1() + "\n";
    return kDir + name;
}

// No proxy, but counts the asks (on the network thread).
class CountingProxy : public QNetworkProxyFactory {
public:
    explicit CountingProxy(std::atomic<int> *asked) : asked_(asked) {}
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &) override
    {
        ++*asked_;
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    }

private:
    std::atomic<int> *asked_;
};

} // namespace

class TestArchiveDownloader : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

private Q_SLOTS:
    void downloadsAndVerifies()
    {
        FakeArchive archive;
        const QByteArray zip = payload(3 << 20);
        publish(archive, "2024-08-06", zip, sha256(zip));
        const quint16 port = archive.start();
        QVERIFY(port);
        std::atomic<int> asked{0};
        ArchiveDownloader net(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)), tmp_.path(),
                              new CountingProxy(&asked));
        const QUrl url = net.urlOf("BTCUSDT", "2024-08-06");
        const ArchiveDownloader::Checksum c = net.checksum(url);
        QCOMPARE(int(c.status), int(ArchiveDownloader::Checksum::Status::Ok));
        QCOMPARE(c.sha256, sha256(zip));
        QVERIFY(asked > 0); // the factory passed in is the one asked

        QThread *caller = QThread::currentThread();
        bool onCaller = true;
        qint64 last = -1, total = -1;
        int calls = 0;
        ArchiveDownloader::Download d = net.download(url, c.sha256, [&](qint64 got, qint64 size) {
            onCaller = onCaller && QThread::currentThread() == caller;
            last = got;
            total = size;
            ++calls;
        });
        QVERIFY2(d.ok, qPrintable(d.message));
        QVERIFY(calls > 0);
        QVERIFY(onCaller);
        QCOMPARE(last, qint64(zip.size()));
        QCOMPARE(total, qint64(zip.size()));
        QFile f(d.file->fileName());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll() == zip);
    }

    void missingAndMismatch()
    {
        FakeArchive archive;
        const QByteArray zip = payload(4096);
        publish(archive, "2024-08-07", zip, sha256(payload(10)));
        const quint16 port = archive.start();
        QVERIFY(port);
        ArchiveDownloader net(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), tmp_.path());
        const ArchiveDownloader::Checksum missing = net.checksum(net.urlOf("BTCUSDT", "2024-08-08"));
        QCOMPARE(int(missing.status), int(ArchiveDownloader::Checksum::Status::Missing));
        QVERIFY2(missing.message.contains("not in the archive"), qPrintable(missing.message));

        const QUrl url = net.urlOf("BTCUSDT", "2024-08-07");
        const ArchiveDownloader::Checksum c = net.checksum(url);
        QCOMPARE(int(c.status), int(ArchiveDownloader::Checksum::Status::Ok));
        const ArchiveDownloader::Download d = net.download(url, c.sha256);
        QVERIFY(!d.ok);
        QVERIFY2(d.message.contains("checksum mismatch"), qPrintable(d.message));
        QVERIFY(!d.file);
    }

    // A transfer that stalls after its first chunk (no data, no progress) ends within the
    // cancel poll once the flag is raised, and is not retried.
    void cancelsAStalledDownloadPromptly()
    {
        FakeArchive archive;
        const QByteArray zip = payload(1 << 20);
        const QString path = publish(archive, "2024-08-06", zip, sha256(zip));
        archive.stalled.insert(path);
        const QString stalledSum = publish(archive, "2024-08-07", zip, sha256(zip)) + ".CHECKSUM";
        archive.stalled.insert(stalledSum);
        const quint16 port = archive.start();
        QVERIFY(port);
        std::atomic<bool> cancel{false};
        ArchiveDownloader net(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), tmp_.path());
        net.setCancelFlag(&cancel);
        const QUrl url = net.urlOf("BTCUSDT", "2024-08-06");

        std::atomic<qint64> raisedAt{0};
        QElapsedTimer clock;
        clock.start();
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(400));
            raisedAt = clock.elapsed();
            cancel = true;
        });
        const ArchiveDownloader::Download d = net.download(url, sha256(zip), [](qint64, qint64) {});
        const qint64 returnedAt = clock.elapsed();
        canceller.join();
        QVERIFY(!d.ok);
        QVERIFY2(d.message.endsWith("download cancelled"), qPrintable(d.message));
        QVERIFY2(returnedAt - raisedAt < 600, qPrintable(QString::number(returnedAt - raisedAt)));
        QCOMPARE(archive.hits(path), 1);

        // A stalled .CHECKSUM gives way too.
        clock.restart();
        const ArchiveDownloader::Checksum c = net.checksum(net.urlOf("BTCUSDT", "2024-08-07"));
        QCOMPARE(int(c.status), int(ArchiveDownloader::Checksum::Status::Failed));
        QVERIFY2(c.message.endsWith("cancelled"), qPrintable(c.message));
        QVERIFY(clock.elapsed() < 600);
        QCOMPARE(archive.hits(stalledSum), 1);
    }

    // The caller blocks on a future, not in a nested event loop: an event posted to its thread
    // before the download is still waiting afterwards.
    void runsNoEventLoopOnTheCaller()
    {
        FakeArchive archive;
        const QByteArray zip = payload(256 << 10);
        publish(archive, "2024-08-06", zip, sha256(zip));
        const quint16 port = archive.start();
        QVERIFY(port);
        ArchiveDownloader net(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), tmp_.path());
        bool fired = false;
        QObject context;
        QTimer::singleShot(0, &context, [&] { fired = true; });
        const QUrl url = net.urlOf("BTCUSDT", "2024-08-06");
        const ArchiveDownloader::Checksum c = net.checksum(url);
        const ArchiveDownloader::Download d = net.download(url, c.sha256, [](qint64, qint64) {});
        QVERIFY2(d.ok, qPrintable(d.message));
        QVERIFY(!fired);
        QTRY_VERIFY(fired); // delivered once this thread runs its own loop
    }
};

QTEST_GUILESS_MAIN(TestArchiveDownloader)
#include "test_archive_downloader.moc"
