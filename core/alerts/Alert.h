#pragma once
// Alert rules and fired alerts (issue 19): what the user asks to be told about, and what was told.
// Nothing here can trade: an alert only annotates.
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>

namespace co {

enum class AlertKind { PriceCross, StackedImbalance, Liquidations, Divergence };

struct AlertRule {
    int64_t id = 0;
    QString symbol;
    AlertKind kind = AlertKind::PriceCross;
    // PriceCross: a named level (dPOC, dVAH, dVAL, dVWAP, pdPOC, pdVAH, pdVAL, pdHigh, pdLow, pdClose,
    // sessionHigh, sessionLow, nakedPOC) or "price" with price set.
    QString level;
    double price = 0;
    int rows = 0;      // StackedImbalance: at least this many rows
    QString timeframe; // StackedImbalance, Divergence (alerts/Divergence.h): 1m, 5m, 15m, 30m, 1h
    double usdt = 0;   // Liquidations: at least this notional…
    int64_t windowMs = 0; // …within this window
    QString note;
    int64_t createdMs = 0;
    bool active = true; // one-shot: a rule that fired is kept, inactive

    QJsonObject toJson() const;
    // Validates; the error names the argument and its allowed values.
    static std::optional<AlertRule> fromJson(const QJsonObject &o, QString *error);
};

struct AlertEvent {
    int64_t id = 0;
    int64_t ruleId = 0;
    QString symbol, kind, message;
    double price = 0;  // the trade price that fired it (liquidations: the last one's average price)
    int64_t timeMs = 0; // exchange time
    QJsonObject detail;

    QJsonObject toJson() const;
};

QString alertKindName(AlertKind k);
// The named levels a price alert may watch.
const QStringList &alertLevelNames();

} // namespace co
