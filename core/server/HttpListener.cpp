#include "server/HttpListener.h"

namespace co {

HttpListener::HttpListener(const HttpLimits &limits, HttpCounters &counters, HttpConnection::Handler handler,
                           QObject *parent)
    : QTcpServer(parent), limits_(limits), counters_(counters), handler_(std::move(handler))
{
}

void HttpListener::incomingConnection(qintptr fd)
{
    if (connections_.size() >= limits_.maxConnections) {
        // The longest idle keep-alive connection (idle ≥ 1 s: not one that just arrived) makes room.
        HttpConnection *idlest = nullptr;
        for (HttpConnection *c : std::as_const(connections_))
            if (c->idle() && c->idleSinceMs() >= 1000 && (!idlest || c->idleSinceMs() > idlest->idleSinceMs()))
                idlest = c;
        if (idlest) {
            ++counters_.idleTimeouts;
            idlest->close(); // closed() takes it off the list
        }
    }
    const bool reserve = connections_.size() >= limits_.maxConnections;
    if (reserve && reserve_.size() >= kReserve) {
        ++counters_.refused;
        reserve_.first()->close(); // it had its second: the newest may be a /healthz probe
    }
    auto *c = new HttpConnection(fd, limits_, counters_, handler_, reserve, this);
    if (!c->valid()) {
        delete c;
        return;
    }
    QList<HttpConnection *> &list = reserve ? reserve_ : connections_;
    list.append(c);
    connect(c, &HttpConnection::closed, this, [this, c] {
        connections_.removeOne(c);
        reserve_.removeOne(c);
    });
}

void HttpListener::closeAll()
{
    close(); // no new connections
    const QList<HttpConnection *> all = connections_ + reserve_;
    for (HttpConnection *c : all)
        c->close();
}

} // namespace co
