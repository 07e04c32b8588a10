#pragma once
// The alert rules and their evaluation. An EngineObserver: each accepted trade and liquidation of
// an engine is checked against the active rules of its symbol on the engine's writer thread, with
// the levels of the engine's latest published snapshot (computed once per snapshot): nothing
// polls. A rule fires once (then stays, inactive); the fired alert is kept (history, and the
// store when one is set) and handed to the listeners (servers push it to subscribed clients).
// Thread-safe: rules are set from server threads while engines evaluate.
#include "alerts/Alert.h"
#include "alerts/Divergence.h"
#include "engine/EngineObserver.h"

#include <QHash>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace co {

class EngineRegistry;
class AlertStore;

class AlertBook : public EngineObserver {
public:
    static constexpr size_t kMaxRules = 200;
    static constexpr size_t kHistory = 500;

    // store: optional persistence (rules and fired alerts are loaded from it at once).
    explicit AlertBook(const EngineRegistry &registry, std::shared_ptr<AlertStore> store = {});

    // The rule as stored (id and time set), or the error naming the argument.
    std::optional<AlertRule> add(AlertRule rule, int64_t nowMs, QString *error);
    bool remove(int64_t id);
    std::vector<AlertRule> rules() const;
    std::vector<AlertEvent> history(size_t limit = 50) const; // newest first
    // Changes on every rule change and fired alert (readers cache by it).
    uint64_t version() const;

    using Listener = std::function<void(const AlertEvent &)>;
    int addListener(Listener l);
    void removeListener(int id);

    // EngineObserver (writer threads)
    void tradeAccepted(const SymbolInfo &symbol, const Trade &trade) override;
    void liquidation(const SymbolInfo &symbol, const Liquidation &l) override;

private:
    struct Levels {
        uint64_t seq = UINT64_MAX;
        QHash<QString, std::vector<double>> byName;
    };
    struct PerRule {
        double lastPrice = 0; // PriceCross
        int64_t barOpen = -1; // StackedImbalance: the bar of the last trade
        std::deque<std::pair<int64_t, double>> liqs; // Liquidations: time, notional
        std::optional<DivergenceTracker> divergence;
    };
    // The end (UTC ms) of the engine day holding timeMs (UTC midnight when no snapshot covers it).
    int64_t sessionEnd(const std::string &symbol, int64_t timeMs) const;
    const Levels &levelsOf(const std::string &symbol);
    std::optional<AlertEvent> checkTrade(AlertRule &rule, PerRule &state, const Trade &trade);
    void fire(AlertRule &rule, AlertEvent e, std::vector<AlertEvent> &out);
    void notify(const std::vector<AlertEvent> &events);

    const EngineRegistry &registry_;
    std::shared_ptr<AlertStore> store_;
    mutable std::mutex mutex_;
    std::vector<AlertRule> rules_;
    std::map<int64_t, PerRule> state_;
    std::deque<AlertEvent> history_; // newest last
    std::map<std::string, Levels> levels_;
    int64_t nextRule_ = 1, nextEvent_ = 1;
    uint64_t version_ = 0;
    std::mutex listenersMutex_;
    std::map<int, Listener> listeners_;
    int nextListener_ = 1;
};

} // namespace co
