#pragma once
// An HTTP proxy on 127.0.0.1 for the proxy test: CONNECT host:port tunnels (how QWebSocket goes
// through an HTTP proxy) and absolute-form GETs (how QNetworkAccessManager sends plain http),
// both relayed byte for byte. It records the request line of every client connection.
#include <QObject>
#include <QStringList>

#include <memory>

class QTcpServer;
class QTcpSocket;

namespace co::test {

class FakeProxy : public QObject {
    Q_OBJECT
public:
    explicit FakeProxy(QObject *parent = nullptr);
    ~FakeProxy() override;
    bool listen();
    quint16 port() const;
    const QStringList &requestLines() const noexcept { return lines_; }

private:
    void onConnection();
    void onFirstData(QTcpSocket *client);

    std::unique_ptr<QTcpServer> server_;
    QStringList lines_;
};

} // namespace co::test
