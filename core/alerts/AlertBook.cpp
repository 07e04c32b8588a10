#include "alerts/AlertBook.h"

#include "alerts/AlertStore.h"
#include "engine/BarQueries.h"
#include "engine/EngineRegistry.h"
#include "engine/KeyLevels.h"

#include <QJsonArray>

#include <algorithm>

namespace co {

namespace {
double value(int64_t units) { return double(units) / 1e8; }
} // namespace

AlertBook::AlertBook(const EngineRegistry &registry, std::shared_ptr<AlertStore> store)
    : registry_(registry), store_(std::move(store))
{
    if (!store_)
        return;
    rules_ = store_->loadRules();
    for (const AlertRule &r : rules_)
        nextRule_ = std::max(nextRule_, r.id + 1);
    for (AlertEvent &e : store_->loadEvents(int(kHistory))) {
        nextEvent_ = std::max(nextEvent_, e.id + 1);
        history_.push_back(std::move(e));
    }
}

std::optional<AlertRule> AlertBook::add(AlertRule rule, int64_t nowMs, QString *error)
{
    std::lock_guard lock(mutex_);
    if (std::count_if(rules_.begin(), rules_.end(), [](const AlertRule &r) { return r.active; }) >= long(kMaxRules)) {
        *error = QString("Too many alerts: at most %1 active; delete some with delete_alert").arg(kMaxRules);
        return std::nullopt;
    }
    rule.id = nextRule_++;
    rule.createdMs = nowMs;
    rule.active = true;
    if (store_)
        store_->saveRule(rule);
    rules_.push_back(rule);
    ++version_;
    return rule;
}

bool AlertBook::remove(int64_t id)
{
    std::lock_guard lock(mutex_);
    const auto n = std::erase_if(rules_, [id](const AlertRule &r) { return r.id == id; });
    state_.erase(id);
    if (n && store_)
        store_->deleteRule(id);
    version_ += n ? 1 : 0;
    return n > 0;
}

std::vector<AlertRule> AlertBook::rules() const
{
    std::lock_guard lock(mutex_);
    return rules_;
}

std::vector<AlertEvent> AlertBook::history(size_t limit) const
{
    std::lock_guard lock(mutex_);
    std::vector<AlertEvent> out;
    for (auto it = history_.rbegin(); it != history_.rend() && out.size() < limit; ++it)
        out.push_back(*it);
    return out;
}

uint64_t AlertBook::version() const
{
    std::lock_guard lock(mutex_);
    return version_;
}

int AlertBook::addListener(Listener l)
{
    std::lock_guard lock(listenersMutex_);
    listeners_.emplace(nextListener_, std::move(l));
    return nextListener_++;
}

void AlertBook::removeListener(int id)
{
    std::lock_guard lock(listenersMutex_);
    listeners_.erase(id);
}

const AlertBook::Levels &AlertBook::levelsOf(const std::string &symbol)
{
    Levels &l = levels_[symbol];
    const SnapshotPtr s = registry_.snapshot(symbol);
    if (!s || s->seq == l.seq)
        return l;
    // Once per published snapshot: levels move only as the engine publishes.
    const KeyLevels k = buildKeyLevels(*s, {});
    l.seq = s->seq;
    l.byName.clear();
    auto put = [&](const char *name, const std::optional<double> &v) {
        if (v)
            l.byName[name] = {*v};
    };
    put("dPOC", k.dPOC), put("dVAH", k.dVAH), put("dVAL", k.dVAL), put("dVWAP", k.dVWAP);
    put("pdPOC", k.pdPOC), put("pdVAH", k.pdVAH), put("pdVAL", k.pdVAL), put("pdHigh", k.pdHigh);
    put("pdLow", k.pdLow), put("pdClose", k.pdClose), put("sessionHigh", k.high), put("sessionLow", k.low);
    for (const NakedPoc &n : k.nakedPOCs)
        l.byName["nakedPOC"].push_back(n.price);
    return l;
}

std::optional<AlertEvent> AlertBook::checkTrade(AlertRule &rule, PerRule &st, const Trade &trade)
{
    const double price = value(trade.price);
    if (rule.kind == AlertKind::PriceCross) {
        const double before = st.lastPrice;
        st.lastPrice = price;
        if (before == 0)
            return std::nullopt; // the first trade seen only sets the side
        std::vector<double> targets{rule.price};
        if (rule.level != "price")
            targets = levelsOf(rule.symbol.toStdString()).byName.value(rule.level);
        for (const double level : targets) {
            if ((before < level && price >= level) || (before > level && price <= level)) {
                AlertEvent e;
                e.message = QString("%1 crossed %2 %3 (%4 → %5)")
                                .arg(rule.symbol, rule.level, QString::number(level), QString::number(before), QString::number(price));
                e.detail = QJsonObject{{"level", rule.level}, {"levelPrice", level}, {"from", before},
                                       {"direction", price > before ? "up" : "down"}};
                return e;
            }
        }
        return std::nullopt;
    }
    if (rule.kind == AlertKind::StackedImbalance) {
        const auto tf = parseTimeframe(rule.timeframe.toStdString());
        const int64_t open = trade.timeMs - trade.timeMs % timeframeMs(*tf);
        const int64_t closed = st.barOpen;
        st.barOpen = open;
        if (closed < 0 || open == closed)
            return std::nullopt;
        // A bar just closed: its stacked zones, from the latest snapshot.
        const SnapshotPtr s = registry_.snapshot(rule.symbol.toStdString());
        if (!s)
            return std::nullopt;
        const auto m = buildOrderflowMetrics(*s, *tf, trade.timeMs);
        const auto *metrics = std::get_if<OrderflowMetrics>(&m);
        if (!metrics)
            return std::nullopt;
        for (const auto &bar : {metrics->current, metrics->previous}) {
            if (!bar || bar->openTime != closed)
                continue;
            for (const StackedResult &z : bar->stacked) {
                if (z.count < rule.rows)
                    continue;
                AlertEvent e;
                e.message = QString("%1 %2 bar at %3: %4 stacked %5 imbalance rows %6…%7")
                                .arg(rule.symbol, rule.timeframe, QString::number(closed), QString::number(z.count),
                                     QString::fromStdString(z.side), QString::number(z.low), QString::number(z.high));
                e.detail = QJsonObject{{"barOpenMs", double(closed)}, {"rows", z.count}, {"side", QString::fromStdString(z.side)},
                                       {"low", z.low}, {"high", z.high}, {"timeframe", rule.timeframe}};
                e.price = price;
                return e;
            }
        }
    }
    if (rule.kind == AlertKind::Divergence) {
        if (!st.divergence)
            st.divergence.emplace(timeframeMs(*parseTimeframe(rule.timeframe.toStdString())));
        const double qty = value(trade.qty) * (trade.takerBuy() ? 1 : -1);
        const auto d = st.divergence->add(trade.timeMs, price, qty, sessionEnd(rule.symbol.toStdString(), trade.timeMs));
        if (!d)
            return std::nullopt;
        AlertEvent e;
        e.message = QString("%1 %2 %3 divergence: bar at %4 made a new session %5 %6 (previous %7) with CVD %8 against %9")
                        .arg(rule.symbol, rule.timeframe, d->bearish ? "bearish" : "bullish", QString::number(d->barOpenMs),
                             d->bearish ? "high" : "low", QString::number(d->extreme), QString::number(d->previous),
                             QString::number(d->cvd), QString::number(d->previousCvd));
        e.detail = QJsonObject{{"side", d->bearish ? "bearish" : "bullish"}, {"barOpenMs", double(d->barOpenMs)},
                               {"extreme", d->extreme}, {"previousExtreme", d->previous}, {"cvd", d->cvd},
                               {"previousCvd", d->previousCvd}, {"timeframe", rule.timeframe}};
        return e;
    }
    return std::nullopt;
}

int64_t AlertBook::sessionEnd(const std::string &symbol, int64_t timeMs) const
{
    constexpr int64_t kDay = 86'400'000;
    const SnapshotPtr s = registry_.snapshot(symbol);
    if (!s || !s->today || timeMs < s->today->startMs)
        return timeMs - timeMs % kDay + kDay; // no engine day yet: UTC days
    int64_t end = s->today->endMs;
    while (timeMs >= end) // the snapshot lags the day's first trades by up to one publish
        end += kDay;
    return end;
}

void AlertBook::fire(AlertRule &rule, AlertEvent e, std::vector<AlertEvent> &out)
{
    rule.active = false;
    e.id = nextEvent_++;
    e.ruleId = rule.id;
    e.symbol = rule.symbol;
    e.kind = alertKindName(rule.kind);
    if (!rule.note.isEmpty())
        e.detail.insert("note", rule.note);
    if (store_) {
        store_->saveRule(rule);
        store_->saveEvent(e);
    }
    history_.push_back(e);
    if (history_.size() > kHistory)
        history_.pop_front();
    ++version_;
    out.push_back(std::move(e));
}

void AlertBook::tradeAccepted(const SymbolInfo &symbol, const Trade &trade)
{
    std::vector<AlertEvent> fired;
    {
        std::lock_guard lock(mutex_);
        const QString name = QString::fromStdString(symbol.name);
        for (AlertRule &r : rules_) {
            if (!r.active || r.symbol != name || r.kind == AlertKind::Liquidations)
                continue;
            if (auto e = checkTrade(r, state_[r.id], trade)) {
                e->price = value(trade.price);
                e->timeMs = trade.timeMs;
                fire(r, std::move(*e), fired);
            }
        }
    }
    notify(fired);
}

void AlertBook::liquidation(const SymbolInfo &symbol, const Liquidation &l)
{
    std::vector<AlertEvent> fired;
    {
        std::lock_guard lock(mutex_);
        const QString name = QString::fromStdString(symbol.name);
        const double notional = value(l.avgPrice ? l.avgPrice : l.price) * value(l.filledQty);
        const int64_t t = l.tradeMs ? l.tradeMs : l.eventMs;
        for (AlertRule &r : rules_) {
            if (!r.active || r.symbol != name || r.kind != AlertKind::Liquidations)
                continue;
            auto &q = state_[r.id].liqs;
            q.emplace_back(t, notional);
            while (!q.empty() && q.front().first <= t - r.windowMs)
                q.pop_front();
            double sum = 0;
            for (const auto &[when, usdt] : q)
                sum += usdt;
            if (sum < r.usdt)
                continue;
            AlertEvent e;
            e.price = value(l.avgPrice ? l.avgPrice : l.price);
            e.timeMs = t;
            e.message = QString("%1: %2 USDT liquidated within %3 s (%4 orders)")
                            .arg(r.symbol, QString::number(sum, 'f', 2), QString::number(r.windowMs / 1000)).arg(q.size());
            e.detail = QJsonObject{{"usdt", sum}, {"orders", int(q.size())}, {"windowSeconds", double(r.windowMs) / 1000}};
            fire(r, std::move(e), fired);
        }
    }
    notify(fired);
}

void AlertBook::notify(const std::vector<AlertEvent> &events)
{
    if (events.empty())
        return;
    std::lock_guard lock(listenersMutex_);
    for (const AlertEvent &e : events)
        for (const auto &[id, l] : listeners_)
            l(e);
}

} // namespace co
