#pragma once
// Periodic REST polls of one symbol group (binance.md §2): openInterest every minute,
// openInterestHist (5m, the last 30 days) at start and then hourly from the last row,
// premiumIndex at start and whenever the mark-price stream has been silent for a minute (funding
// fallback), fundingInfo + fundingRate (settled rates, 30 days at start, then the new ones every
// 15 min), ticker/24hr for the status line and the snapshot's 24 h figures. Decoded values go to `onEvents`. Each poll is one
// attempt: the next period is the retry.
#include "binance/RestClient.h"
#include "binance/RestDecoders.h"
#include "model/Event.h"
#include "model/FeedStatus.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace co {

class MarketPollers : public QObject {
    Q_OBJECT
public:
    struct Options {
        int64_t openInterestEveryMs = 60'000;
        int64_t openInterestHistEveryMs = 3'600'000;
        int64_t openInterestHistDays = 30;
        int64_t premiumCheckEveryMs = 60'000; // also the mark-price silence that triggers a poll
        int64_t tickerEveryMs = 60'000;       // the snapshot's 24 h figures until trades cover 24 h
        int64_t fundingEveryMs = 900'000;
        int64_t fundingHistoryDays = 30;
    };

    MarketPollers(RestClient &rest, const Clock &clock, std::vector<std::string> symbols, Options options,
                  QObject *parent = nullptr);

    std::function<void(std::vector<MarketEvent> &&)> onEvents;
    std::function<void(const std::string &symbol, const Ticker24h &)> onTicker;

    void start();
    void stop();
    // Symbols followed on demand: polled from now on (at once), or no more (late replies ignored).
    void addSymbol(const std::string &symbol);
    void removeSymbol(const std::string &symbol);
    bool follows(const std::string &symbol) const;
    void markSeen(const std::string &symbol) { lastMarkMs_[symbol] = clock_.nowMs(); }
    // The poll fields of a symbol's status (ticker, mark-price age, last poll error).
    SymbolFeedStatus symbolStatus(const std::string &symbol) const;

private:
    void pollOpenInterest();
    void pollPremium(bool force);
    void pollTicker();
    void pollHistory();
    void pollFunding();
    void pollFundingRates();
    void histPage(const std::string &symbol, int64_t endTimeMs, std::vector<OpenInterest> collected, int pages);
    void post(const std::string &symbol, EventPayload payload);
    void failed(const char *what, const std::string &symbol, const RestReply &r);

    RestClient &rest_;
    const Clock &clock_;
    std::vector<std::string> symbols_;
    Options options_;
    QTimer oiTimer_, histTimer_, premiumTimer_, tickerTimer_, fundingTimer_;
    std::map<std::string, int64_t> lastMarkMs_, lastHistMs_;
    std::map<std::string, Ticker24h> tickers_;
    std::map<std::string, QString> lastError_;
    std::set<std::string> histBusy_; // history paging under way
    std::map<std::string, int> fundingHours_;       // fundingInfo's list (absent: 8 h)
    std::map<std::string, int64_t> lastFundingMs_;  // newest settlement seen
    std::map<std::string, int> postedHours_;        // interval the last rates were posted with
};

} // namespace co
