#include "binance/MarketPollers.h"

#include "binance/Log.h"
#include "model/Fixed.h"
#include "model/Time.h"

#include <algorithm>

namespace co {

MarketPollers::MarketPollers(RestClient &rest, const Clock &clock, std::vector<std::string> symbols, Options options,
                             QObject *parent)
    : QObject(parent), rest_(rest), clock_(clock), symbols_(std::move(symbols)), options_(options)
{
    auto every = [this](QTimer &t, int64_t clockMs, auto fn) {
        t.setInterval(int(std::clamp<int64_t>(clock_.realMs(clockMs), 1, INT_MAX)));
        connect(&t, &QTimer::timeout, this, fn);
    };
    every(oiTimer_, options_.openInterestEveryMs, [this] { pollOpenInterest(); });
    every(histTimer_, options_.openInterestHistEveryMs, [this] { pollHistory(); });
    every(premiumTimer_, options_.premiumCheckEveryMs, [this] { pollPremium(false); });
    every(tickerTimer_, options_.tickerEveryMs, [this] { pollTicker(); });
    every(fundingTimer_, options_.fundingEveryMs, [this] { pollFunding(); });
}

void MarketPollers::start()
{
    pollPremium(true);
    pollOpenInterest();
    pollTicker();
    pollHistory();
    pollFunding();
    for (QTimer *t : {&oiTimer_, &histTimer_, &premiumTimer_, &tickerTimer_, &fundingTimer_})
        t->start();
}

void MarketPollers::addSymbol(const std::string &symbol)
{
    if (std::find(symbols_.begin(), symbols_.end(), symbol) != symbols_.end())
        return;
    // The start-up polls for this symbol alone (each poll walks symbols_; replies capture the name).
    std::vector<std::string> all = symbols_;
    symbols_ = {symbol};
    pollPremium(true);
    pollOpenInterest();
    pollTicker();
    pollHistory();
    all.push_back(symbol);
    symbols_ = std::move(all);
}

void MarketPollers::removeSymbol(const std::string &symbol)
{
    symbols_.erase(std::remove(symbols_.begin(), symbols_.end(), symbol), symbols_.end());
    lastMarkMs_.erase(symbol);
    lastHistMs_.erase(symbol);
    tickers_.erase(symbol);
    lastError_.erase(symbol);
}

bool MarketPollers::follows(const std::string &symbol) const
{
    return std::find(symbols_.begin(), symbols_.end(), symbol) != symbols_.end();
}

void MarketPollers::stop()
{
    for (QTimer *t : {&oiTimer_, &histTimer_, &premiumTimer_, &tickerTimer_, &fundingTimer_})
        t->stop();
}

void MarketPollers::post(const std::string &symbol, EventPayload payload)
{
    if (!follows(symbol))
        return; // a reply for a symbol dropped meanwhile
    MarketEvent e;
    e.symbol.assign(symbol);
    e.localMs = clock_.nowMs();
    e.payload = std::move(payload);
    std::vector<MarketEvent> v;
    v.push_back(std::move(e));
    if (onEvents)
        onEvents(std::move(v));
}

void MarketPollers::failed(const char *what, const std::string &symbol, const RestReply &r)
{
    const QString msg = QString("%1 %2: %3").arg(what, QString::fromStdString(symbol), r.error);
    lastError_[symbol] = msg;
    qCInfo(lcBinance).noquote() << "poll failed:" << msg;
}

void MarketPollers::pollOpenInterest()
{
    for (const std::string &s : symbols_) {
        QUrlQuery q{{"symbol", QString::fromStdString(s)}};
        rest_.get("/fapi/v1/openInterest", q, RestPriority::Poll, [this, s](const RestReply &r) {
            OpenInterest oi;
            std::string err;
            if (!r.ok)
                return failed("openInterest", s, r);
            if (!decodeOpenInterest(r.body.toStdString(), oi, &err))
                return failed("openInterest", s, RestReply{false, r.httpStatus, {}, QString::fromStdString(err), true});
            post(s, oi);
        }, 1);
    }
}

void MarketPollers::pollPremium(bool force)
{
    const int64_t now = clock_.nowMs();
    for (const std::string &s : symbols_) {
        auto it = lastMarkMs_.find(s);
        if (!force && it != lastMarkMs_.end() && now - it->second < options_.premiumCheckEveryMs)
            continue; // the stream delivers mark prices
        QUrlQuery q{{"symbol", QString::fromStdString(s)}};
        rest_.get("/fapi/v1/premiumIndex", q, RestPriority::Poll, [this, s](const RestReply &r) {
            MarkPrice m;
            std::string err;
            if (!r.ok)
                return failed("premiumIndex", s, r);
            if (!decodePremiumIndex(r.body.toStdString(), m, &err))
                return failed("premiumIndex", s, RestReply{false, r.httpStatus, {}, QString::fromStdString(err), true});
            post(s, m);
        }, 1);
    }
}

void MarketPollers::pollTicker()
{
    for (const std::string &s : symbols_) {
        QUrlQuery q{{"symbol", QString::fromStdString(s)}};
        rest_.get("/fapi/v1/ticker/24hr", q, RestPriority::History, [this, s](const RestReply &r) {
            Ticker24h t;
            std::string err;
            if (!r.ok)
                return failed("ticker/24hr", s, r);
            if (!decodeTicker24h(r.body.toStdString(), t, &err))
                return failed("ticker/24hr", s, RestReply{false, r.httpStatus, {}, QString::fromStdString(err), true});
            if (!follows(s))
                return; // dropped meanwhile
            tickers_[s] = t;
            if (onTicker)
                onTicker(s, t);
        }, 1);
    }
}

void MarketPollers::pollHistory()
{
    for (const std::string &s : symbols_)
        if (!histBusy_.count(s))
            histPage(s, 0, {}, 0);
}

// First run: pages backwards by endTime (the answer holds the latest `limit` rows of the range)
// until 30 days are covered. Later runs: the rows after the last one seen.
void MarketPollers::histPage(const std::string &symbol, int64_t endTimeMs, std::vector<OpenInterest> collected, int pages)
{
    constexpr int kLimit = 500;
    const int64_t now = clock_.nowMs();
    const int64_t oldest = now - options_.openInterestHistDays * kMsPerDay + 5 * kMsPerMinute;
    const auto last = lastHistMs_.find(symbol);
    QUrlQuery q{{"symbol", QString::fromStdString(symbol)}, {"period", "5m"}, {"limit", QString::number(kLimit)}};
    if (last != lastHistMs_.end())
        q.addQueryItem("startTime", QString::number(std::max(last->second + 1, oldest)));
    else if (endTimeMs > 0)
        q.addQueryItem("endTime", QString::number(endTimeMs));
    histBusy_.insert(symbol);
    rest_.get("/futures/data/openInterestHist", q, RestPriority::History,
              [this, symbol, oldest, collected = std::move(collected), pages](const RestReply &r) mutable {
                  std::vector<OpenInterest> rows;
                  std::string err;
                  if (!r.ok || !decodeOpenInterestHist(r.body.toStdString(), rows, &err)) {
                      histBusy_.erase(symbol);
                      return failed("openInterestHist", symbol,
                                    r.ok ? RestReply{false, r.httpStatus, {}, QString::fromStdString(err), true} : r);
                  }
                  const bool first = !lastHistMs_.count(symbol);
                  collected.insert(collected.end(), rows.begin(), rows.end());
                  int64_t earliest = INT64_MAX;
                  for (const OpenInterest &oi : rows)
                      earliest = std::min(earliest, oi.timeMs);
                  if (first && int(rows.size()) >= kLimit && earliest > oldest && pages < 40)
                      return histPage(symbol, earliest - 1, std::move(collected), pages + 1);
                  histBusy_.erase(symbol);
                  std::sort(collected.begin(), collected.end(),
                            [](const OpenInterest &a, const OpenInterest &b) { return a.timeMs < b.timeMs; });
                  std::vector<MarketEvent> events;
                  for (const OpenInterest &oi : collected) {
                      MarketEvent e;
                      e.symbol.assign(symbol);
                      e.localMs = clock_.nowMs();
                      e.payload = oi;
                      events.push_back(std::move(e));
                  }
                  if (!collected.empty())
                      lastHistMs_[symbol] = std::max(lastHistMs_[symbol], collected.back().timeMs);
                  else if (first)
                      lastHistMs_[symbol] = oldest; // nothing yet: next time ask from the window start
                  if (!events.empty() && onEvents && follows(symbol))
                      onEvents(std::move(events));
              },
              1);
}

// fundingInfo first (one request for every symbol), then each symbol's settled rates; a failed
// fundingInfo keeps the intervals known before.
void MarketPollers::pollFunding()
{
    rest_.get("/fapi/v1/fundingInfo", QUrlQuery{}, RestPriority::History, [this](const RestReply &r) {
        std::map<std::string, int> hours;
        std::string err;
        const bool decoded = r.ok && decodeFundingInfo(r.body.toStdString(), hours, &err);
        if (decoded)
            fundingHours_ = std::move(hours);
        else
            for (const std::string &s : symbols_)
                failed("fundingInfo", s, r.ok ? RestReply{false, r.httpStatus, {}, QString::fromStdString(err), true} : r);
        pollFundingRates();
    }, 1);
}

void MarketPollers::pollFundingRates()
{
    const int64_t oldest = clock_.nowMs() - options_.fundingHistoryDays * kMsPerDay;
    for (const std::string &s : symbols_) {
        const auto h = fundingHours_.find(s);
        const int hours = h == fundingHours_.end() ? 8 : h->second;
        const auto last = lastFundingMs_.find(s);
        // A changed interval asks for the newest settlement again, so it is posted with the new one.
        const bool changed = postedHours_.count(s) && postedHours_[s] != hours;
        const int64_t from = last == lastFundingMs_.end() ? oldest : std::max(oldest, last->second + (changed ? 0 : 1));
        QUrlQuery q{{"symbol", QString::fromStdString(s)}, {"startTime", QString::number(from)}, {"limit", "1000"}};
        rest_.get("/fapi/v1/fundingRate", q, RestPriority::History, [this, s, hours](const RestReply &r) {
            std::vector<FundingSettlement> rows;
            std::string err;
            if (!r.ok)
                return failed("fundingRate", s, r);
            if (!decodeFundingRates(r.body.toStdString(), rows, &err))
                return failed("fundingRate", s, RestReply{false, r.httpStatus, {}, QString::fromStdString(err), true});
            postedHours_[s] = hours;
            std::vector<MarketEvent> events;
            for (FundingSettlement &f : rows) {
                f.intervalHours = hours;
                lastFundingMs_[s] = std::max(lastFundingMs_[s], f.fundingTimeMs);
                MarketEvent e;
                e.symbol.assign(s);
                e.localMs = clock_.nowMs();
                e.payload = f;
                events.push_back(std::move(e));
            }
            if (!events.empty() && onEvents)
                onEvents(std::move(events));
        }, 1);
    }
}

SymbolFeedStatus MarketPollers::symbolStatus(const std::string &symbol) const
{
    SymbolFeedStatus o;
    if (auto it = tickers_.find(symbol); it != tickers_.end()) {
        const Ticker24h &t = it->second;
        o.ticker24h = TickerStatus{t.lastPrice, t.priceChangePercent, t.volume, t.quoteVolume, t.count};
    }
    if (auto it = lastMarkMs_.find(symbol); it != lastMarkMs_.end())
        o.lastMarkAgeMs = clock_.nowMs() - it->second;
    if (auto it = lastError_.find(symbol); it != lastError_.end())
        o.lastPollError = it->second.toStdString();
    return o;
}

} // namespace co
