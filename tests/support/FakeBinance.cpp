#include "support/FakeBinance.h"

#include "model/Fixed.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>

namespace co::test {
namespace {

std::string num(int64_t v) { return std::to_string(v); }
std::string dec(int64_t v) { return formatFixed(v); }

std::string levels(const std::vector<PriceLevel> &ls)
{
    std::string out = "[";
    for (size_t i = 0; i < ls.size(); ++i) {
        if (i)
            out += ',';
        out += "[\"" + dec(ls[i].price) + "\",\"" + dec(ls[i].qty) + "\"]";
    }
    return out + "]";
}

QByteArray envelope(const std::string &stream, const std::string &data)
{
    return QByteArray::fromStdString("{\"stream\":\"" + stream + "\",\"data\":" + data + "}");
}

// Four kinds of bad frames, in turn: cut JSON, a required field missing, a bad decimal, not JSON.
QByteArray malformed(int n, const std::string &lower, const std::string &symbol)
{
    switch (n % 4) {
    case 0: return envelope(lower + "@aggTrade", "{\"e\":\"aggTrade\",\"s\":\"" + symbol + "\",\"a\":12").left(60);
    case 1: return envelope(lower + "@aggTrade", "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"" + symbol +
                                                     "\",\"p\":\"1.0\",\"q\":\"1\",\"T\":1,\"m\":true}");
    case 2: return envelope(lower + "@markPrice@1s", "{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"" + symbol +
                                                         "\",\"p\":\"1.2.3\",\"i\":\"1\",\"P\":\"1\",\"r\":\"0\",\"T\":0}");
    default: return QByteArray("{\"stream\": definitely not json");
    }
}
} // namespace

FakeBinance::FakeBinance(const Clock &clock, QObject *parent) : QObject(parent), clock_(clock)
{
    sinceStart_.start();
    connect(&timer_, &QTimer::timeout, this, &FakeBinance::tick);
    connect(&pingTimer_, &QTimer::timeout, this, [this] {
        for (auto &[s, c] : clients_)
            s->ping(QByteArray::number(clock_.nowMs()));
    });
}

FakeBinance::~FakeBinance()
{
    timer_.stop();
    // The servers delete their accepted sockets, whose signals must not reach this half-destroyed object.
    for (auto &[s, buf] : httpBuffers_)
        s->disconnect(this);
    httpBuffers_.clear();
    http_.reset();
    std::vector<QWebSocket *> sockets;
    for (auto &[s, c] : clients_)
        sockets.push_back(s);
    for (QWebSocket *s : sockets) {
        s->disconnect(this);
        s->abort();
        s->deleteLater();
    }
    clients_.clear();
    ws_.reset();
}

bool FakeBinance::listen()
{
    ws_ = std::make_unique<QWebSocketServer>("fake-binance", QWebSocketServer::NonSecureMode);
    http_ = std::make_unique<QTcpServer>();
    if (!ws_->listen(QHostAddress::LocalHost, 0) || !http_->listen(QHostAddress::LocalHost, 0))
        return false;
    connect(ws_.get(), &QWebSocketServer::newConnection, this, &FakeBinance::onNewConnection);
    connect(http_.get(), &QTcpServer::newConnection, this, &FakeBinance::onHttpConnection);
    return true;
}

QString FakeBinance::restUrl() const { return QString("http://127.0.0.1:%1").arg(http_->serverPort()); }
QString FakeBinance::wsUrl() const { return QString("ws://127.0.0.1:%1").arg(ws_->serverPort()); }

void FakeBinance::addSymbol(FakeSymbolData data)
{
    Sym s;
    s.lower = data.symbol;
    for (char &c : s.lower)
        c = char(std::tolower(uint8_t(c)));
    s.book.applySnapshot(data.initialBook);
    s.data = std::move(data);
    if (!s.data.trades.empty())
        s.markPrice = s.data.trades.front().price;
    syms_.push_back(std::move(s));
    buildScript();
}

const FakeSymbolData &FakeBinance::data(const std::string &symbol) const
{
    for (const Sym &s : syms_)
        if (s.data.symbol == symbol)
            return s.data;
    static const FakeSymbolData none;
    return none;
}

void FakeBinance::buildScript()
{
    script_.clear();
    for (uint32_t k = 0; k < syms_.size(); ++k) {
        const FakeSymbolData &d = syms_[k].data;
        int64_t t = INT64_MIN, first = INT64_MAX, last = INT64_MIN;
        for (uint32_t i = 0; i < d.trades.size(); ++i) { // keep id order even if T steps back
            t = std::max(t, d.trades[i].timeMs);
            script_.push_back({Kind::Trade, k, i, t});
        }
        t = INT64_MIN;
        for (uint32_t i = 0; i < d.diffs.size(); ++i) {
            t = std::max(t, d.diffs[i].eventMs);
            script_.push_back({Kind::Depth, k, i, t});
        }
        for (const Step &s : script_) {
            first = std::min(first, s.timeMs);
            last = std::max(last, s.timeMs);
        }
        for (int64_t m = (first / 1000 + 1) * 1000; first != INT64_MAX && m <= last; m += 1000)
            script_.push_back({Kind::Mark, k, 0, m});
    }
    std::stable_sort(script_.begin(), script_.end(), [](const Step &a, const Step &b) { return a.timeMs < b.timeMs; });
}

void FakeBinance::play(int perTick, int tickMs)
{
    perTick_ = std::max(1, perTick);
    timer_.start(tickMs);
    if (faults_.pingEveryMs > 0)
        pingTimer_.start(faults_.pingEveryMs);
}

void FakeBinance::pause() { timer_.stop(); }

void FakeBinance::skip(size_t events)
{
    for (size_t i = 0; i < events && pos_ < script_.size(); ++i)
        release(script_[pos_++], false);
}

void FakeBinance::skipFor(int64_t ms)
{
    if (pos_ >= script_.size())
        return;
    const int64_t until = script_[pos_].timeMs + ms;
    while (pos_ < script_.size() && script_[pos_].timeMs < until)
        release(script_[pos_++], false);
}

int64_t FakeBinance::lastTradeIdReleased(const std::string &symbol) const
{
    for (const Sym &s : syms_)
        if (s.data.symbol == symbol && s.tradeHead > 0)
            return s.data.trades[s.tradeHead - 1].id;
    return 0;
}

void FakeBinance::tick()
{
    for (int i = 0; i < perTick_ && pos_ < script_.size(); ++i)
        release(script_[pos_++], true);
    if (pos_ >= script_.size()) {
        timer_.stop();
        Q_EMIT scriptFinished();
    }
}

void FakeBinance::release(const Step &st, bool stream)
{
    Sym &s = syms_[st.symbol];
    const std::string &S = s.data.symbol;
    switch (st.kind) {
    case Kind::Trade: {
        const Trade &t = s.data.trades[st.index];
        s.tradeHead = st.index + 1;
        s.markPrice = t.price;
        if (!stream || (t.id >= faults_.withheldFrom && t.id <= faults_.withheldTo))
            return;
        const std::string data = "{\"e\":\"aggTrade\",\"E\":" + num(t.timeMs + 2) + ",\"s\":\"" + S + "\",\"a\":" +
                                 num(t.id) + ",\"p\":\"" + dec(t.price) + "\",\"q\":\"" + dec(t.qty) + "\",\"nq\":\"" +
                                 dec(t.qty) + "\",\"f\":" + num(t.id * 3) + ",\"l\":" + num(t.id * 3 + 2) +
                                 ",\"T\":" + num(t.timeMs) + ",\"m\":" + (t.buyerMaker ? "true" : "false") + ",\"st\":1}";
        broadcast(true, s.lower + "@aggTrade", envelope(s.lower + "@aggTrade", data));
        return;
    }
    case Kind::Depth: {
        const DepthUpdate &u = s.data.diffs[st.index];
        s.book.apply(u);
        s.diffHead = st.index + 1;
        if (!stream || faults_.droppedDiffs.count(st.index))
            return;
        const std::string data = "{\"e\":\"depthUpdate\",\"E\":" + num(u.eventMs) + ",\"T\":" + num(u.txMs) +
                                 ",\"s\":\"" + S + "\",\"U\":" + num(u.firstId) + ",\"u\":" + num(u.lastId) +
                                 ",\"pu\":" + num(u.prevLastId) + ",\"b\":" + levels(u.bids) + ",\"a\":" + levels(u.asks) + "}";
        broadcast(false, s.lower + "@depth@100ms", envelope(s.lower + "@depth@100ms", data));
        return;
    }
    case Kind::Mark: {
        s.lastMarkMs = st.timeMs;
        if (!stream)
            return;
        const int64_t nextFunding = (st.timeMs / 28'800'000 + 1) * 28'800'000;
        const std::string p = dec(s.markPrice);
        const std::string data = "{\"e\":\"markPriceUpdate\",\"E\":" + num(st.timeMs) + ",\"s\":\"" + S + "\",\"p\":\"" +
                                 p + "\",\"ap\":\"" + p + "\",\"i\":\"" + p + "\",\"P\":\"" + p +
                                 "\",\"r\":\"0.00010000\",\"T\":" + num(nextFunding) + "}";
        broadcast(true, s.lower + "@markPrice@1s", envelope(s.lower + "@markPrice@1s", data));
        return;
    }
    }
}

void FakeBinance::broadcast(bool market, const std::string &stream, const QByteArray &frame)
{
    if (faults_.stall)
        return;
    const QString text = QString::fromUtf8(frame);
    std::vector<QWebSocket *> targets;
    for (auto &[s, c] : clients_)
        if (c.market == market && c.streams.count(stream))
            targets.push_back(s);
    for (QWebSocket *s : targets) {
        s->sendTextMessage(text);
        ++framesSent_;
        ++framesSinceDrop_;
        if (faults_.malformedEvery > 0 && framesSent_ % faults_.malformedEvery == 0) {
            const std::string sym = syms_.empty() ? "BTCUSDT" : syms_.front().data.symbol;
            const std::string lower = syms_.empty() ? "btcusdt" : syms_.front().lower;
            s->sendTextMessage(QString::fromUtf8(malformed(malformedSent_++, lower, sym)));
        }
    }
    if (faults_.dropEveryFrames > 0 && framesSinceDrop_ >= faults_.dropEveryFrames) {
        framesSinceDrop_ = 0;
        dropConnections();
    }
}

void FakeBinance::dropConnections()
{
    std::vector<QWebSocket *> sockets;
    for (auto &[s, c] : clients_)
        sockets.push_back(s);
    if (!sockets.empty())
        ++drops_;
    for (QWebSocket *s : sockets) {
        removeClient(s);
        s->abort();
    }
}

void FakeBinance::onNewConnection()
{
    while (QWebSocket *s = ws_->nextPendingConnection()) {
        const QUrl url = s->requestUrl();
        const QString path = url.path();
        if (path != "/market/stream" && path != "/public/stream") {
            s->close(QWebSocketProtocol::CloseCodePolicyViolated, "unknown route");
            s->deleteLater();
            continue;
        }
        ++accepted_;
        Client c{s, path.startsWith("/market"), {}, accepted_};
        const QString streams = QUrlQuery(url).queryItemValue("streams", QUrl::FullyDecoded);
        for (const QString &n : streams.split('/', Qt::SkipEmptyParts))
            c.streams.insert(n.toStdString());
        clients_[s] = c;
        connect(s, &QWebSocket::textMessageReceived, this, [this, s](const QString &t) { onClientText(s, t); });
        connect(s, &QWebSocket::disconnected, this, [this, s] { removeClient(s); });
        connect(s, &QWebSocket::pong, this, [this] { ++pongs_; });
        if (faults_.connectionLifetimeMs > 0)
            QTimer::singleShot(faults_.connectionLifetimeMs, s, [this, s] {
                ++serverCloses_;
                s->close(QWebSocketProtocol::CloseCodeNormal, "connection lifetime reached");
            });
    }
}

void FakeBinance::onClientText(QWebSocket *s, const QString &text)
{
    auto it = clients_.find(s);
    if (it == clients_.end())
        return;
    const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString method = o.value("method").toString();
    controlTimes_[it->second.number].push_back(sinceStart_.elapsed());
    ++controls_;
    QJsonObject reply{{"id", o.value("id")}};
    if (method == "SUBSCRIBE" || method == "UNSUBSCRIBE") {
        for (const QJsonValue &v : o.value("params").toArray()) {
            if (method == "SUBSCRIBE")
                it->second.streams.insert(v.toString().toStdString());
            else
                it->second.streams.erase(v.toString().toStdString());
        }
        reply["result"] = QJsonValue::Null;
        ++acks_;
    } else if (method == "LIST_SUBSCRIPTIONS") {
        QJsonArray list;
        for (const std::string &n : it->second.streams)
            list.append(QString::fromStdString(n));
        reply["result"] = list;
    } else {
        reply = QJsonObject{{"error", QJsonObject{{"code", 2}, {"msg", "Invalid request"}}}, {"id", o.value("id")}};
    }
    s->sendTextMessage(QString::fromUtf8(QJsonDocument(reply).toJson(QJsonDocument::Compact)));
}

void FakeBinance::removeClient(QWebSocket *s)
{
    if (clients_.erase(s)) {
        s->disconnect(this);
        s->deleteLater();
    }
}

int FakeBinance::maxControlMessagesPerSecond() const
{
    size_t most = 0;
    for (const auto &[n, times] : controlTimes_) // ascending: a sliding one-second window
        for (size_t i = 0, j = 0; j < times.size(); ++j) {
            while (times[j] - times[i] >= 1000)
                ++i;
            most = std::max(most, j - i + 1);
        }
    return int(most);
}

std::set<std::string> FakeBinance::streamsOpen(bool market) const
{
    std::set<std::string> out;
    for (const auto &[s, c] : clients_)
        if (c.market == market)
            out.insert(c.streams.begin(), c.streams.end());
    return out;
}

std::vector<std::set<std::string>> FakeBinance::connectionStreams(bool market) const
{
    std::vector<std::set<std::string>> out;
    for (const auto &[s, c] : clients_)
        if (c.market == market)
            out.push_back(c.streams);
    return out;
}

int FakeBinance::maxWeightInAMinute() const
{
    int m = 0;
    for (const auto &[minute, w] : weightByMinute_)
        m = std::max(m, w);
    return m;
}

} // namespace co::test
