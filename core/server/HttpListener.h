#pragma once
// One server thread's listening socket: accepts connections itself (QTcpServer::incomingConnection)
// and keeps at most MAX_CONNECTIONS of them. At the cap the longest idle keep-alive connection is
// closed to make room; if none is idle the newcomer is served as a reserve connection (one request,
// /healthz only, 1 s for its head), and with the reserve full the oldest reserve connection gives
// way, so /healthz keeps answering while the connections are exhausted.
#include "server/HttpConnection.h"

#include <QList>
#include <QTcpServer>

namespace co {

class HttpListener : public QTcpServer {
public:
    static constexpr int kReserve = 16;

    HttpListener(const HttpLimits &limits, HttpCounters &counters, HttpConnection::Handler handler,
                 QObject *parent = nullptr);
    qsizetype open() const { return connections_.size() + reserve_.size(); }
    void closeAll();

protected:
    void incomingConnection(qintptr fd) override;

private:
    HttpLimits limits_;
    HttpCounters &counters_;
    HttpConnection::Handler handler_;
    QList<HttpConnection *> connections_, reserve_; // oldest first
};

} // namespace co
