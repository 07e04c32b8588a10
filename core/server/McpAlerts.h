#pragma once
// The alert tools (set_alert, list_alerts, delete_alert), the orderflow://alerts resource and the
// notification a fired alert becomes, over an AlertBook. The tools change only alert rules: not
// read-only, never destructive of market data, and nothing here can trade.
#include "alerts/AlertBook.h"
#include "server/ApiError.h"

#include <QJsonArray>
#include <QJsonObject>

#include <variant>

namespace co {

class McpAlerts {
public:
    static constexpr const char *kUri = "orderflow://alerts";

    static QJsonArray toolDefs();
    static bool isAlertTool(const QString &name);
    // The structured result, or a tool-level error naming the argument.
    static std::variant<QJsonObject, ApiError> call(AlertBook &book, const QString &name, const QJsonObject &args,
                                                    const QStringList &symbols, int64_t nowMs);
    // {"alerts":[rules…],"fired":[newest first…]}: the resource and GET /api/alerts.
    static QJsonObject state(const AlertBook &book);
    // notifications/resources/updated for orderflow://alerts with the fired alert in _meta
    // (subscriptionId: the 2026-07-28 listen stream's id; undefined for the 2025 GET stream).
    static QByteArray notification(const AlertEvent &e, const QJsonValue &subscriptionId = QJsonValue::Undefined);
    // notifications/message (level notice, logger "alerts") for 2025 sessions that set a log level.
    static QByteArray logMessage(const AlertEvent &e);
};

} // namespace co
