#include "binance/StreamGroup.h"

#include <algorithm>

namespace co {

StreamGroup::StreamGroup(QUrl root, QString route, Options options, QObject *parent)
    : QObject(parent), root_(std::move(root)), route_(std::move(route)), options_(options)
{
    options_.maxStreamsPerConnection = std::max(1, options_.maxStreamsPerConnection);
}

StreamGroup::~StreamGroup() { stop(); }

StreamClient &StreamGroup::newClient()
{
    auto c = std::make_unique<StreamClient>(root_, route_, QStringList{}, options_.stream);
    StreamClient *raw = c.get();
    connect(raw, &StreamClient::message, this, &StreamGroup::message);
    connect(raw, &StreamClient::retrying, this, &StreamGroup::retrying);
    connect(raw, &StreamClient::connected, this, [this, raw] { Q_EMIT connected(raw->streams()); });
    connect(raw, &StreamClient::disconnected, this,
            [this, raw](const QString &why) { Q_EMIT disconnected(raw->streams(), why); });
    clients_.push_back(std::move(c));
    return *raw;
}

void StreamGroup::add(const QStringList &streams)
{
    QStringList rest;
    for (const QString &n : streams) {
        const bool held = std::any_of(clients_.begin(), clients_.end(),
                                      [&](const auto &c) { return c->streams().contains(n); });
        if (!held && !rest.contains(n))
            rest << n;
    }
    // Fill the connections with room first, in order; then new connections.
    for (auto &c : clients_) {
        const qsizetype room = options_.maxStreamsPerConnection - c->streams().size();
        if (room <= 0 || rest.isEmpty())
            continue;
        c->subscribe(rest.mid(0, room));
        rest = rest.mid(room);
    }
    while (!rest.isEmpty()) {
        StreamClient &c = newClient();
        c.subscribe(rest.mid(0, options_.maxStreamsPerConnection));
        rest = rest.mid(options_.maxStreamsPerConnection);
        if (running_) {
            c.setProxy(proxy_);
            c.start();
        }
    }
}

void StreamGroup::remove(const QStringList &streams)
{
    for (auto &c : clients_)
        c->unsubscribe(streams);
    // A connection left with nothing to carry is closed (the first one stays for the proxy/url).
    for (size_t i = clients_.size(); i-- > 1;)
        if (clients_[i]->streams().isEmpty()) {
            clients_[i]->stop();
            clients_[i]->disconnect(this);
            clients_[i].release()->deleteLater();
            clients_.erase(clients_.begin() + qsizetype(i));
        }
}

void StreamGroup::start()
{
    if (running_)
        return;
    running_ = true;
    if (clients_.empty())
        newClient();
    for (auto &c : clients_) {
        c->setProxy(proxy_);
        c->start();
    }
}

void StreamGroup::stop()
{
    running_ = false;
    for (auto &c : clients_)
        c->stop();
}

QUrl StreamGroup::url() const
{
    return clients_.empty() ? StreamClient(root_, route_, {}, options_.stream).url() : clients_.front()->url();
}

bool StreamGroup::isConnected() const
{
    return !clients_.empty() &&
           std::all_of(clients_.begin(), clients_.end(), [](const auto &c) { return c->isConnected(); });
}

uint64_t StreamGroup::connects() const
{
    uint64_t n = 0;
    for (const auto &c : clients_)
        n += c->stats().connects;
    return n;
}

StreamStatus StreamGroup::status() const
{
    StreamStatus o;
    o.route = route_.toStdString();
    o.connected = isConnected();
    for (const auto &c : clients_) {
        const StreamStatus s = c->status();
        if (s.lastMessageAgeMs >= 0 && (o.lastMessageAgeMs < 0 || s.lastMessageAgeMs < o.lastMessageAgeMs))
            o.lastMessageAgeMs = s.lastMessageAgeMs;
        o.connects += s.connects;
        o.reconnects += s.reconnects;
        o.messages += s.messages;
        o.rotations += s.rotations;
        o.watchdogTrips += s.watchdogTrips;
        if (!s.lastError.empty())
            o.lastError = s.lastError;
    }
    o.connections = int(clients_.size());
    return o;
}

} // namespace co
