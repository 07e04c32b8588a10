#include "support/FakeProxy.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace co::test {

FakeProxy::FakeProxy(QObject *parent) : QObject(parent), server_(std::make_unique<QTcpServer>()) {}
FakeProxy::~FakeProxy() = default;

bool FakeProxy::listen()
{
    connect(server_.get(), &QTcpServer::newConnection, this, &FakeProxy::onConnection);
    return server_->listen(QHostAddress::LocalHost, 0);
}

quint16 FakeProxy::port() const { return server_->serverPort(); }

void FakeProxy::onConnection()
{
    while (QTcpSocket *c = server_->nextPendingConnection()) {
        c->setParent(this);
        connect(c, &QTcpSocket::readyRead, this, [this, c] { onFirstData(c); });
    }
}

void FakeProxy::onFirstData(QTcpSocket *client)
{
    const QByteArray peek = client->peek(8192);
    const qsizetype end = peek.indexOf("\r\n\r\n");
    if (end < 0)
        return; // the head is not complete yet
    client->disconnect(this);
    const QByteArray line = peek.left(peek.indexOf("\r\n"));
    lines_ << QString::fromLatin1(line);
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() < 3) {
        client->close();
        return;
    }
    const bool tunnel = parts[0] == "CONNECT";
    QString host;
    quint16 port = 0;
    if (tunnel) {
        const QList<QByteArray> hp = parts[1].split(':');
        host = QString::fromLatin1(hp.value(0));
        port = quint16(hp.value(1).toUShort());
        client->read(end + 4); // the CONNECT head is for us, not the target
    } else {
        const QUrl u(QString::fromLatin1(parts[1]));
        host = u.host();
        port = quint16(u.port(80));
    }
    auto *upstream = new QTcpSocket(client);
    connect(upstream, &QTcpSocket::connected, this, [client, upstream, tunnel] {
        if (tunnel)
            client->write("HTTP/1.1 200 Connection established\r\n\r\n");
        upstream->write(client->readAll());
        connect(client, &QTcpSocket::readyRead, upstream, [client, upstream] { upstream->write(client->readAll()); });
        connect(upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
    });
    connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
    connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
    connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
    upstream->connectToHost(host, port);
}

} // namespace co::test
