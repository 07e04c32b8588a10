#pragma once
// Alert rules and fired alerts in the cache database (migration 0006_alerts.sql), on its own
// connection. Called under the AlertBook's lock: rules change and alerts fire rarely.
#include "alerts/Alert.h"

#include <QString>

#include <memory>
#include <vector>

namespace co {

class Database;

class AlertStore {
public:
    AlertStore();
    ~AlertStore();
    bool open(const QString &path, QString *error);

    std::vector<AlertRule> loadRules();
    std::vector<AlertEvent> loadEvents(int limit); // oldest first
    bool saveRule(const AlertRule &r);             // insert or replace
    bool deleteRule(int64_t id);
    bool saveEvent(const AlertEvent &e);

private:
    std::unique_ptr<Database> db_;
};

} // namespace co
