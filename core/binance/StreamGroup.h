#pragma once
// The connections of one WebSocket route ("market" or "public"): streams are spread over as few
// StreamClients as Binance allows (at most 1024 streams a connection, binance.md §4). Streams
// added later are subscribed on a connection with room (SUBSCRIBE on the open socket), or a new
// connection is opened when all are full; the other connections never reconnect for it.
#include "binance/StreamClient.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

namespace co {

class StreamGroup : public QObject {
    Q_OBJECT
public:
    struct Options {
        StreamClient::Options stream;
        int maxStreamsPerConnection = 1024;
    };

    StreamGroup(QUrl root, QString route, Options options, QObject *parent = nullptr);
    ~StreamGroup() override;

    void setProxy(const QNetworkProxy &proxy) { proxy_ = proxy; }
    void add(const QStringList &streams); // before or after start()
    void remove(const QStringList &streams);
    void start();
    void stop();

    const QString &route() const noexcept { return route_; }
    QUrl url() const; // of the first connection (for the proxy choice)
    bool isConnected() const;   // every connection is up
    uint64_t connects() const;  // over all connections
    size_t connections() const noexcept { return clients_.size(); }
    const StreamClient &client(size_t i) const { return *clients_[i]; }
    // All connections as one: connected when all are, counters summed, the freshest message age.
    StreamStatus status() const;

Q_SIGNALS:
    void message(const QByteArray &utf8);
    void connected(const QStringList &streams); // the streams of the connection that came up
    void disconnected(const QStringList &streams, const QString &reason);
    void retrying(const QString &reason, qint64 delayMs, bool afterDrop);

private:
    StreamClient &newClient();

    QUrl root_;
    QString route_;
    Options options_;
    QNetworkProxy proxy_{QNetworkProxy::DefaultProxy};
    std::vector<std::unique_ptr<StreamClient>> clients_;
    bool running_ = false;
};

} // namespace co
