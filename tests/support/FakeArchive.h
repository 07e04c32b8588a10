#pragma once
// A local HTTP server on 127.0.0.1 that plays data.binance.vision: fixed paths (else 404),
// requests counted per path, and paths that stall (headers and a first chunk, then silence). It
// runs on a thread of its own, because the archive downloader blocks the thread that calls it.
#include <QByteArray>
#include <QHostAddress>
#include <QMap>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace co::test {

class FakeArchive {
public:
    QMap<QString, QByteArray> files; // set before start()
    QSet<QString> stalled;           // of files: sends the first 1 KiB, then nothing

    FakeArchive() = default;
    FakeArchive(const FakeArchive &) = delete;
    FakeArchive &operator=(const FakeArchive &) = delete;
    ~FakeArchive()
    {
        thread_.quit();
        thread_.wait();
    }

    // The port listened on, 0 on failure.
    quint16 start()
    {
        auto *server = new QTcpServer;
        server->moveToThread(&thread_);
        // The server and its sockets go on their own thread as it ends.
        QObject::connect(&thread_, &QThread::finished, server, &QObject::deleteLater);
        thread_.start();
        quint16 port = 0;
        QMetaObject::invokeMethod(server, [this, server, &port] {
            QObject::connect(server, &QTcpServer::newConnection, server, [this, server] {
                while (QTcpSocket *s = server->nextPendingConnection())
                    serve(s);
            });
            if (server->listen(QHostAddress::LocalHost, 0))
                port = server->serverPort();
        }, Qt::BlockingQueuedConnection);
        return port;
    }

    int hits(const QString &path) const
    {
        const QMutexLocker lock(&mutex_);
        return hits_.value(path);
    }

private:
    void serve(QTcpSocket *s)
    {
        QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] {
            request_[s] += s->readAll();
            if (!request_[s].contains("\r\n\r\n"))
                return;
            const QString path = QString::fromLatin1(request_[s].split(' ').value(1));
            request_.remove(s); // a later socket may get the same address
            {
                const QMutexLocker lock(&mutex_);
                ++hits_[path];
            }
            const bool found = files.contains(path);
            const QByteArray body = found ? files[path] : QByteArray("Not Found");
            const QByteArray head = (found ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.1 404 Not Found\r\n") +
                                    QByteArray("Content-Length: ") + QByteArray::number(body.size()) +
                                    "\r\nConnection: close\r\n\r\n";
            if (stalled.contains(path)) {
                s->write(head + body.left(1024)); // the rest never comes
                return;
            }
            s->write(head + body);
            s->disconnectFromHost();
        });
        QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
    }

    QThread thread_;
    mutable QMutex mutex_;
    QMap<QString, int> hits_;                 // guarded by mutex_
    QMap<QTcpSocket *, QByteArray> request_; // on thread_ only
};

} // namespace co::test
