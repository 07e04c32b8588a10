#include "engine/MarketEngine.h"

#include "indicators/ValueArea.h"
#include "model/Fixed.h"
#include "model/Time.h"

#include <algorithm>

namespace co {

namespace {
constexpr size_t kMaxGapsKept = 1000;
}

MarketEngine::MarketEngine(SymbolInfo symbol, EngineConfig config)
    : symbol_(std::move(symbol)), config_(std::move(config)), dayClock_(config_.dayZone), sessions_(config_.sessions)
{
    largeThreshold_ = __int128(config_.largeTradeNotional) * kFixedOne * kFixedOne;
    quality_.tickSize = symbol_.tickSize;
    quality_.tickSource = symbol_.tickSource;
    if (symbol_.tickSize > 0)
        scaler_.ensureDecimals(fixedDecimals(symbol_.tickSize), fixedDecimals(symbol_.stepSize));
}

void MarketEngine::setTickSize(int64_t tick, TickSource source)
{
    symbol_.tickSize = tick;
    symbol_.tickSource = source;
    quality_.tickSize = tick;
    quality_.tickSource = source;
}

void MarketEngine::setLive(bool live, const std::string &source)
{
    quality_.live = live;
    quality_.source = source;
}

void MarketEngine::noteExcluded(const std::string &orderType, int64_t n) { quality_.excluded[orderType] += n; }

void MarketEngine::noteGap(const Gap &g)
{
    if (g.fromId != 0 || g.toId != 0)
        notedIds_ = {g.fromId, g.toId};
    if (quality_.gaps.size() < kMaxGapsKept)
        quality_.gaps.push_back(g);
    else
        ++quality_.gapsOmitted;
}

bool MarketEngine::seedHistory(const std::vector<DaySummary> &days, int64_t cvdBefore)
{
    if (today_ || hasTrade_)
        return false;
    const size_t keep = size_t(std::max(1, config_.cacheDays));
    history_.assign(days.size() > keep ? days.end() - std::ptrdiff_t(keep) : days.begin(), days.end());
    cvdAll_ = cvdBefore;
    return true;
}

void MarketEngine::apply(const MarketEvent &e)
{
    std::visit(
        [this](const auto &p) {
            using T = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<T, Trade>)
                onTrade(p);
            else if constexpr (std::is_same_v<T, MarkPrice>)
                onMark(p);
            else if constexpr (std::is_same_v<T, Liquidation>)
                onLiquidation(p);
            else if constexpr (std::is_same_v<T, OpenInterest>)
                onOpenInterest(p);
            else if constexpr (std::is_same_v<T, ExcludedTrade>)
                noteExcluded(std::string(p.type()));
            else if constexpr (std::is_same_v<T, FundingSettlement>)
                onFundingSettlement(p);
        },
        e.payload);
}

void MarketEngine::onTrade(const Trade &t)
{
    // One trade source at a time; aggTrade wins over raw trades (indicators.md §0).
    if (source_ != t.source) [[unlikely]] {
        if (source_ == TradeSource::AggTrade)
            return;
        if (source_) { // raw → aggTrade: ids restart
            quality_.warnings.push_back("switched trade source from trade to aggTrade");
            hasTrade_ = false;
        }
        source_ = t.source;
        quality_.tradeSource = t.source;
    }
    if (hasTrade_) {
        if (t.id <= lastId_) [[unlikely]] {
            ++quality_.duplicates;
            return;
        }
        // An id hole the source already explained (noteGap) is not recorded twice.
        if (t.id != lastId_ + 1 && notedIds_ != std::pair(lastId_ + 1, t.id - 1)) [[unlikely]]
            noteGap({lastTradeMs_, t.timeMs, lastId_ + 1, t.id - 1, "id_gap"});
    }
    if (symbol_.tickSize <= 0) [[unlikely]] {
        // No grid known: callers normally pre-scan (report, replay); else use the first
        // price's decimal grid, later finer prices count as off-grid.
        int64_t tick = 1;
        for (int d = fixedDecimals(t.price); d < kFixedDecimals; ++d)
            tick *= 10;
        setTickSize(tick, TickSource::Inferred);
    }

    TickTrade k;
    k.id = t.id;
    k.timeMs = t.timeMs;
    k.price = t.price;
    k.qty = t.qty;
    k.takerBuy = t.takerBuy();
    const int64_t tick = symbol_.tickSize;
    k.row = (2 * t.price + tick) / (2 * tick); // round half up (prices are positive)
    if (k.row * tick != t.price) [[unlikely]]
        ++quality_.offGridTrades;
    k.large = __int128(t.price) * t.qty >= largeThreshold_;
    k.scaled = scaler_.scale(t.price, t.qty);

    if (!today_ || t.timeMs >= today_->endMs() || t.timeMs < today_->startMs()) [[unlikely]] {
        const int64_t day = dayClock_.localDay(t.timeMs);
        if (!today_ || day > today_->day())
            roll(day);
        // else: a late trade stamped in an earlier day; it is counted in the current day
    }
    today_->add(k);
    sessions_.add(k);
    cvdAll_ += k.takerBuy ? k.qty : -k.qty;
    hasTrade_ = true;
    lastId_ = t.id;
    lastPrice_ = t.price;
    lastTradeMs_ = t.timeMs;
    asOfMs_ = std::max(asOfMs_, t.timeMs);
    ++applied_;
    for (EngineObserver *o : observers_)
        o->tradeAccepted(symbol_, t);
}

void MarketEngine::roll(int64_t newDay)
{
    if (today_) {
        if (onDayClosing)
            onDayClosing(publish());
        const DayTotals &tt = today_->totals();
        DaySummary s{today_->day(), today_->startMs(), today_->endMs(), tt.trades > 0, 0, tt.high, tt.low};
        std::shared_ptr<const DayView> closed = today_->view();
        if (closed->profile && !closed->profile->empty())
            s.pocRow = pocRow(*closed->profile).value_or(0);
        // The prior day is the calendar day before the new one (indicators.md §1): after days
        // without trades (a gap in a recording, a stopped feed) there is none.
        const bool adjacent = newDay == today_->day() + 1;
        prior_ = adjacent ? closed : nullptr;
        priorSessions_ = adjacent ? sessionsFor(*today_) : std::vector<SessionView>{};
        history_.push_back(s);
        while (history_.size() > size_t(std::max(1, config_.cacheDays)))
            history_.pop_front();
        sessions_.dropEndedBefore(today_->startMs());
    }
    const int64_t start = dayClock_.dayStartUtc(newDay), end = dayClock_.dayStartUtc(newDay + 1);
    today_.emplace(newDay, start, end, cvdAll_);
}

std::vector<SessionView> MarketEngine::sessionsFor(const DayBook &day) const
{
    return sessionsFor(day.startMs(), day.endMs());
}

std::vector<SessionView> MarketEngine::sessionsFor(int64_t startMs, int64_t endMs) const
{
    std::vector<SessionView> out;
    for (size_t i = 0; i < sessions_.defs().size(); ++i) {
        const SessionDef &d = sessions_.defs()[i];
        SessionView v{d.name, d.startMin, d.endMin, 0, 0, std::nullopt};
        if (const SessionStats *s = sessions_.instanceEndingIn(i, startMs, endMs, &v.windowStartMs, &v.windowEndMs))
            v.stats = *s;
        out.push_back(std::move(v));
    }
    return out;
}

void MarketEngine::sampleDepthUntil(int64_t eventMs)
{
    // One sample per second of exchange time: the book as it stood at the end of that second.
    if (!bookLive_ || nextDepthSampleMs_ == 0) {
        nextDepthSampleMs_ = (floorDiv(eventMs, 1000) + 1) * 1000;
        return;
    }
    if (eventMs < nextDepthSampleMs_)
        return;
    const DepthSample s = sampleLadder(book_, nextDepthSampleMs_);
    DepthHistory &h = depth_.mut();
    // Seconds without book events repeat the same book; record up to a minute of them.
    const int64_t last = std::min(floorDiv(eventMs, 1000) * 1000, nextDepthSampleMs_ + 60'000);
    for (int64_t t = nextDepthSampleMs_; t <= last; t += 1000) {
        DepthSample c = s;
        c.timeMs = t;
        h.add(std::move(c));
    }
    for (EngineObserver *o : observers_)
        o->depthSample(symbol_, s);
    if (auto row = heatmap_.mut().sample(book_, nextDepthSampleMs_, symbol_.tickSize))
        for (EngineObserver *o : observers_)
            o->heatmapRow(symbol_, *row);
    nextDepthSampleMs_ = (floorDiv(eventMs, 1000) + 1) * 1000;
}

void MarketEngine::onBookReset(const DepthSnapshot &s)
{
    book_.applySnapshot(s);
    bookLive_ = true;
    bookChanged_ = true;
    nextDepthSampleMs_ = 0;
    asOfMs_ = std::max(asOfMs_, s.eventMs);
}

void MarketEngine::onBookDiff(const DepthUpdate &u)
{
    sampleDepthUntil(u.eventMs);
    book_.apply(u);
    bookChanged_ = true;
    asOfMs_ = std::max(asOfMs_, u.eventMs);
}

void MarketEngine::onBookInvalid()
{
    if (bookLive_)
        if (auto row = heatmap_.mut().invalidate(asOfMs_))
            for (EngineObserver *o : observers_)
                o->heatmapRow(symbol_, *row);
    bookLive_ = false;
    bookChanged_ = true;
}

void MarketEngine::onMark(const MarkPrice &m)
{
    funding_.mut().onMark(m);
    asOfMs_ = std::max(asOfMs_, m.eventMs);
    for (EngineObserver *o : observers_)
        o->mark(symbol_, m);
}

void MarketEngine::onLiquidation(const Liquidation &l)
{
    liquidations_.mut().add(l);
    asOfMs_ = std::max(asOfMs_, l.eventMs);
    for (EngineObserver *o : observers_)
        o->liquidation(symbol_, l);
}

void MarketEngine::onOpenInterest(const OpenInterest &oi)
{
    funding_.mut().onOpenInterest(oi);
    for (EngineObserver *o : observers_)
        o->openInterest(symbol_, oi);
}

void MarketEngine::onFundingSettlement(const FundingSettlement &f)
{
    funding_.mut().onSettlement(f);
    for (EngineObserver *o : observers_)
        o->fundingSettlement(symbol_, f);
}

SnapshotPtr MarketEngine::publish()
{
    auto s = std::make_shared<EngineSnapshot>();
    s->symbol = symbol_;
    s->config = config_;
    s->seq = ++seq_;
    s->asOfMs = asOfMs_;
    s->hasTrade = hasTrade_;
    s->lastPrice = lastPrice_;
    s->lastTradeMs = lastTradeMs_;
    s->lastTradeId = lastId_;
    if (today_) {
        s->today = today_->view();
        s->todaySessions = sessionsFor(*today_);
    }
    s->prior = prior_;
    s->priorSessions = priorSessions_;
    s->history.assign(history_.begin(), history_.end());
    s->quality = quality_;
    s->cvdAll = cvdAll_;
    if (bookChanged_ || !bookView_) {
        auto b = std::make_shared<BookView>();
        b->live = bookLive_;
        if (bookLive_)
            b->book = book_;
        b->lastUpdateId = book_.lastUpdateId();
        bookView_ = std::move(b);
        bookChanged_ = false;
    }
    s->book = bookView_;
    s->depth = depth_.share();
    s->heatmap = heatmap_.share();
    s->liquidations = liquidations_.share();
    s->funding = funding_.share();
    s->ticker24h = ticker24h_;
    SnapshotPtr out = std::move(s);
    {
        std::lock_guard lock(publishMutex_);
        published_ = out;
    }
    return out;
}

SnapshotPtr MarketEngine::snapshot() const
{
    std::lock_guard lock(publishMutex_);
    return published_;
}

} // namespace co
