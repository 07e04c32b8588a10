#pragma once
// A fake Binance USD-M host on 127.0.0.1 for tests (binance.md §1 "the fake server must
// emulate"): WebSocket routes /public and /market with the combined envelope and SUBSCRIBE acks,
// server pings, server-initiated close; REST exchangeInfo, depth, aggTrades (fromId/startTime
// paging), premiumIndex, openInterest, openInterestHist, fundingRate, fundingInfo, ticker/24hr and time, with
// X-MBX-USED-WEIGHT-1M counted per clock minute. It plays a script of market events (trades,
// depth diffs, mark prices) and can misbehave on request (Faults).
#include "binance/Clock.h"
#include "model/OrderBook.h"
#include "support/FakeMarketData.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTimer>
#include <QUrlQuery>

#include <map>
#include <memory>
#include <set>
#include <vector>

class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace co::test {

class FakeBinance : public QObject {
    Q_OBJECT
public:
    struct Faults {
        int dropEveryFrames = 0;            // abort every stream connection after this many data frames in total
        int64_t withheldFrom = 0, withheldTo = -1; // aggTrade ids never streamed (REST has them)
        std::set<size_t> droppedDiffs;      // diff indexes not streamed: breaks the pu chain
        int malformedEvery = 0;             // after every N data frames, a malformed one
        int rest429 = 0;                    // the next N REST requests answer 429
        int rest418 = 0;                    // the next N REST requests answer 418
        int retryAfterSec = -1;             // Retry-After on 429/418 (-1: none)
        int64_t banMs = 0;                  // 418 body: "banned until now + banMs"
        int restDelayMs = 0;                // every REST answer waits this long
        int64_t restLagTrades = 0;          // REST trails the stream by this many trades
        int snapshotLead = 0;               // the REST book is this many diffs ahead of the stream
        int pingEveryMs = 0;                // server ping frames
        int connectionLifetimeMs = 0;       // server closes each connection after this (24 h rule)
        int externalWeight = 0;             // weight other programs on the "IP" used this minute
        int weightLimit = 2400;             // per minute; beyond it the answer is 429 (exchangeInfo says 2400)
        bool stall = false;                 // connections stay up but nothing is sent
        int64_t clockOffsetMs = 0;          // the exchange's clock = the fake's clock + this (time, serverTime, E/T of answers)
        int malformedFunding = 0;           // the next N fundingRate/fundingInfo answers are 200 with broken JSON
    };
    struct RestHit {
        int64_t clockMs = 0;
        QString path;
        QUrlQuery query;
        int weight = 0;
        int status = 0;
    };

    explicit FakeBinance(const Clock &clock = SystemClock::instance(), QObject *parent = nullptr);
    ~FakeBinance() override;

    bool listen(); // both servers on 127.0.0.1, any free port
    QString restUrl() const;
    QString wsUrl() const;

    void addSymbol(FakeSymbolData data); // before play()
    Faults &faults() noexcept { return faults_; }

    // Plays the script: `perTick` events every `tickMs`. Marks are added once per second of data time.
    void play(int perTick, int tickMs);
    void pause();
    bool finished() const noexcept { return pos_ >= script_.size(); }
    size_t position() const noexcept { return pos_; }
    size_t scriptSize() const noexcept { return script_.size(); }
    // Releases events without streaming them (as if every client had been away): a count, or
    // everything within `ms` of data time from the current position.
    void skip(size_t events);
    void skipFor(int64_t ms);
    int64_t lastTradeIdReleased(const std::string &symbol) const;
    void dropConnections(); // abort every stream connection now

    const FakeSymbolData &data(const std::string &symbol) const;
    // The fake's settled funding (FakeBinanceFunding.cpp): one settlement at every multiple of the
    // symbol's interval, rate (floorMod(t / interval, 11) − 3) · 1e-5, mark price 50000 + t / interval
    // mod 100, none before 2020-01-01.
    static int64_t fundingRateAt(int64_t fundingTimeMs, int intervalHours);
    static int64_t fundingMarkAt(int64_t fundingTimeMs, int intervalHours);
    int64_t exchangeNowMs() const { return clock_.nowMs() + faults_.clockOffsetMs; }
    const std::vector<RestHit> &restHits() const noexcept { return hits_; }
    int maxWeightInAMinute() const;
    int requestsReceived() const noexcept { return received_; }
    int maxConcurrentRequests() const noexcept { return maxOpen_; } // received, not yet answered
    int connectionsAccepted() const noexcept { return accepted_; }
    int openConnections() const noexcept { return int(clients_.size()); }
    int pongs() const noexcept { return pongs_; }
    int subscribeAcks() const noexcept { return acks_; }
    // The most control messages (SUBSCRIBE, …) one connection sent within any second (Binance: 10).
    int maxControlMessagesPerSecond() const;
    int controlMessages() const noexcept { return controls_; }
    // The streams of every open connection of a route (SUBSCRIBE/UNSUBSCRIBE applied).
    std::set<std::string> streamsOpen(bool market) const;
    // Stream names per open connection of a route, in no particular order.
    std::vector<std::set<std::string>> connectionStreams(bool market) const;
    int framesSent() const noexcept { return framesSent_; }
    int malformedSent() const noexcept { return malformedSent_; }
    int serverCloses() const noexcept { return serverCloses_; }
    int drops() const noexcept { return drops_; } // dropConnections() calls that cut something

Q_SIGNALS:
    void scriptFinished();

private:
    struct Sym {
        FakeSymbolData data;
        std::string lower;
        size_t tradeHead = 0; // trades released: [0, tradeHead)
        size_t diffHead = 0;  // diffs released
        OrderBook book;       // initial book + released diffs
        int64_t markPrice = 0, lastMarkMs = 0;
    };
    enum class Kind : uint8_t { Trade, Depth, Mark };
    struct Step {
        Kind kind;
        uint32_t symbol;
        uint32_t index; // trade/diff index; for marks the data time in seconds is in `timeMs`
        int64_t timeMs;
    };
    struct Client {
        QWebSocket *socket;
        bool market; // route
        std::set<std::string> streams;
        int number = 0; // accept order
    };

    void buildScript();
    void tick();
    void release(const Step &s, bool stream);
    void broadcast(bool market, const std::string &stream, const QByteArray &frame);
    void onNewConnection();
    void onClientText(QWebSocket *s, const QString &text);
    void removeClient(QWebSocket *s);

    // REST (FakeBinanceRest.cpp)
    void onHttpConnection();
    void onHttpData(QTcpSocket *s);
    void answer(QTcpSocket *s, const QString &target);
    int route(const QString &path, const QUrlQuery &q, QByteArray &body);
    QByteArray depthJson(Sym &s, int limit);
    QByteArray aggTradesJson(const Sym &s, const QUrlQuery &q, int &status);
    QByteArray exchangeInfoJson() const;
    QByteArray fundingRateJson(const Sym &s, const QUrlQuery &q, int &status) const;
    QByteArray fundingInfoJson() const;
    QByteArray tickerJson(const Sym &s, int64_t now) const;
    Sym *findSymbol(const QString &name);

    const Clock &clock_;
    std::unique_ptr<QWebSocketServer> ws_;
    std::unique_ptr<QTcpServer> http_;
    std::vector<Sym> syms_;
    std::vector<Step> script_;
    size_t pos_ = 0;
    int perTick_ = 1;
    QTimer timer_, pingTimer_;
    std::map<QWebSocket *, Client> clients_;
    QElapsedTimer sinceStart_;
    std::map<int, std::vector<int64_t>> controlTimes_; // by connection number: real ms of each message
    int controls_ = 0;
    std::map<QTcpSocket *, QByteArray> httpBuffers_;
    Faults faults_;
    std::vector<RestHit> hits_;
    std::map<int64_t, int> weightByMinute_;
    int accepted_ = 0, drops_ = 0, pongs_ = 0, acks_ = 0, framesSent_ = 0, malformedSent_ = 0, serverCloses_ = 0;
    int framesSinceDrop_ = 0;
    int received_ = 0, open_ = 0, maxOpen_ = 0;
};

} // namespace co::test
