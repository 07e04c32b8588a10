#pragma once
// The live Binance USD-M connection of one symbol group, on the thread that creates it: reads
// exchangeInfo (tick/step sizes, weight limit; cached on disk for offline starts), opens one
// /market (aggTrade, markPrice@1s, forceOrder) and one /public (depth@100ms) combined stream,
// decodes frames, runs a TradeGapFiller per symbol (lossless trades across reconnects, today's
// backfill on a background budget), fetches depth snapshots when the book sync asks, polls
// OI/funding, and reports status. Symbols beyond SYMBOLS are followed and dropped at run time
// (follow/unfollow): their streams are (un)subscribed on the open connections. Everything it produces leaves through the Sink; it never
// touches an engine.
#include "binance/Clock.h"
#include "binance/ExchangeTime.h"
#include "binance/FrameDecoder.h"
#include "binance/MarketPollers.h"
#include "binance/RestClient.h"
#include "binance/SessionRecorder.h"
#include "binance/StreamGroup.h"
#include "binance/TradeGapFiller.h"
#include "model/DataQuality.h"
#include "model/Event.h"
#include "model/FeedStatus.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrlQuery>
#include <QUrl>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace co {

struct ExchangeInfo;

class LiveSession : public QObject {
    Q_OBJECT
public:
    struct Options {
        QUrl restUrl, wsUrl;
        QStringList symbols;                 // upper case
        QString exchangeInfoCache;           // file; "" = no cache
        bool backfillToday = true;           // fill today's trades from before start-up
        std::function<int64_t(int64_t)> dayStart; // UTC ms of the start of the day holding an instant (default UTC)
        int64_t resumeWindowMs = 23 * 3'600'000; // older resume points cannot be filled by REST
        int64_t snapshotSpacingMs = 2000;    // between depth snapshots of a symbol, doubled on failure
        int depthLimit = 1000;
        int64_t bootRetryInitialMs = 2000, bootRetryMaxMs = 60'000; // exchangeInfo while offline
        int64_t statusEveryMs = 1000;
        int64_t timeSyncEveryMs = 600'000;   // /fapi/v1/time: the exchange's clock offset
        int64_t exchangeInfoEveryMs = 3'600'000; // the list of trading perpetuals (weight 1)
        int64_t allTickersEveryMs = 300'000; // ticker/24hr of every symbol (weight 40): the picker's volumes
        int maxStreamsPerConnection = 1024;  // Binance's limit; more open another connection
        QString recordDir;                   // "" = no recording (--record DIR)
        int64_t recordMaxBytes = 0;          // RECORD_MAX_GB; 0 = unbounded
        StreamClient::Options stream;
        RestClient::Options rest;            // rest.limits.historyFraction = backfill budget
        TradeGapFiller::Options filler;
        MarketPollers::Options polls;
    };
    struct Sink {
        std::function<void(std::vector<MarketEvent> &&)> events; // in order, per symbol continuous trades
        std::function<void(const std::string &symbol)> bookLost; // depth stream dropped
        std::function<void(const SymbolInfo &)> symbolInfo;
        std::function<void(const std::string &symbol, const Gap &)> unfilled; // trades REST could not give
        std::function<void(const BinanceStatus &)> status;
        std::function<void(const std::string &symbol, const Ticker24h &)> ticker24h; // each poll
        std::function<void(const std::vector<SymbolInfo> &)> listing; // trading USDT perpetuals, each exchangeInfo
        std::function<void(const std::map<std::string, int64_t> &)> quoteVolumes; // 24 h, every symbol
        std::function<void(const std::string &symbol)> removed; // unfollowed: nothing more comes for it
    };

    LiveSession(Options options, const Clock &clock, Sink sink, QObject *parent = nullptr);
    ~LiveSession() override;

    // Before start(): continue a symbol after this trade (e.g. restored from storage).
    void setResumeFrom(const QString &symbol, int64_t lastId, int64_t lastTimeMs);
    void start();
    void stop();
    // The book sync of `symbol` needs a REST snapshot (spaced, coalesced, retried).
    void requestSnapshot(const std::string &symbol);
    // The user gave up today's backfill of `symbol` ("" = every symbol): live trades go on, the
    // history not yet fetched stays a recorded gap, no more REST weight is spent on it.
    // Returns how many symbols had a backfill running.
    int cancelBackfill(const QString &symbol = {});

    // Follows a trading perpetual not followed yet (streams subscribed, today backfilled), or
    // stops following one. False when the symbol is not a trading perpetual / not followed.
    // Before the streams start, follow() is remembered.
    bool follow(const QString &symbol);
    bool unfollow(const QString &symbol);
    // Starts recording to `dir` (the --record format), or stops when empty.
    void setRecordDir(const QString &dir);

    BinanceStatus status() const;
    const DecodeStats &decodeStats() const noexcept { return decoder_.stats(); }

private:
    struct PerSymbol {
        std::unique_ptr<TradeGapFiller> filler;
        bool snapshotInFlight = false;
        bool snapshotWanted = false; // after the next diff (new connection)
        int64_t lastSnapshotMs = INT64_MIN / 2;
        int snapshotFailures = 0;
        uint64_t snapshots = 0;
        std::unique_ptr<QTimer> snapshotTimer;
        int64_t lastTradeLocalMs = 0;
        std::optional<QUrlQuery> pageQuery; // the aggTrades page asked and not yet answered
    };

    void boot();
    bool applyExchangeInfo(const ExchangeInfo &info, bool fromCache);
    void startStreams();
    // The per-symbol state and filler of `sym`; its stream names appended to the lists.
    void setupSymbol(const std::string &sym, QStringList &marketStreams, QStringList &publicStreams);
    void pollAllTickers();
    void publishListing(const ExchangeInfo &info);
    void onFrame(const QString &route, const QByteArray &frame);
    void sendSnapshot(const std::string &symbol);
    void fetchPage(const std::string &symbol, const TradeGapFiller::PageRequest &req);
    void publishStatus();
    void startAwaitingBackfills(); // the exchange's day is known
    int64_t exchangeNowMs() const { return time_->clock().nowMs(); }
    void emitEvents(std::vector<MarketEvent> &&events);
    void unreachable(const QString &what, const QString &reason, int64_t delayMs);

    Options options_;
    const Clock &clock_;
    Sink sink_;
    std::unique_ptr<RestClient> rest_;
    std::unique_ptr<ExchangeTime> time_;
    std::unique_ptr<SessionRecorder> recorder_; // what the engines consumed, replayable
    std::unique_ptr<StreamGroup> market_, public_;
    std::unique_ptr<MarketPollers> pollers_;
    FrameDecoder decoder_;
    std::vector<std::string> symbols_; // validated against exchangeInfo
    std::map<std::string, PerSymbol, std::less<>> per_;
    std::map<std::string, std::pair<int64_t, int64_t>> resume_;
    Backoff bootBackoff_;
    QTimer bootTimer_, statusTimer_, refreshTimer_, tickersTimer_;
    std::map<std::string, SymbolInfo, std::less<>> tradable_; // from the last exchangeInfo
    QStringList pendingFollows_; // asked before the streams started
    bool haveSymbols_ = false, streamsStarted_ = false, running_ = false;
    BinanceStatus::State state_ = BinanceStatus::State::Starting;
    QString message_;
    uint64_t unknownSymbol_ = 0;
};

} // namespace co
